import type { PeriodId, StoredState, SubjectKind } from '@kaoping/contract';

/** One aggregate state: an indicator's (or rule's) state for one subject in one period. */
export class StateEntry<S = unknown> {
  /** Whether the state changed since the last `clearDirty()` (what needs saving or re-scoring). */
  dirty = false;

  constructor(
    readonly key: string,
    readonly indicator: string,
    readonly subjectKind: SubjectKind,
    readonly subjectId: string,
    readonly period: PeriodId,
    public state: S,
  ) {}
}

/** How to merge two states of an indicator; the table does not know the plugins itself. */
export type MergeLookup = (indicatorId: string) => ((a: unknown, b: unknown) => unknown) | undefined;

/** `\u0000` cannot occur in ids, so keys never collide. */
export function stateKey(indicator: string, subjectKind: SubjectKind, subjectId: string, period: PeriodId): string {
  return `${indicator}\u0000${subjectKind}\u0000${subjectId}\u0000${period}`;
}

/**
 * States keyed by (indicator or rule id, subject kind, subject id, period). The incremental hook,
 * import and the batch workers all fill one of these with the same `accumulate`, and partial
 * tables from workers are combined with `mergeFrom`.
 */
export class StateTable {
  private readonly map = new Map<string, StateEntry>();
  private dirtyList: StateEntry[] = [];

  constructor(private readonly mergeOf?: MergeLookup) {}

  get size(): number {
    return this.map.size;
  }

  get(indicator: string, subjectKind: SubjectKind, subjectId: string, period: PeriodId): StateEntry | undefined {
    return this.map.get(stateKey(indicator, subjectKind, subjectId, period));
  }

  /** The entry, created with `init()` when missing (a new entry is not dirty until marked). */
  getOrInit(indicator: string, subjectKind: SubjectKind, subjectId: string, period: PeriodId, init: () => unknown): StateEntry {
    const key = stateKey(indicator, subjectKind, subjectId, period);
    let entry = this.map.get(key);
    if (entry === undefined) {
      entry = new StateEntry(key, indicator, subjectKind, subjectId, period, init());
      this.map.set(key, entry);
    }
    return entry;
  }

  markDirty(entry: StateEntry): void {
    if (entry.dirty) return;
    entry.dirty = true;
    this.dirtyList.push(entry);
  }

  entries(): IterableIterator<StateEntry> {
    return this.map.values();
  }

  /** Entries changed since the last `clearDirty()`, in the order they first changed. */
  dirty(): readonly StateEntry[] {
    return this.dirtyList;
  }

  clearDirty(): void {
    for (const e of this.dirtyList) e.dirty = false;
    this.dirtyList = [];
  }

  /** Rows for `Store.putStates`; `dirtyOnly` saves just what changed. */
  toStoredStates(options: { dirtyOnly?: boolean } = {}): StoredState[] {
    const source = options.dirtyOnly ? this.dirtyList : this.map.values();
    const rows: StoredState[] = [];
    for (const e of source) rows.push({ subjectKind: e.subjectKind, subjectId: e.subjectId, indicator: e.indicator, period: e.period, state: e.state });
    return rows;
  }

  /** Puts stored rows in, replacing entries with the same key; loaded entries are clean. */
  load(rows: Iterable<StoredState>): void {
    for (const r of rows) {
      const key = stateKey(r.indicator, r.subjectKind, r.subjectId, r.period);
      const old = this.map.get(key);
      if (old?.dirty) old.state = r.state;
      else this.map.set(key, new StateEntry(key, r.indicator, r.subjectKind, r.subjectId, r.period, r.state));
    }
  }

  /**
   * Merges partial states in (another table, or stored rows): a key already present is combined
   * with the indicator's `merge`, a new key is taken as is. Every merged entry becomes dirty.
   */
  mergeFrom(other: StateTable | Iterable<StoredState>): void {
    const rows: Iterable<StoredState> = other instanceof StateTable ? other.toStoredStates() : other;
    for (const r of rows) {
      const key = stateKey(r.indicator, r.subjectKind, r.subjectId, r.period);
      let entry = this.map.get(key);
      if (entry === undefined) {
        entry = new StateEntry(key, r.indicator, r.subjectKind, r.subjectId, r.period, r.state);
        this.map.set(key, entry);
      } else {
        const merge = this.mergeOf?.(r.indicator);
        if (!merge) throw new Error(`StateTable.mergeFrom: no merge function known for "${r.indicator}"`);
        entry.state = merge(entry.state, r.state);
      }
      this.markDirty(entry);
    }
  }

  /** Drops every state of one indicator (a plugin that failed). */
  removeIndicator(indicator: string): void {
    for (const [key, e] of this.map) if (e.indicator === indicator) this.map.delete(key);
    this.dirtyList = this.dirtyList.filter((e) => e.indicator !== indicator);
  }

  clear(): void {
    this.map.clear();
    this.dirtyList = [];
  }
}

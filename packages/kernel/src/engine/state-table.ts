import type { PeriodId, StoredState, SubjectKind } from '@kaoping/contract';

/** One aggregate state: an indicator's (or rule's) state for one subject in one period. */
export class StateEntry<S = unknown> {
  /** Whether the state changed since the last `clearDirty()` (what needs saving or re-scoring). */
  dirty = false;

  constructor(
    readonly indicator: string,
    readonly subjectKind: SubjectKind,
    readonly subjectId: string,
    readonly period: PeriodId,
    public state: S,
  ) {}
}

/** How to merge two states of an indicator; the table does not know the plugins itself. */
export type MergeLookup = (indicatorId: string) => ((a: unknown, b: unknown) => unknown) | undefined;

/**
 * The states of one (indicator, subject kind, subject) by period: what one event's `add`s share.
 * The first period's entry is held inline and a Map made only for a second: a period close loads
 * one period, and a province year's quarter of a million slots each kept a Map and its hash table
 * for a single entry, a third of the heap every full garbage collection had to mark.
 */
export class SubjectStates {
  private first: StateEntry | undefined;
  private more: Map<PeriodId, StateEntry> | undefined;

  constructor(
    private readonly table: StateTable,
    readonly indicator: string,
    readonly subjectKind: SubjectKind,
    readonly subjectId: string,
  ) {}

  get(period: PeriodId): StateEntry | undefined {
    const first = this.first;
    return first !== undefined && first.period === period ? first : this.more?.get(period);
  }

  getOrInit(period: PeriodId, init: () => unknown): StateEntry {
    return this.get(period) ?? this.table.initMissing(this, period, init);
  }

  /** How many periods have a state. */
  get size(): number {
    return (this.first === undefined ? 0 : 1) + (this.more?.size ?? 0);
  }

  /** The entries in the order their periods came. */
  *values(): IterableIterator<StateEntry> {
    if (this.first !== undefined) yield this.first;
    if (this.more !== undefined) yield* this.more.values();
  }

  /** @internal Holds the entry of its period, replacing one there (StateTable.put goes through here). */
  set(entry: StateEntry): void {
    if (this.first === undefined || this.first.period === entry.period) this.first = entry;
    else (this.more ??= new Map()).set(entry.period, entry);
  }
}

/**
 * Where a table finds the kept states of a period it has not loaded yet: the store, read
 * synchronously (the hook answers synchronously), one period at a time and only when first needed.
 */
export interface StateSource {
  /** Every kept state of one period. */
  load(period: PeriodId): Iterable<StoredState>;
  /** The periods that have kept states. */
  periods(): Iterable<PeriodId>;
}

interface IndicatorStates {
  person: Map<string, SubjectStates>;
  unit: Map<string, SubjectStates>;
}

/**
 * States keyed by (indicator or rule id, subject kind, subject id, period). The incremental hook,
 * import and the batch workers all fill one of these with the same `accumulate`, and partial
 * tables from workers are combined with `mergeFrom`.
 *
 * Nested maps rather than one map on a joined string key: the hook then looks up strings it
 * already holds (ids from the event, period ids, plugin ids), whose hashes V8 caches, instead of
 * building and hashing a new key for every state it touches.
 */
export class StateTable {
  private readonly byIndicator = new Map<string, IndicatorStates>();
  /** The same entries by period: what a close, the loop's checks and a period load walk. */
  private readonly byPeriodIndex = new Map<PeriodId, StateEntry[]>();
  private count = 0;
  private dirtyList: StateEntry[] = [];
  private source: StateSource | undefined;
  /** With a source: the periods whose kept states are in memory (or being put in). */
  private readonly loaded = new Set<PeriodId>();

  constructor(private readonly mergeOf?: MergeLookup) {}

  /**
   * Makes the table lazy: the kept states of a period are read from `source` the first time the
   * period is touched (a lookup, a new state, a merge, `periodEntries`), not all up front. Start-up
   * then costs nothing per kept state, and a command that needs one period reads one period.
   */
  loadFrom(source: StateSource): void {
    this.source = source;
    this.loaded.clear();
  }

  /** Whether periods are read from a source when first touched (`loadFrom`). */
  get lazy(): boolean {
    return this.source !== undefined;
  }

  /**
   * Reads a period's kept states in, unless done already. A state already in memory wins over the
   * stored one: it is the same or newer (changed, not yet written).
   */
  ensurePeriod(period: PeriodId): void {
    if (this.source === undefined || this.loaded.has(period)) return;
    this.loaded.add(period);
    for (const r of this.source.load(period)) {
      const slot = this.subject(r.indicator, r.subjectKind, r.subjectId);
      if (slot.get(r.period) === undefined) this.put(slot, r.period, r.state);
    }
  }

  /** @internal A state missing from a slot: load its period first (it may be stored), else `init()`. */
  initMissing(slot: SubjectStates, period: PeriodId, init: () => unknown): StateEntry {
    if (this.source !== undefined && !this.loaded.has(period)) {
      this.ensurePeriod(period);
      const stored = slot.get(period);
      if (stored !== undefined) return stored;
    }
    return this.put(slot, period, init());
  }

  get size(): number {
    return this.count;
  }

  /** The states of one subject for one indicator, by period; created empty when missing. */
  subject(indicator: string, subjectKind: SubjectKind, subjectId: string): SubjectStates {
    let ind = this.byIndicator.get(indicator);
    if (ind === undefined) {
      ind = { person: new Map(), unit: new Map() };
      this.byIndicator.set(indicator, ind);
    }
    const bySubject = ind[subjectKind];
    let slot = bySubject.get(subjectId);
    if (slot === undefined) {
      slot = new SubjectStates(this, indicator, subjectKind, subjectId);
      bySubject.set(subjectId, slot);
    }
    return slot;
  }

  /** @internal Creates an entry in a slot (SubjectStates.getOrInit and load/merge go through here). */
  put(slot: SubjectStates, period: PeriodId, state: unknown): StateEntry {
    const entry = new StateEntry(slot.indicator, slot.subjectKind, slot.subjectId, period, state);
    slot.set(entry);
    let list = this.byPeriodIndex.get(period);
    if (list === undefined) this.byPeriodIndex.set(period, (list = []));
    list.push(entry);
    this.count++;
    return entry;
  }

  get(indicator: string, subjectKind: SubjectKind, subjectId: string, period: PeriodId): StateEntry | undefined {
    const entry = this.byIndicator.get(indicator)?.[subjectKind].get(subjectId)?.get(period);
    if (entry !== undefined || this.source === undefined || this.loaded.has(period)) return entry;
    this.ensurePeriod(period);
    return this.byIndicator.get(indicator)?.[subjectKind].get(subjectId)?.get(period);
  }

  /** The entry, created with `init()` when missing (a new entry is not dirty until marked). */
  getOrInit(indicator: string, subjectKind: SubjectKind, subjectId: string, period: PeriodId, init: () => unknown): StateEntry {
    return this.subject(indicator, subjectKind, subjectId).getOrInit(period, init);
  }

  markDirty(entry: StateEntry): void {
    if (entry.dirty) return;
    entry.dirty = true;
    this.dirtyList.push(entry);
  }

  /** Every state of one period (its kept states read in first, when the table is lazy). */
  periodEntries(period: PeriodId): readonly StateEntry[] {
    this.ensurePeriod(period);
    return this.byPeriodIndex.get(period) ?? [];
  }

  /** The periods that have states, in memory or kept in the source. */
  periods(): PeriodId[] {
    const out = new Set<PeriodId>(this.source?.periods() ?? []);
    for (const [period, list] of this.byPeriodIndex) if (list.length > 0) out.add(period);
    return [...out];
  }

  /** The states in memory (of a lazy table: those of the periods read so far; see `periodEntries`). */
  *entries(): IterableIterator<StateEntry> {
    for (const ind of this.byIndicator.values()) {
      for (const bySubject of [ind.person, ind.unit]) {
        for (const slot of bySubject.values()) yield* slot.values();
      }
    }
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
    const source = options.dirtyOnly ? this.dirtyList : this.entries();
    const rows: StoredState[] = [];
    for (const e of source) rows.push({ subjectKind: e.subjectKind, subjectId: e.subjectId, indicator: e.indicator, period: e.period, state: e.state });
    return rows;
  }

  /** Puts stored rows in, replacing the state of entries with the same key; loaded entries are clean. */
  load(rows: Iterable<StoredState>): void {
    for (const r of rows) {
      const slot = this.subject(r.indicator, r.subjectKind, r.subjectId);
      const old = slot.get(r.period);
      if (old) old.state = r.state;
      else this.put(slot, r.period, r.state);
    }
  }

  /**
   * Merges partial states in (another table, or stored rows): a key already present is combined
   * with the indicator's `merge`, a new key is taken as is. Every merged entry becomes dirty.
   */
  mergeFrom(other: StateTable | Iterable<StoredState>): void {
    const rows: Iterable<StoredState> = other instanceof StateTable ? other.toStoredStates() : other;
    for (const r of rows) {
      this.ensurePeriod(r.period);
      const slot = this.subject(r.indicator, r.subjectKind, r.subjectId);
      let entry = slot.get(r.period);
      if (entry === undefined) {
        entry = this.put(slot, r.period, r.state);
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
    const ind = this.byIndicator.get(indicator);
    if (!ind) return;
    for (const bySubject of [ind.person, ind.unit]) for (const slot of bySubject.values()) this.count -= slot.size;
    this.byIndicator.delete(indicator);
    this.dirtyList = this.dirtyList.filter((e) => e.indicator !== indicator);
    for (const [period, list] of this.byPeriodIndex) this.byPeriodIndex.set(period, list.filter((e) => e.indicator !== indicator));
  }

  /** Forgets every state; a lazy table reads each period from its source again when next touched. */
  clear(): void {
    this.byIndicator.clear();
    this.byPeriodIndex.clear();
    this.loaded.clear();
    this.count = 0;
    this.dirtyList = [];
  }
}

import type { ActivityEvent, Store } from '@kaoping/contract';
import type { StateTable } from './state-table.js';

const keyOf = (e: ActivityEvent): string => `${e.source}\u0000${e.id}`;

/**
 * What a store-backed hook keeps: every event it counts, written together with the states it
 * changed in one transaction per turn of the event loop (a group commit). A commit per call would
 * cost a WAL write per business event; this costs one per turn, and after a crash the store
 * still holds events and states that agree. A repeat of a stored or not-yet-written event is
 * refused, so a host that retries a call never double-counts.
 */
export class HookJournal {
  private pending: ActivityEvent[] = [];
  /** Events admitted and not yet committed: a repeat among them is a duplicate too. */
  private readonly unwritten = new Set<string>();
  private scheduled = false;

  constructor(
    private readonly store: Store & Required<Pick<Store, 'hasEventSync'>>,
    private readonly states: StateTable,
    private readonly onError: (error: unknown) => void,
  ) {}

  /** Whether the event is new; a new one is written with the next group. */
  admit(event: ActivityEvent): boolean {
    const key = keyOf(event);
    if (this.unwritten.has(key) || this.store.hasEventSync(event.source, event.id)) return false;
    this.pending.push(event);
    this.unwritten.add(key);
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => {
        this.scheduled = false;
        this.write().catch(this.onError);
      });
    }
    return true;
  }

  /** Writes the admitted events and every changed state in one transaction; returns how many events. */
  async write(): Promise<number> {
    const { store, states } = this;
    if (this.pending.length === 0 && states.dirty().length === 0) return 0;
    let batch: ActivityEvent[] = [];
    try {
      await store.transaction(async () => {
        batch = this.pending;
        this.pending = [];
        if (batch.length) await store.appendEvents(batch);
        const rows = states.toStoredStates({ dirtyOnly: true });
        if (rows.length) await store.putStates(rows);
        states.clearDirty();
      });
    } catch (e) {
      this.pending = batch.concat(this.pending);
      throw e;
    }
    for (const e of batch) this.unwritten.delete(keyOf(e));
    return batch.length;
  }
}

import type { ActivityEvent, Store } from '@kaoping/contract';
import type { StateEntry, StateTable } from './state-table.js';

/**
 * Event keys by source, then id: no joined string to build and hash per call, and the id's hash,
 * computed when the call is admitted, is the one its removal uses.
 */
class EventKeys {
  readonly #bySource = new Map<string, Set<string>>();

  has(e: ActivityEvent): boolean {
    return this.#bySource.get(e.source)?.has(e.id) === true;
  }

  add(e: ActivityEvent): void {
    let ids = this.#bySource.get(e.source);
    if (ids === undefined) this.#bySource.set(e.source, ids = new Set());
    ids.add(e.id);
  }

  delete(e: ActivityEvent): void {
    this.#bySource.get(e.source)?.delete(e.id);
  }
}

/**
 * How long admitted events wait for others to share their commit. A commit costs a WAL write of
 * every page it touched whatever the number of rows (the last leaves of the event table and of its
 * indexes, again at each commit), and the checkpoint copies them once more, so under load one
 * commit per turn of the event loop (a few events) spent most of a hook call's time. 20 ms gathers
 * tens of events per commit at a few thousand calls a second: CPU per call 17 % below an 8 ms
 * window, little more to gain at 40 ms. A host calling now and then still has its event on disk
 * within the window.
 */
export const GROUP_COMMIT_MS = 20;
/** A group this large is written at once rather than at the end of the window. */
export const GROUP_COMMIT_MAX = 128;

export interface HookJournalOptions {
  /** Default GROUP_COMMIT_MS; 0 writes on the next turn of the event loop. */
  groupMs?: number;
}

/**
 * What a store-backed hook keeps: every event it counts, written in one transaction per group (a
 * group commit: the events admitted within a short window). A repeat of a stored or
 * not-yet-written event is refused, so a host that retries a call never double-counts.
 *
 * The states the events changed go with them when the store cannot replay events; a store that
 * keeps a checkpoint of its states (`eventsAfterStatesSync`) gets them only at `write('all')`:
 * the kernel's flush once a second, before an import batch, and at stop. Upserting every touched
 * state per group was most of a hook call's cost; after a crash start-up counts the events past the
 * checkpoint again. Either way the store holds events and states that agree.
 * `write('events')` writes the open group at once; the closed loop calls it before it reads what
 * the hook's events left in the store. A store with a background writer commits the groups off
 * this thread (`appendEventsDetached`), and the full write too where it can (`checkpointDetached`):
 * upserting a second's states on the serving thread held every request that arrived meanwhile.
 */
export class HookJournal {
  private pending: ActivityEvent[] = [];
  /** The last group written: an outer transaction it joined (an import batch) may still roll it back. */
  private lastWritten: ActivityEvent[] = [];
  /** Events admitted and not yet committed: a repeat among them is a duplicate too. */
  private readonly unwritten = new EventKeys();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly groupMs: number;
  /** Whether the store replays events past its states' checkpoint, so a group may go without its states. */
  private readonly checkpointed: boolean;
  /** Events stored since states were last written: a checkpoint is due even when no state changed. */
  private sinceCheckpoint = 0;
  /** The last group handed to a store that commits it off this thread (settles once it is stored or refused). */
  private detached: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly store: Store & Required<Pick<Store, 'hasEventSync'>>,
    private readonly states: StateTable,
    private readonly onError: (error: unknown) => void,
    options: HookJournalOptions = {},
  ) {
    this.groupMs = options.groupMs ?? GROUP_COMMIT_MS;
    this.checkpointed = typeof store.eventsAfterStatesSync === 'function';
  }

  /** The events admitted and not yet written, in order. */
  get unwrittenEvents(): readonly ActivityEvent[] {
    return this.pending;
  }

  /**
   * After an outer transaction rolled back: takes back the events of the last group that the store
   * does not hold, to be counted and written again; returns them.
   */
  takeBackUnstored(): ActivityEvent[] {
    const lost = this.lastWritten.filter((e) => !this.store.hasEventSync(e.source, e.id));
    this.lastWritten = [];
    if (lost.length === 0) return lost;
    for (const e of lost) this.unwritten.add(e);
    this.pending = lost.concat(this.pending);
    if (this.timer === undefined) this.schedule(this.groupMs);
    return lost;
  }

  /** Whether the event is new; a new one is written with its group. */
  admit(event: ActivityEvent): boolean {
    if (this.unwritten.has(event) || this.store.hasEventSync(event.source, event.id)) return false;
    this.pending.push(event);
    this.unwritten.add(event);
    if (this.pending.length >= GROUP_COMMIT_MAX) this.schedule(0);
    else if (this.timer === undefined) this.schedule(this.groupMs);
    return true;
  }

  private schedule(ms: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.write('events').catch(this.onError);
    }, ms);
  }

  /**
   * Writes the admitted events in one transaction, with every changed state when `what` is 'all'
   * or the store keeps no checkpoint; returns how many events.
   */
  async write(what: 'all' | 'events' = 'all'): Promise<number> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const { store, states } = this;
    const withStates = what === 'all' || !this.checkpointed;
    const dirty = withStates && (states.dirty().length > 0 || this.sinceCheckpoint > 0);
    // Nothing left to write, but a group may still be on its way: the caller (the loop, before it
    // reads) is told it is stored only once it is. Never awaited for a full write, which may run
    // inside an import batch that the group's turn is queued behind.
    if (this.pending.length === 0 && !dirty) {
      if (what === 'events') await this.detached;
      return 0;
    }
    if (!withStates && store.appendEventsDetached) return this.writeDetached(false);
    if (this.checkpointed && store.checkpointDetached) return this.writeDetached(true);
    let batch: ActivityEvent[] = [];
    try {
      await store.transaction(async () => {
        batch = this.pending;
        this.pending = [];
        if (batch.length) await store.appendEvents(batch);
        if (!withStates) return;
        const rows = states.toStoredStates({ dirtyOnly: true });
        // Also with no rows: the checkpoint moves past events that changed no state.
        if (rows.length || this.checkpointed) await store.putStates(rows);
        states.clearDirty();
      });
    } catch (e) {
      this.pending = batch.concat(this.pending);
      // Retried with the next event's group; with no further events, by the kernel's periodic flush.
      throw e;
    }
    this.sinceCheckpoint = withStates ? 0 : this.sinceCheckpoint + batch.length;
    return this.written(batch, true);
  }

  /**
   * The group, alone or with every changed state (`withStates`: the full write), by a store that
   * commits off this thread (a background writer). What is written is taken when the write's turn
   * comes, in one synchronous step, so a transaction queued before it (an import batch) still finds
   * the events pending, and the states cover exactly the events stored or taken by then. Until it
   * settles, `write('events')` waits for it: the loop must not read before the group is stored.
   */
  private async writeDetached(withStates: boolean): Promise<number> {
    let batch: ActivityEvent[] = [];
    let changed: readonly StateEntry[] = [];
    let since = 0;
    const takeEvents = () => {
      batch = this.pending;
      this.pending = [];
      return batch;
    };
    const takeAll = () => {
      const events = takeEvents();
      const states = this.states.toStoredStates({ dirtyOnly: true });
      changed = this.states.dirty();
      this.states.clearDirty();
      since = this.sinceCheckpoint;
      this.sinceCheckpoint = 0;
      return { events, states };
    };
    const group = withStates ? this.store.checkpointDetached!(takeAll) : this.store.appendEventsDetached!(takeEvents);
    this.detached = group.catch(() => undefined);
    let own: boolean;
    try {
      ({ own } = await group);
    } catch (e) {
      // What was taken goes back: the events in front, written with the next group or the next
      // full write, and their states marked changed again.
      this.pending = batch.concat(this.pending);
      for (const entry of changed) this.states.markDirty(entry);
      this.sinceCheckpoint += since;
      throw e;
    }
    if (!withStates) this.sinceCheckpoint += batch.length;
    return this.written(batch, !own);
  }

  /** After a group was stored: its keys leave the unwritten set; `joined`: an outer transaction may still roll it back. */
  private written(batch: readonly ActivityEvent[], joined: boolean): number {
    if (batch.length) this.lastWritten = joined ? [...batch] : [];
    for (const e of batch) this.unwritten.delete(e);
    return batch.length;
  }
}

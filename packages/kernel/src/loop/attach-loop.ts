import type { ActivityEvent, Store, ValueChange } from '@kaoping/contract';
import type { Kernel } from '../kernel.js';
import type { LoopConfigInput } from './config.js';
import { createLoop, type LoopService } from './loop-service.js';

/** Accepted events judged per turn of the event loop before the next slice: bounds how long a host's calls wait. */
const EVENTS_PER_SLICE = 32;
/**
 * Changed person cells judged per turn: a window of a busy server holds hundreds (2,000 calls a
 * second: ~600), a few microseconds each, and judged in one piece they held the calls arriving
 * meanwhile for milliseconds — the tail of the hook's latency.
 */
const CELLS_PER_SLICE = 128;
/**
 * How long the loop gathers hook calls before it judges them: a person's warnings are checked once
 * per window however many of their matters completed in it. 100 ms rather than the hook's 20 ms
 * group commit: a host busy with thousands of calls a second then paid the loop about half as often
 * per call (HTTP hook +8 % requests/s, alternated at the same load), and a warning a tenth of a
 * second after the matter is still raised while the work goes on.
 */
const REACT_WINDOW_MS = 100;

/**
 * Builds the closed loop over a kernel's store and wires it to the bus: an accepted event may
 * raise or clear a deadline risk (事前: the moment it becomes true), and a person's changed
 * values their period-to-date trend warnings. Both run after the hook calls have answered, in
 * groups: what the hook accepted within one window (REACT_WINDOW_MS) is judged together once the
 * hook's groups are in the store (kernel.flush), events in bounded slices (one read and at most
 * one transaction each), then the trend check once per (indicator, person, period) of the group. A busy host so pays per group,
 * not per event, and no slice holds the event loop for long. Unit trends and peer outliers are
 * judged at each close and on the schedule (`loop.scan()`); bulk paths (import) emit nothing per
 * event and call `scan()` once afterwards.
 */
export interface AttachedLoop {
  loop: LoopService;
  /** Resolves once the loop has finished reacting to every hook call made so far. */
  idle(): Promise<void>;
}

/**
 * A window's last change of each (indicator, person, period). Keyed by nested maps, not one joined
 * string: joining three ids cost about a microsecond per change, on the hook call's own time.
 */
class PersonCells {
  readonly #byIndicator = new Map<string, Map<string, Map<string, ValueChange>>>();

  /** Keeps the person cells among `changes`; whether there were any. */
  add(changes: readonly ValueChange[]): boolean {
    let person = false;
    for (const c of changes) {
      if (c.subject.kind !== 'person') continue;
      let bySubject = this.#byIndicator.get(c.indicator);
      if (bySubject === undefined) this.#byIndicator.set(c.indicator, bySubject = new Map());
      let byPeriod = bySubject.get(c.subject.id);
      if (byPeriod === undefined) bySubject.set(c.subject.id, byPeriod = new Map());
      byPeriod.set(c.period, c);
      person = true;
    }
    return person;
  }

  changes(): ValueChange[] {
    const out: ValueChange[] = [];
    for (const bySubject of this.#byIndicator.values()) {
      for (const byPeriod of bySubject.values()) for (const c of byPeriod.values()) out.push(c);
    }
    return out;
  }
}

const nextTurn = (): Promise<void> => new Promise((ready) => setImmediate(ready));
const after = (ms: number): Promise<void> => new Promise((ready) => setTimeout(ready, ms));

export function attachLoop(kernel: Kernel, store: Store, code: Pick<LoopConfigInput, 'adapterFor'> = {}): AttachedLoop {
  const loop = createLoop({
    store,
    clock: kernel.clock,
    emit: (type, payload) => kernel.bus.emit(type, payload),
    config: { ...(kernel.config.loop as LoopConfigInput), ...code },
    directory: kernel.directory,
    indicators: () => kernel.indicators(),
    states: () => kernel.states,
    notifierFor: (id) => {
      const adapter = kernel.adapters().find((a) => a.definition.id === id);
      const notify = adapter?.definition.notify;
      if (!adapter || !notify) return undefined;
      return (message) => notify(message, { config: adapter.params, logger: kernel.logger });
    },
  });
  const report = (what: string) => (e: unknown) => kernel.logger.error(`closed loop: ${what} failed`, { error: (e as Error)?.message ?? String(e) });
  const inFlight = new Set<Promise<unknown>>();
  const track = (work: Promise<unknown>, what: string): void => {
    const done = work.catch(report(what)).finally(() => inFlight.delete(done));
    inFlight.add(done);
  };

  let events: ActivityEvent[] = [];
  let cells = new PersonCells();
  let scheduled = false;
  /** Groups are judged one after another, never interleaved. */
  let previous: Promise<void> = Promise.resolve();

  async function react(): Promise<void> {
    const batch = events;
    const changes = cells.changes();
    events = [];
    cells = new PersonCells();
    scheduled = false;
    // What the loop reads (a matter's closing event, the kept states) must include this group.
    await kernel.flush('events').catch(report("writing the hook's group"));
    for (let i = 0; i < batch.length; i += EVENTS_PER_SLICE) {
      if (i > 0) await nextTurn();
      const slice = batch.slice(i, i + EVENTS_PER_SLICE);
      // A slice's check is one transaction; if it fails, each event is checked on its own, so
      // one event's failure does not cost the others their check.
      await loop.onEvents(slice).catch(async () => {
        for (const e of slice) await loop.onEvent(e).catch(report('onEvent'));
      });
    }
    for (let i = 0; i < changes.length; i += CELLS_PER_SLICE) {
      if (i > 0 || batch.length > EVENTS_PER_SLICE) await nextTurn();
      await loop.onValuesChanged(changes.slice(i, i + CELLS_PER_SLICE));
    }
  }

  const schedule = (): void => {
    if (scheduled) return;
    scheduled = true;
    const turn = Promise.all([after(REACT_WINDOW_MS), previous]).then(react);
    previous = turn.catch(() => undefined);
    track(turn, 'reacting to hooked events');
  };

  kernel.bus.on('event.accepted', ({ event }) => {
    events.push(event);
    schedule();
  });
  kernel.bus.on('result.changed', ({ changes }) => {
    if (cells.add(changes)) schedule();
  });
  const idle = async (): Promise<void> => {
    while (inFlight.size) await Promise.all(inFlight);
  };
  return { loop, idle };
}

import type { Store, ValueChange } from '@kaoping/contract';
import type { Kernel } from '../kernel.js';
import type { LoopConfigInput } from './config.js';
import { createLoop, type LoopService } from './loop-service.js';

/**
 * Builds the closed loop over a kernel's store and wires it to the bus: an accepted event may
 * raise or clear a deadline risk at once (事前: the moment it becomes true), and a person's changed
 * values their period-to-date trend warnings. The trend check is coalesced: changes gathered over
 * one turn of the event loop are judged once per (indicator, person, period) after the hook calls
 * of that turn have answered, so a busy host pays for it once, not per event. Unit trends and
 * peer outliers are judged at each close and on the schedule (`loop.scan()`); bulk paths (import)
 * emit nothing per event and call `scan()` once afterwards.
 */
export interface AttachedLoop {
  loop: LoopService;
  /** Resolves once the loop has finished reacting to every hook call made so far. */
  idle(): Promise<void>;
}

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
  kernel.bus.on('event.accepted', ({ event }) => track(loop.onEvent(event), 'onEvent'));
  let pending = new Map<string, ValueChange>();
  let scheduled = false;
  kernel.bus.on('result.changed', ({ changes }) => {
    for (const c of changes) {
      if (c.subject.kind === 'person') pending.set(`${c.indicator}\u0000${c.subject.id}\u0000${c.period}`, c);
    }
    if (pending.size === 0 || scheduled) return;
    scheduled = true;
    track(new Promise<void>((ready) => setImmediate(ready)).then(() => {
      const batch = [...pending.values()];
      pending = new Map();
      scheduled = false;
      return loop.onValuesChanged(batch);
    }), 'onValuesChanged');
  });
  const idle = async (): Promise<void> => {
    while (inFlight.size) await Promise.all(inFlight);
  };
  return { loop, idle };
}

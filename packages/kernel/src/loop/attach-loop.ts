import type { Store } from '@kaoping/contract';
import type { Kernel } from '../kernel.js';
import type { LoopConfigInput } from './config.js';
import { createLoop, type LoopService } from './loop-service.js';

/**
 * Builds the closed loop over a kernel's store and wires it to the bus: an accepted event may
 * raise or clear a deadline risk at once (事前: the moment it becomes true). Trend and outlier
 * risks are not judged per event — they are checked at each close and on the schedule
 * (`loop.scan()`), which keeps the hook cheap. Bulk paths (import) call `scan()` once afterwards.
 */
export function attachLoop(kernel: Kernel, store: Store, code: Pick<LoopConfigInput, 'adapterFor'> = {}): LoopService {
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
  kernel.bus.on('event.accepted', ({ event }) => { loop.onEvent(event).catch(report('onEvent')); });
  return loop;
}

import type { Store } from '@kaoping/contract';
import type { Kernel } from '../kernel.js';
import type { LoopConfigInput } from './config.js';
import { createLoop, type LoopService } from './loop-service.js';

/**
 * Builds the closed loop over a kernel's store and wires it to the bus: every accepted event may
 * raise or clear a deadline risk, every changed value may raise a trend risk. Bulk paths (import)
 * do not emit per event; they call `loop.scan()` once afterwards.
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
  kernel.bus.on('result.changed', ({ changes }) => { loop.onValuesChanged(changes).catch(report('onValuesChanged')); });
  return loop;
}

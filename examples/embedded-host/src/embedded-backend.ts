import type { Kernel } from '@kaoping/kernel';
import type { ScoringBackend } from './front-desk.js';

/**
 * The kernel in this process: `kernel.hook` inline (with a store it also keeps the event, so the
 * scheduled check finds matters still open), the store for risks, `kernel.loop.scan()` as the
 * scheduled check.
 */
export function embeddedBackend(kernel: Kernel): ScoringBackend {
  const store = kernel.store!;
  return {
    hook: async (event) => kernel.hook(event),
    async openRisks() {
      // The loop reacts to a hooked event after the hook has answered; wait for it.
      await kernel.settled();
      return store.listRisks({ status: 'open' });
    },
    async scheduledCheck() {
      await kernel.loop.scan();
    },
  };
}

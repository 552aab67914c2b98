import type { Kernel } from '@kaoping/kernel';
import type { ScoringBackend } from './front-desk.js';

/**
 * The closed loop hears of a hooked event on the kernel's bus and raises or clears risks
 * asynchronously, so the hook itself stays synchronous and fast. With the SQLite store its
 * work is all promise continuations, done before the next turn of the event loop.
 */
function loopSettled(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

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
      await loopSettled();
      return store.listRisks({ status: 'open' });
    },
    async scheduledCheck() {
      await kernel.loop.scan();
    },
  };
}

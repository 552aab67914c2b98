import type { KernelEvents } from '@kaoping/contract';
import type { LoopContext } from './types.js';

/** Queues a bus event until the work it announces is committed. */
export type Announce = <K extends keyof KernelEvents>(type: K, payload: KernelEvents[K]) => void;

/**
 * Runs `fn` in one store transaction and emits the bus events it announced only after the commit,
 * so a listener never hears of a risk or task that was rolled back.
 */
export async function unitOfWork<T>(ctx: Pick<LoopContext, 'store' | 'emit'>, fn: (announce: Announce) => Promise<T>): Promise<T> {
  const queued: (() => void)[] = [];
  const announce: Announce = (type, payload) => { queued.push(() => ctx.emit(type, payload)); };
  const result = await ctx.store.transaction(() => fn(announce));
  for (const emit of queued) emit();
  return result;
}

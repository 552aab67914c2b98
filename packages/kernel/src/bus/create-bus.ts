import mitt, { type Emitter } from 'mitt';
import type { KernelEvents } from '@kaoping/contract';

export type KernelBus = Emitter<KernelEvents>;

/** One typed bus per kernel: two kernels in a process never hear each other. */
export function createBus(): KernelBus {
  return mitt<KernelEvents>();
}

import mittImport, { type Emitter } from 'mitt';
import type { KernelEvents } from '@kaoping/contract';

export type KernelBus = Emitter<KernelEvents>;

// mitt ships real ESM, but its types are read as CommonJS under NodeNext; take the function either way.
const mitt = ((mittImport as unknown as { default?: unknown }).default ?? mittImport) as typeof mittImport.default;

/** One typed bus per kernel: two kernels in a process never hear each other. */
export function createBus(): KernelBus {
  return mitt<KernelEvents>();
}

import { kpError } from '@kaoping/contract';
import type { Kernel } from '../kernel.js';
import type { IngestTarget } from './ingest-records.js';

/** Ingesting into a kernel: its store, directory and states, and its hook's pending writes first. */
export function ingestTarget(kernel: Kernel, options: Omit<IngestTarget, 'store' | 'directory' | 'states' | 'accumulateContext' | 'clock' | 'beforeWrite' | 'reloadStates'> = {}): IngestTarget {
  const store = kernel.store;
  if (!store) throw kpError('KP_ERR_STORE', 'ingesting needs a kernel created with a store');
  return {
    ...options,
    store, directory: kernel.directory, states: kernel.states, accumulateContext: kernel.accumulateContext, clock: kernel.clock,
    beforeWrite: () => kernel.flush(),
    reloadStates: () => kernel.reloadStates(),
  };
}

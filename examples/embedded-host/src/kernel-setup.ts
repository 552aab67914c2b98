import { fileURLToPath } from 'node:url';
import type { Store } from '@kaoping/contract';
import { createKernel, type KaopingConfig, type Kernel, type Logger } from '@kaoping/kernel';
import { openSqliteStore } from '@kaoping/store-sqlite';
import { FRONT_DESK_PEOPLE, FRONT_DESK_UNITS } from './directory.js';

/** The first-party indicators a front desk feeds: on-time rate, matters open past deadline, workload. */
export const FRONT_DESK_PLUGINS: readonly string[] = ['@kaoping/plugin-on-time-rate', '@kaoping/plugin-overdue-open', '@kaoping/plugin-workload'];

export const FRONT_DESK_CONFIG: KaopingConfig = {
  plugins: [...FRONT_DESK_PLUGINS],
  // The host is the tax-collection system itself: no export folders to import.
  adapters: [],
  // A tiny hall has few matters: warn on the trend from the second completed matter on.
  params: { 'business.on-time-rate': { riskMinCount: 2 } },
  // Month-to-date warnings only, so one late matter raises one warning, not one per year, quarter and month.
  loop: { trend: { periodKinds: ['month'] } },
};

/** The plugins are this package's dependencies: resolve them from here, wherever the process was started. */
const PACKAGE_DIR = fileURLToPath(new URL('..', import.meta.url));

/** The demo's clock: the front desk's own time, so deadlines come and go on cue. */
export class DeskClock {
  constructor(public now = 0) {}
  readonly read = (): number => this.now;
}

export interface FrontDeskKernel {
  kernel: Kernel;
  store: Store;
  close(): Promise<void>;
}

/** Opens (or creates) the SQLite file, writes the directory, starts a kernel over it. */
export async function startFrontDeskKernel(options: { dbFile: string; clock: () => number; logger?: Logger }): Promise<FrontDeskKernel> {
  const store = openSqliteStore(options.dbFile);
  await store.upsertUnits(FRONT_DESK_UNITS);
  await store.upsertPeople(FRONT_DESK_PEOPLE);
  const kernel = createKernel({ config: FRONT_DESK_CONFIG, cwd: PACKAGE_DIR, store, clock: options.clock, ...(options.logger ? { logger: options.logger } : {}) });
  await kernel.start();
  return {
    kernel,
    store,
    async close() {
      await kernel.stop();
      await store.close();
    },
  };
}

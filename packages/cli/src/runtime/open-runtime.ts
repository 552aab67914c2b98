import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createKernel, type KaopingConfig, type Kernel } from '@kaoping/kernel';
import { openSqliteStore } from '@kaoping/store-sqlite';

/** The CLI package folder: first-party plugins and adapters resolve from its dependencies. */
const cliRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface Runtime {
  kernel: Kernel;
  close(): Promise<void>;
}

export interface RuntimeOptions {
  db: string;
  /** A kaoping.config.json path or the config itself; default: the file in the working folder, else the first-party set. */
  config?: string | KaopingConfig;
  clock?: () => number;
  /** Checkpoint the WAL from a worker thread (for long-running servers; see openSqliteStore). */
  backgroundCheckpoint?: boolean;
}

/** Opens the store and starts a kernel on it: what every data command begins with. */
export async function openRuntime(options: RuntimeOptions): Promise<Runtime> {
  const store = openSqliteStore(options.db, { backgroundCheckpoint: options.backgroundCheckpoint });
  const kernel = createKernel({ store, config: options.config, clock: options.clock, resolveFrom: [cliRoot] });
  try {
    await kernel.start();
  } catch (e) {
    await store.close();
    throw e;
  }
  return {
    kernel,
    async close() {
      await kernel.stop();
      await store.close();
    },
  };
}

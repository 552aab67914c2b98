import { fileURLToPath } from 'node:url';
import type { TokenRole } from '@kaoping/contract';
import { createKernel, type Kernel } from '@kaoping/kernel';
import { buildServer, createApiToken } from '@kaoping/server';
import { openSqliteStore } from '@kaoping/store-sqlite';
import type { FastifyInstance } from 'fastify';

/** First-party plugins and adapters resolve from the CLI package's dependencies, as `kaoping serve` does. */
const cliRoot = fileURLToPath(new URL('../../packages/cli/', import.meta.url));

export interface RunningServer {
  baseUrl: string;
  kernel: Kernel;
  app: FastifyInstance;
  /** Creates an API token in the store and returns its text. */
  token(role: TokenRole, scope?: { unitId?: string; personId?: string }): Promise<string>;
  close(): Promise<void>;
}

/**
 * The real @kaoping/server on a started kernel over a SQLite file, listening on a free local port.
 * `clock` pins "now" (deadlines, task due dates, the gate's asking date) so runs do not depend on the day.
 */
export async function startServer(db: string, options: { clock?: () => number } = {}): Promise<RunningServer> {
  const store = openSqliteStore(db);
  const kernel = createKernel({ store, resolveFrom: [cliRoot], clock: options.clock });
  await kernel.start();
  const app = await buildServer({ kernel });
  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  return {
    baseUrl: address.replace('localhost', '127.0.0.1'),
    kernel,
    app,
    async token(role, scope = {}) {
      const { text } = await createApiToken(store, kernel.directory, { role, ...scope, name: `dashboard test ${role}` });
      return text;
    },
    async close() {
      await app.close();
      await kernel.stop();
      await store.close();
    },
  };
}

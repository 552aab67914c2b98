import { startFrontDeskKernel, type FrontDeskKernel } from '@kaoping/example-embedded-host';
import type { Logger } from '@kaoping/kernel';
import { buildServer, createApiToken } from '@kaoping/server';

export interface Sidecar {
  /** `http://127.0.0.1:<port>` */
  url: string;
  integratorToken: string;
  /** The hall leader's token (scope: 第一办税服务厅), to read the desk's risks. */
  leaderToken: string;
  desk: FrontDeskKernel;
  close(): Promise<void>;
}

/**
 * What `kaoping serve` runs, started in this process for the demo: a kernel over a SQLite file,
 * the HTTP server on 127.0.0.1 (port 0: any free port), and two tokens — the desk's integrator
 * token and the hall leader's. Only the tokens' hashes are stored.
 */
export async function startSidecar(options: { dbFile: string; clock: () => number; port?: number; logger?: Logger }): Promise<Sidecar> {
  const desk = await startFrontDeskKernel(options);
  const app = await buildServer({ kernel: desk.kernel, dashboard: false });
  const url = await app.listen({ host: '127.0.0.1', port: options.port ?? 0 });
  const { kernel, store } = desk;
  const integrator = await createApiToken(store, kernel.directory, { role: 'integrator', name: 'front desk' }, kernel.clock());
  const leader = await createApiToken(store, kernel.directory, { role: 'leader', unitId: 'S01', name: 'hall leader' }, kernel.clock());
  return {
    url, integratorToken: integrator.text, leaderToken: leader.text, desk,
    async close() {
      await app.close();
      await desk.close();
    },
  };
}

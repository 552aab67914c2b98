import { buildServer } from '@kaoping/server';
import { kpError } from '@kaoping/contract';
import { requireString, type Command } from '../command.js';
import { openRuntime } from '../runtime/open-runtime.js';

function portOf(value: string | undefined): number {
  if (value === undefined) return 3000;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw kpError('KP_ERR_USAGE', `--port ${value} is not a port number (0..65535)\nusage: ${serveCommand.usage}`);
  return port;
}

/** `kaoping serve`: the API, OpenAPI docs and dashboard over one store, until Ctrl-C. */
export const serveCommand: Command = {
  name: 'serve',
  summary: 'Serve the HTTP API (/v1), its docs (/docs) and the dashboard (/) over a store',
  usage: 'kaoping serve --db FILE [--port 3000] [--host 127.0.0.1] [--config FILE]',
  options: { db: { type: 'string' }, port: { type: 'string' }, host: { type: 'string' }, config: { type: 'string' } },
  async run(args) {
    const db = requireString(args, 'db', serveCommand);
    const port = portOf(args.values.port as string | undefined);
    const host = (args.values.host as string | undefined) ?? '127.0.0.1';
    const runtime = await openRuntime({ db, config: args.values.config as string | undefined, backgroundCheckpoint: true });
    let app;
    try {
      app = await buildServer({ kernel: runtime.kernel });
      const url = await app.listen({ host, port });
      console.log(`kaoping serving ${db} at ${url}  (dashboard ${url}/, API docs ${url}/docs)`);
    } catch (e) {
      await app?.close();
      await runtime.close();
      throw e;
    }
    const server = app;
    await new Promise<void>((resolveStop) => {
      const stop = () => {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        resolveStop();
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    });
    await server.close();
    await runtime.close();
  },
};

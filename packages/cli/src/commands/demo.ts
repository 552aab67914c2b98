import { kpError } from '@kaoping/contract';
import type { Command } from '../command.js';

function waitForStop(): Promise<void> {
  return new Promise((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

export const demoCommand: Command = {
  name: 'demo',
  summary: 'Run the demo: generate a city bureau, import, close, raise risks, serve the dashboard with a token per role',
  usage: 'kaoping demo [--preset city|small] [--port 3000] [--host 127.0.0.1] [--dir .kaoping/demo] [--no-serve] | kaoping demo --hook',
  options: {
    preset: { type: 'string' }, port: { type: 'string' }, host: { type: 'string' }, dir: { type: 'string' },
    'no-serve': { type: 'boolean' }, hook: { type: 'boolean' },
  },
  async run(args) {
    if (args.values.hook) {
      const { runDemo } = await import('../demo/run-demo.js');
      await runDemo();
      return;
    }
    const preset = (args.values.preset as string | undefined) ?? 'city';
    if (preset !== 'city' && preset !== 'small') throw kpError('KP_ERR_USAGE', `--preset ${preset}: the demo runs the city or small preset\nusage: ${demoCommand.usage}`);
    const port = args.values.port === undefined ? 3000 : Number(args.values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw kpError('KP_ERR_USAGE', `--port ${args.values.port as string} is not a port number\nusage: ${demoCommand.usage}`);
    const { runFullDemo } = await import('../demo/full-demo.js');
    const started = performance.now();
    const demo = await runFullDemo({
      preset, port, host: args.values.host as string | undefined, dir: args.values.dir as string | undefined,
      serve: !args.values['no-serve'],
    });
    console.log(`(ready in ${((performance.now() - started) / 1000).toFixed(1)} s)`);
    if (demo.url) {
      console.log('Ctrl-C stops the server; the next `pnpm demo` reuses the generated bureau and its store.');
      await waitForStop();
    }
    await demo.close();
  },
};

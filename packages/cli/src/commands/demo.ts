import type { Command } from '../command.js';

export const demoCommand: Command = {
  name: 'demo',
  summary: 'Run the demo: a kernel scoring a few hundred events through the hook',
  usage: 'kaoping demo',
  async run() {
    const { runDemo } = await import('../demo/run-demo.js');
    await runDemo();
  },
};

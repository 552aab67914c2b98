import { isKaopingError } from '@kaoping/contract';
import { parseCommandArgs } from './command.js';
import { commands } from './commands/index.js';

function help(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return ['usage: kaoping <command> [options]', '', 'commands:', ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`)].join('\n');
}

/** Runs the CLI and returns the process exit code; errors are printed with their code and fix. */
export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    console.log(help());
    return 0;
  }
  const cmd = commands.find((c) => c.name === name);
  if (!cmd) {
    console.error(`kaoping: unknown command "${name}"\n\n${help()}`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    console.log(`${cmd.summary}\nusage: ${cmd.usage}`);
    return 0;
  }
  try {
    const code = await cmd.run(parseCommandArgs(cmd, rest));
    return typeof code === 'number' ? code : 0;
  } catch (e) {
    if (isKaopingError(e)) {
      const err = e as { code: string; message: string; fix?: string };
      console.error(`${err.code}: ${err.message}${err.fix ? `\n  fix: ${err.fix}` : ''}`);
      return err.code === 'KP_ERR_USAGE' ? 2 : 1;
    }
    throw e;
  }
}

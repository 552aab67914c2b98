import { parseArgs, type ParseArgsConfig } from 'node:util';
import { kpError } from '@kaoping/contract';

/** One `kaoping <name>` command. Commands live one per file under commands/. */
export interface Command {
  name: string;
  summary: string;
  usage: string;
  options?: ParseArgsConfig['options'];
  run(args: ParsedArgs): Promise<number | void>;
}

export interface ParsedArgs {
  values: Record<string, string | boolean | string[] | boolean[] | undefined>;
  positionals: string[];
}

/** Parses argv for a command; unknown flags become a usage error that names the flag. */
export function parseCommandArgs(cmd: Command, argv: string[]): ParsedArgs {
  try {
    const { values, positionals } = parseArgs({ args: argv, options: cmd.options ?? {}, allowPositionals: true, strict: true });
    return { values: values as ParsedArgs['values'], positionals };
  } catch (e) {
    throw kpError('KP_ERR_USAGE', `${(e as Error).message}\nusage: ${cmd.usage}`);
  }
}

export function requireString(args: ParsedArgs, name: string, cmd: Command): string {
  const v = args.values[name];
  if (typeof v !== 'string' || v === '') throw kpError('KP_ERR_USAGE', `missing --${name}\nusage: ${cmd.usage}`);
  return v;
}

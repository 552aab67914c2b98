import { existsSync } from 'node:fs';
import type { ParseArgsConfig } from 'node:util';
import { kpError, type Store } from '@kaoping/contract';
import { parseHostTime } from '@kaoping/contract/records';
import { requireString, type Command, type ParsedArgs } from '../command.js';
import { openRuntime, type Runtime } from './open-runtime.js';

/** Flags every noun command takes: the store, the config, JSON output, and the time to act at. */
const COMMON_OPTIONS: ParseArgsConfig['options'] = {
  db: { type: 'string' }, config: { type: 'string' }, json: { type: 'boolean' }, now: { type: 'string' },
};

/**
 * `--now`, the moment the loop acts at (replays, tests): a host time — `YYYY-MM-DD` (local
 * midnight), `YYYY-MM-DD HH:mm` (local), or ISO 8601 with an offset. Undefined: the real clock.
 */
export function parseNow(text: string | undefined, usage: string): number | undefined {
  if (text === undefined) return undefined;
  try {
    return parseHostTime(text);
  } catch {
    throw kpError('KP_ERR_USAGE', `--now must be a date YYYY-MM-DD, a local time YYYY-MM-DD HH:mm, or ISO 8601 with an offset; got "${text}"\nusage: ${usage}`);
  }
}

/** A fixed clock at `now`, or undefined for the real one. */
export function clockAt(now: number | undefined): (() => number) | undefined {
  return now === undefined ? undefined : () => now;
}

/** What a verb gets: its flags, its positionals, and the runtime opened on first use. */
export class VerbContext {
  readonly args: ParsedArgs;
  /** Positionals after the verb (`tasks act ID` → `[ID]`). */
  readonly rest: string[];
  readonly json: boolean;
  readonly #command: Command;
  #runtime: Promise<Runtime> | undefined;

  constructor(command: Command, args: ParsedArgs, rest: string[]) {
    this.#command = command;
    this.args = args;
    this.rest = rest;
    this.json = args.values.json === true;
  }

  usageError(what: string): Error {
    return kpError('KP_ERR_USAGE', `${what}\nusage: ${this.#command.usage}`);
  }

  /** A required string flag; missing → KP_ERR_USAGE naming it. */
  flag(name: string): string {
    return requireString(this.args, name, this.#command);
  }

  optional(name: string): string | undefined {
    const v = this.args.values[name];
    return typeof v === 'string' ? v : undefined;
  }

  /** An optional flag that must be one of `allowed`. */
  oneOf<T extends string>(name: string, allowed: readonly T[], required = false): T | undefined {
    const v = required ? this.flag(name) : this.optional(name);
    if (v === undefined || (allowed as readonly string[]).includes(v)) return v as T | undefined;
    throw this.usageError(`--${name} must be one of ${allowed.join(', ')}, got "${v}"`);
  }

  /** The id positional after the verb (`show ID`). */
  id(what: string): string {
    const id = this.rest[0];
    if (!id) throw this.usageError(`missing the ${what} ID`);
    return id;
  }

  now(): number | undefined {
    return parseNow(this.optional('now'), this.#command.usage);
  }

  /** Opens store and kernel once (flags are checked first, so a usage error opens nothing). */
  open(): Promise<Runtime> {
    if (this.#runtime) return this.#runtime;
    const db = this.flag('db');
    if (!existsSync(db)) throw kpError('KP_ERR_STORE', `no database at "${db}"; import host exports into it first (kaoping import DIR --db ${db})`);
    this.#runtime = openRuntime({ db, config: this.optional('config'), clock: clockAt(this.now()) });
    return this.#runtime;
  }

  async store(): Promise<Store> {
    return (await this.open()).kernel.store!;
  }

  async close(): Promise<void> {
    const runtime = this.#runtime;
    this.#runtime = undefined;
    if (runtime) await (await runtime).close();
  }
}

/** One verb of a noun command (`kaoping tasks act …`). */
export interface Verb {
  usage: string;
  run(ctx: VerbContext): Promise<number | void>;
}

export interface NounCommandSpec {
  name: string;
  summary: string;
  /** Flags beyond the common `--db --config --json --now`. */
  options?: ParseArgsConfig['options'];
  verbs: Record<string, Verb>;
  /** The verb run when none is given (`kaoping risks` lists); none → the verb is required. */
  defaultVerb?: string;
}

/** A command whose first positional picks a verb: `kaoping <noun> [verb] [ID] --flags`. */
export function nounCommand(spec: NounCommandSpec): Command {
  const names = Object.keys(spec.verbs);
  const command: Command = {
    name: spec.name,
    summary: spec.summary,
    usage: Object.values(spec.verbs).map((v) => v.usage).join('\n       '),
    options: { ...COMMON_OPTIONS, ...spec.options },
    async run(args) {
      const [first, ...rest] = args.positionals;
      const verbName = first ?? spec.defaultVerb;
      const verb = verbName === undefined ? undefined : spec.verbs[verbName];
      if (verb === undefined) {
        const what = first === undefined ? `missing the subcommand` : `unknown subcommand "${first}"`;
        throw kpError('KP_ERR_USAGE', `${what} of kaoping ${spec.name}: one of ${names.join(', ')}\nusage: ${command.usage}`);
      }
      const ctx = new VerbContext(command, args, first === undefined ? [] : rest);
      try {
        return await verb.run(ctx);
      } finally {
        await ctx.close();
      }
    },
  };
  return command;
}

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { main } from '@kaoping/cli';

export const YEAR = 2026;
const MONTHS = Array.from({ length: 12 }, (_, i) => `${YEAR}-${String(i + 1).padStart(2, '0')}`);

/** Runs the CLI in-process and fails loudly with what it printed when it does not exit 0. */
export async function cli(args: string[]): Promise<string> {
  const out: string[] = [];
  const log = console.log;
  console.log = (...parts: unknown[]) => { out.push(parts.map(String).join(' ')); };
  let code: number;
  try {
    code = await main(args);
  } finally {
    console.log = log;
  }
  if (code !== 0) throw new Error(`kaoping ${args.join(' ')} exited ${code}:\n${out.join('\n')}`);
  return out.join('\n');
}

/**
 * A real SQLite database of the generator's small bureau, as a user makes one: generate the host
 * exports, import them, close the year and its months (the months feed the 纵向 trend lines).
 */
export async function buildBureauDb(dir: string): Promise<{ db: string; asOf: number }> {
  const data = join(dir, 'bureau');
  const db = join(dir, 'kaoping.db');
  await cli(['generate', '--preset', 'small', '--seed', '7', '--year', String(YEAR), '--out', data]);
  await cli(['import', data, '--db', db]);
  for (const period of [String(YEAR), ...MONTHS]) await cli(['close', '--db', db, '--period', period, '--json']);
  // The generator writes the exports as seen at `asOf` (the first instant after the year).
  const manifest = JSON.parse(readFileSync(join(data, 'manifest.json'), 'utf8')) as { asOf: string };
  return { db, asOf: Date.parse(manifest.asOf) };
}

/** `kaoping token create …` prints the token on its last line. */
export async function createToken(db: string, role: string, scope: string[] = []): Promise<string> {
  const printed = await cli(['token', 'create', '--db', db, '--role', role, ...scope, '--name', `dashboard test ${role}`]);
  return printed.trim().split('\n').at(-1)!;
}

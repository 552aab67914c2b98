/**
 * The synthetic bureau the batch benchmark reads: generated with `kaoping generate` and loaded
 * with `kaoping import` into a SQLite file cached under the OS temp folder, keyed by preset, seed
 * and year, so only the first run pays for it (province: tens of minutes). Run on its own
 * (`pnpm bench batch-db`) it just prepares the file and prints what is in it.
 * KAOPING_BENCH_PRESET=city (default province) picks a smaller bureau.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';

export const BENCH_YEAR = 2026;
export const BENCH_SEED = 1;

const root = fileURLToPath(new URL('..', import.meta.url));
const cli = fileURLToPath(new URL('../packages/cli/src/bin.ts', import.meta.url));

export function benchPreset(): string {
  return process.env.KAOPING_BENCH_PRESET ?? 'province';
}

export function benchDbPath(preset = benchPreset()): string {
  return join(tmpdir(), 'kaoping-bench', `${preset}-seed${BENCH_SEED}-${BENCH_YEAR}.db`);
}

function kaoping(args: string[]): void {
  const run = spawnSync(process.execPath, ['--conditions=source', '--import', 'tsx', cli, ...args], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
  if (run.status !== 0) throw new Error(`kaoping ${args[0]} failed (exit ${run.status ?? run.signal})`);
}

/**
 * The cached database, built when missing. It is built under a temporary name and renamed when
 * complete, so an interrupted build is never taken for a finished one.
 */
export function ensureBenchDb(preset = benchPreset()): string {
  const db = benchDbPath(preset);
  if (existsSync(db)) return db;
  const dir = join(tmpdir(), 'kaoping-bench');
  mkdirSync(dir, { recursive: true });
  const exports = join(dir, `${preset}-seed${BENCH_SEED}-${BENCH_YEAR}-exports`);
  const partial = `${db}.partial`;
  for (const f of [partial, `${partial}-wal`, `${partial}-shm`]) rmSync(f, { force: true });
  console.log(`(building ${db}: generate ${preset} then import; province takes tens of minutes, later runs reuse it)`);
  if (!existsSync(join(exports, 'manifest.json'))) {
    kaoping(['generate', '--preset', preset, '--seed', String(BENCH_SEED), '--year', String(BENCH_YEAR), '--out', exports]);
  }
  kaoping(['import', exports, '--db', partial, '--json']);
  // Fold the WAL into the main file so the cached database is one self-contained file.
  const conn = new Database(partial);
  conn.pragma('wal_checkpoint(TRUNCATE)');
  conn.pragma('journal_mode = DELETE');
  conn.close();
  renameSync(partial, db);
  rmSync(exports, { recursive: true, force: true });
  return db;
}

export default async function bench(): Promise<void> {
  const file = ensureBenchDb();
  const conn = new Database(file, { readonly: true });
  const { n } = conn.prepare('SELECT count(*) AS n FROM events').get() as { n: number };
  const { p } = conn.prepare('SELECT count(*) AS p FROM people').get() as { p: number };
  conn.close();
  console.log(`bench database ${file}: ${n.toLocaleString('en')} events, ${p.toLocaleString('en')} people`);
}

/**
 * Ingest: host files → adapters → validated → stored, with each accepted event folded into the
 * kept states in the same transaction. Measured on the city preset beside merely reading and
 * parsing the same files in the same run (JSON.parse per NDJSON line or array item, a comma split
 * per CSV row, GBK decoded). Target (DESIGN.md): ingest ≥ 30 % of the parse-only speed. Memory:
 * the small and the city preset are imported in their own processes and their peak RSS compared.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cachedBureau, type PresetName } from './support/bureau-cache.js';

const TARGET_RATIO = 0.3;
const child = fileURLToPath(new URL('./support/ingest-child.ts', import.meta.url));
const floorChild = fileURLToPath(new URL('./support/store-floor-child.ts', import.meta.url));

interface ChildResult { seconds: number; read: number; accepted: number; events: number; maxRssBytes: number }
interface FloorResult { seconds: number; events: number }

/** Reads and parses every record of every host file, the least any importer must do. */
function parseOnly(dir: string): { records: number; seconds: number } {
  const started = process.hrtime.bigint();
  let records = 0;
  for (const folder of ['hr', 'tax', 'party', 'oa']) {
    for (const name of readdirSync(join(dir, folder))) {
      const bytes = readFileSync(join(dir, folder, name));
      const text = new TextDecoder(folder === 'hr' ? 'gbk' : 'utf-8').decode(bytes);
      const lines = text.split('\n');
      if (name.endsWith('.csv')) {
        for (let i = 1; i < lines.length; i++) if (lines[i]) { lines[i].split(','); records++; }
      } else if (name.endsWith('.ndjson')) {
        for (const line of lines) if (line) { JSON.parse(line); records++; }
      } else {
        records += (JSON.parse(text) as unknown[]).length;
      }
    }
  }
  return { records, seconds: Number(process.hrtime.bigint() - started) / 1e9 };
}

function runChild<T>(script: string, args: string[]): T {
  const out = execFileSync(process.execPath, ['--conditions=source', '--import', 'tsx', script, ...args], { encoding: 'utf8', maxBuffer: 1 << 20 });
  return JSON.parse(out.trim().split('\n').pop()!) as T;
}

function removeDb(db: string): void {
  for (const suffix of ['', '-wal', '-shm']) rmSync(db + suffix, { force: true });
}

/**
 * Imports `dir` into a fresh store; with `floor`, then stores the same events once more through the
 * store alone (store-floor-child), which bounds from above what any change outside the store can win.
 */
function ingest(dir: string, preset: string, floor: boolean): ChildResult & { floor?: FloorResult } {
  const db = join(tmpdir(), `kaoping-bench-ingest-${preset}-${process.pid}.db`);
  const again = `${db}.floor.db`;
  try {
    const imported = runChild<ChildResult>(child, [dir, db]);
    return floor ? { ...imported, floor: runChild<FloorResult>(floorChild, [db, again]) } : imported;
  } finally {
    removeDb(db);
    removeDb(again);
  }
}

const mib = (b: number) => `${(b / 2 ** 20).toFixed(0)} MiB`;
const rate = (n: number, s: number) => `${Math.round(n / s).toLocaleString('en-US')}/s`;

export default async function bench(): Promise<void> {
  const preset = (process.env.KAOPING_BENCH_PRESET ?? 'city') as PresetName;
  const small = await cachedBureau('small');
  const big = await cachedBureau(preset);

  const parsed = parseOnly(big);
  const imported = ingest(big, preset, true);
  const smallRun = ingest(small, 'small', false);
  const ratio = (imported.read / imported.seconds) / (parsed.records / parsed.seconds);

  console.log(`preset ${preset}: ${imported.read.toLocaleString('en-US')} records, ${imported.events.toLocaleString('en-US')} events stored`);
  console.table({
    'parse only (read + JSON.parse / CSV split)': { records: parsed.records, seconds: +parsed.seconds.toFixed(2), 'records/s': rate(parsed.records, parsed.seconds) },
    'ingest (adapters + validation + store + states)': { records: imported.read, seconds: +imported.seconds.toFixed(2), 'records/s': rate(imported.read, imported.seconds), 'events/s': rate(imported.events, imported.seconds) },
  });
  console.log(`ingest / parse-only = ${(ratio * 100).toFixed(1)} % (target ≥ ${TARGET_RATIO * 100} %): ${ratio >= TARGET_RATIO ? 'PASS' : 'MISS'}`);
  const floor = imported.floor!;
  // Records per second if storing were the only work: the ceiling of ingest/parse-only for this store.
  const ceiling = (imported.read / floor.seconds) / (parsed.records / parsed.seconds);
  console.log(`store alone (same ${floor.events.toLocaleString('en-US')} events appended to a fresh store in bulk mode, indexes rebuilt): ${floor.seconds.toFixed(2)} s = ${((floor.seconds / imported.seconds) * 100).toFixed(0)} % of the ingest time; ceiling for ingest / parse-only with this store: ${(ceiling * 100).toFixed(1)} %`);
  console.table({
    small: { records: smallRun.read, 'peak RSS': mib(smallRun.maxRssBytes) },
    [preset]: { records: imported.read, 'peak RSS': mib(imported.maxRssBytes) },
  });
  const growth = imported.maxRssBytes / smallRun.maxRssBytes;
  const recordsGrowth = imported.read / smallRun.read;
  console.log(`records ×${recordsGrowth.toFixed(1)}, peak RSS ×${growth.toFixed(2)}: memory follows subjects × indicators, not records`);
}

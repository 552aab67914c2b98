/**
 * Batch re-evaluation of one year of a synthetic bureau (province by default; KAOPING_BENCH_PRESET=city
 * for a smaller one), against the targets of DESIGN.md:
 * - batch with 2 workers ≥ 1.8× batch with 1 worker;
 * - batch (2 workers) ≥ 5× the same indicators as hand-written SQL GROUP BY queries (bench/sql/*.sql)
 *   over the same events in SQLite, run with better-sqlite3 one after the other;
 * - period close (closePeriod: scores, composites, tiers from kept states, all staff) < 1 s;
 * - peak resident memory of the batch runs (maxRSS of this process, workers included, taken before
 *   the close, which is reported on its own line) < 1 GiB.
 * The SQL values are checked against the batch values, so both sides compute the same thing.
 * Wall-clock seconds decide the targets; CPU seconds (all threads) are printed beside them because
 * on a shared machine they are the steadier of the two. The first batch run builds the columnar
 * copy of the events (`<db>.columnar/`) when it is missing or stale; that run is reported apart.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parsePeriod, type AggregateContext } from '@kaoping/contract';
import { BatchEngine, closePeriod, createKernel, type BatchOutcome, type Kernel } from '@kaoping/kernel';
import { openSqliteStore } from '@kaoping/store-sqlite';
import Database from 'better-sqlite3';
import { BENCH_YEAR, benchPreset, ensureBenchDb } from './batch-db.js';

const PERIOD = String(BENCH_YEAR);
const cliDir = fileURLToPath(new URL('../packages/cli/', import.meta.url));
const sqlDir = fileURLToPath(new URL('./sql/', import.meta.url));
const quiet = { info: () => {}, warn: () => {}, error: (m: string) => console.error(m) };

interface Timed<T> { value: T; wall: number; cpu: number }

async function timed<T>(fn: () => Promise<T> | T): Promise<Timed<T>> {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const value = await fn();
  const c = process.cpuUsage(c0);
  return { value, wall: (performance.now() - t0) / 1000, cpu: (c.user + c.system) / 1e6 };
}

async function batchRun(kernel: Kernel, dbPath: string, workers: number): Promise<Timed<BatchOutcome>> {
  const engine = new BatchEngine(kernel, { workers });
  try {
    // Thread start-up and plugin loading are paid once per engine, not per evaluation: warm them first.
    await engine.evaluate({ dbPath, period: `${PERIOD}-01` });
    return await timed(() => engine.evaluate({ dbPath, period: PERIOD }));
  } finally {
    await engine.close();
  }
}

/** Every hand-written query, run one after the other; rows keyed `kind\u0000subject\u0000indicator file`. */
function sqlBaseline(dbPath: string): Map<string, number | null> {
  const db = new Database(dbPath, { readonly: true });
  const period = parsePeriod(PERIOD);
  const out = new Map<string, number | null>();
  try {
    for (const file of readdirSync(sqlDir).filter((f) => f.endsWith('.sql')).sort()) {
      const sql = readFileSync(sqlDir + file, 'utf8');
      const params: Record<string, number> = { start: period.start, end: period.end };
      if (sql.includes(':months')) params.months = period.months;
      for (const r of db.prepare(sql).all(params) as { kind: string; subject: string; value: number | null }[]) {
        out.set(`${r.kind}\u0000${r.subject}\u0000${file.replace(/\.sql$/, '')}`, r.value);
      }
    }
  } finally {
    db.close();
  }
  return out;
}

/** SQL rows whose value differs from the batch state's value (plugins' own `value`, before appliesTo). */
function compareWithSql(kernel: Kernel, outcome: BatchOutcome, sql: Map<string, number | null>): { checked: number; differ: string[] } {
  const period = parsePeriod(PERIOD);
  const differ: string[] = [];
  let checked = 0;
  for (const [key, expected] of sql) {
    const [kind, subject, file] = key.split('\u0000') as ['person' | 'unit', string, string];
    const consumer = kernel.dispatch.consumers().find((c) => c.id.endsWith(`.${file}`) || c.id === `rule.${file}`);
    if (!consumer || consumer.kind !== 'indicator') continue;
    const entry = outcome.table.get(consumer.id, kind, subject, PERIOD);
    const def = consumer.def as { value(s: unknown, c: AggregateContext<unknown>): number | null };
    const actual = entry ? def.value(entry.state, consumer.context(period, kind)) : null;
    checked++;
    const same = actual === expected || (actual !== null && expected !== null && Math.abs(actual - expected) <= 1e-9 * Math.max(1, Math.abs(expected)));
    if (!same && differ.length < 5) differ.push(`${consumer.id} ${kind} ${subject}: batch ${actual}, SQL ${expected}`);
    else if (!same) differ.push('');
  }
  return { checked, differ };
}

const fmt = (n: number, d = 2) => n.toFixed(d);
const rate = (events: number, s: number) => `${(events / s / 1e6).toFixed(2)} M/s`;

export default async function bench(): Promise<void> {
  const preset = benchPreset();
  const dbPath = ensureBenchDb(preset);

  // The kernel reads the directory and kept states from the store, as `kaoping evaluate` does.
  const store = openSqliteStore(dbPath);
  const kernel = createKernel({ store, resolveFrom: [cliDir], logger: quiet });
  await kernel.start();
  const staff = kernel.directory.people().length;

  const cold = await timed(async () => {
    const engine = new BatchEngine(kernel, { workers: 2 });
    try {
      return await engine.evaluate({ dbPath, period: PERIOD });
    } finally {
      await engine.close();
    }
  });
  const one = await batchRun(kernel, dbPath, 1);
  const two = await batchRun(kernel, dbPath, 2);
  const direct = await timed(async () => {
    const engine = new BatchEngine(kernel, { workers: 2 });
    try {
      return await engine.evaluate({ dbPath, period: PERIOD, columnar: false });
    } finally {
      await engine.close();
    }
  });
  const sql = await timed(() => sqlBaseline(dbPath));
  const check = compareWithSql(kernel, two.value, sql.value);
  // maxRSS is a high-water mark: read it before the close, whose own peak is printed apart.
  const batchRssMiB = process.resourceUsage().maxRSS / 1024;
  const close = await timed(() => closePeriod(kernel, PERIOD));
  await kernel.stop();
  store.close();
  const rssMiB = process.resourceUsage().maxRSS / 1024;

  const events = two.value.stats.events;
  const scaling = one.wall / two.wall;
  const vsSql = sql.wall / two.wall;
  console.log(`batch: ${preset} bureau, ${staff.toLocaleString('en')} staff, period ${PERIOD}: ${events.toLocaleString('en')} events read of the store, ${two.value.stats.partitions} partitions, ${two.value.stats.states.toLocaleString('en')} states; load average ${loadavg().map((l) => l.toFixed(1)).join(' ')} on this machine`);
  console.log(`${'run'.padEnd(44)} ${'wall s'.padStart(8)} ${'cpu s'.padStart(8)} ${'events/wall s'.padStart(14)}`);
  const row = (name: string, t: { wall: number; cpu: number }, n?: number) => console.log(`${name.padEnd(44)} ${fmt(t.wall).padStart(8)} ${fmt(t.cpu).padStart(8)} ${(n === undefined ? '' : rate(n, t.wall)).padStart(14)}`);
  row(`first batch, 2 workers (${cold.value.stats.segmentsBuilt} segments built)`, cold, cold.value.stats.events);
  row('batch, 1 worker (columnar copy current)', one, one.value.stats.events);
  row('batch, 2 workers (columnar copy current)', two, events);
  row('batch, 2 workers, reading the events table', direct, direct.value.stats.events);
  row(`hand-written SQL, ${readdirSync(sqlDir).filter((f) => f.endsWith('.sql')).length} queries (bench/sql)`, sql);
  row(`closePeriod (${staff.toLocaleString('en')} staff)`, close);
  console.log(`SQL values checked against batch: ${check.checked.toLocaleString('en')} subject × indicator values, ${check.differ.length} differ${check.differ.length ? `: ${check.differ.filter(Boolean).join('; ')}` : ''}`);
  const target = (name: string, measured: string, goal: string, pass: boolean) => console.log(`${name.padEnd(34)} ${measured.padStart(12)} ${goal.padStart(10)}  ${pass ? 'PASS' : 'MISS'}`);
  console.log(`${'target'.padEnd(34)} ${'measured'.padStart(12)} ${'goal'.padStart(10)}`);
  target('2 workers ÷ 1 worker (wall)', `${fmt(scaling)}×`, '≥ 1.8×', scaling >= 1.8);
  target('batch (2 workers) vs SQL (wall)', `${fmt(vsSql, 1)}×`, '≥ 5×', vsSql >= 5);
  target('batch vs SQL, reading the table', `${fmt(sql.wall / direct.wall, 1)}×`, '≥ 5×', sql.wall / direct.wall >= 5);
  target('period close', `${fmt(close.wall)} s`, '< 1 s', close.wall < 1);
  target('peak resident memory, batch runs', `${batchRssMiB.toFixed(0)} MiB`, '< 1024 MiB', batchRssMiB < 1024);
  console.log(`peak resident memory including the close: ${rssMiB.toFixed(0)} MiB`);
}

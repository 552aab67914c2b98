/**
 * Batch re-evaluation of one year of a synthetic bureau (province by default; KAOPING_BENCH_PRESET=city
 * for a smaller one), against the targets of DESIGN.md:
 * - batch with 2 workers ≥ 1.8× batch with 1 worker;
 * - batch (2 workers) ≥ 5× the same indicators as hand-written SQL GROUP BY queries (bench/sql/*.sql)
 *   over the same events in SQLite, run with better-sqlite3 one after the other;
 * - period close (closePeriod: scores, composites, tiers from kept states, all staff) < 1 s;
 * - peak resident memory of the batch < 1 GiB.
 * The SQL values are checked against the batch values, so both sides compute the same thing.
 * Wall-clock seconds decide the targets; CPU seconds (all threads) are printed beside them because
 * on a shared machine they are the steadier of the two.
 *
 * The first run builds a fresh columnar copy of the events in a temporary folder (removed at the
 * end), as a user's first `kaoping evaluate` builds `<db>.columnar/`, so the build is timed and its
 * memory measured on every run; the later runs read that copy.
 *
 * Memory: each run's row gives the peak resident memory of this process, worker threads included,
 * during that run alone. One process runs all the phases, and its lifetime high-water mark would
 * report the worst phase plus whatever earlier phases left for the garbage collector; so on Linux
 * the mark is reset before each phase (PeakRss, bench/support/peak-rss.ts). Anything still resident
 * from an earlier phase at the reset counts in the next one. The memory target is the highest peak
 * among the batch runs (the build, 1 and 2 workers, reading the table); the SQL baseline and the
 * close are printed on their own. Each run keeps only its numbers, as `kaoping evaluate` keeps one
 * table: the 2-worker run's values for the SQL check are taken from its table, which is then let go.
 * Where the mark cannot be reset, the header says so and every peak is the process's since start.
 *
 * KAOPING_BENCH_BATCH=scaling runs only the 1- and 2-worker runs (on `<db>.columnar/`, built if
 * missing): the load-sensitive ratio, re-measured in a minute or two when the machine is quieter.
 * KAOPING_BENCH_DB=FILE runs on FILE (a copy of the cached bureau) instead of the cached file.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parsePeriod, type AggregateContext } from '@kaoping/contract';
import { BatchEngine, closePeriod, createKernel, type BatchOutcome, type BatchStats, type Kernel } from '@kaoping/kernel';
import { openSqliteStore } from '@kaoping/store-sqlite';
import Database from 'better-sqlite3';
import { BENCH_YEAR, benchPreset, ensureBenchDb } from './batch-db.js';
import { PeakRss } from './support/peak-rss.js';
import { seconds } from './support/seconds.js';

const PERIOD = String(BENCH_YEAR);
const cliDir = fileURLToPath(new URL('../packages/cli/', import.meta.url));
const sqlDir = fileURLToPath(new URL('./sql/', import.meta.url));
const quiet = { info: () => {}, warn: () => {}, error: (m: string) => console.error(m) };

interface Timed<T> { value: T; wall: number; cpu: number; peakMiB: number }

const peak = new PeakRss();

/** `fn` as one phase: its seconds and its own peak resident memory. */
async function timed<T>(fn: () => Promise<T> | T): Promise<Timed<T>> {
  peak.reset();
  const t = await seconds(fn);
  return { ...t, peakMiB: peak.read() };
}

interface BatchRun<T> extends Timed<T> { stats: BatchStats }

/**
 * One evaluation of the year on its own engine, timed without the engine's start-up (threads and
 * plugin loading are paid once per engine: a month is evaluated first, untimed); the peak covers
 * the engine's whole life. `keep` picks what outlives the run; the rest of its table is let go.
 */
async function batchRun<T>(kernel: Kernel, dbPath: string, options: { workers: number; columnar: string | boolean; warm: boolean }, keep: (o: BatchOutcome) => T): Promise<BatchRun<T>> {
  peak.reset();
  const engine = new BatchEngine(kernel, { workers: options.workers });
  try {
    if (options.warm) await engine.evaluate({ dbPath, period: `${PERIOD}-01`, columnar: options.columnar });
    const run = await seconds(() => engine.evaluate({ dbPath, period: PERIOD, columnar: options.columnar }));
    return { value: keep(run.value), stats: run.value.stats, wall: run.wall, cpu: run.cpu, peakMiB: peak.read() };
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

/**
 * The value of every indicator state of a batch run (the plugins' own `value`, before appliesTo),
 * keyed `kind\u0000subject\u0000indicator id`: what the SQL rows are checked against, kept instead
 * of the whole state table so the runs after it are not measured holding it.
 */
function batchValues(kernel: Kernel, outcome: BatchOutcome): Map<string, number | null> {
  const period = parsePeriod(PERIOD);
  const out = new Map<string, number | null>();
  for (const entry of outcome.table.entries()) {
    const consumer = kernel.dispatch.consumer(entry.indicator);
    if (!consumer || consumer.kind !== 'indicator' || entry.period !== PERIOD) continue;
    const def = consumer.def as { value(s: unknown, c: AggregateContext<unknown>): number | null };
    out.set(`${entry.subjectKind}\u0000${entry.subjectId}\u0000${entry.indicator}`, def.value(entry.state, consumer.context(period, entry.subjectKind)));
  }
  return out;
}

/** SQL rows whose value differs from the batch run's value (a subject without a state is null). */
function compareWithSql(kernel: Kernel, batch: Map<string, number | null>, sql: Map<string, number | null>): { checked: number; differ: string[] } {
  const differ: string[] = [];
  let checked = 0;
  for (const [key, expected] of sql) {
    const [kind, subject, file] = key.split('\u0000') as ['person' | 'unit', string, string];
    const consumer = kernel.dispatch.consumers().find((c) => c.id.endsWith(`.${file}`) || c.id === `rule.${file}`);
    if (!consumer || consumer.kind !== 'indicator') continue;
    const actual = batch.get(`${kind}\u0000${subject}\u0000${consumer.id}`) ?? null;
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
  // KAOPING_BENCH_DB: a copy of the cached bureau instead (opening the store migrates it to this checkout's schema).
  const dbPath = process.env.KAOPING_BENCH_DB ?? ensureBenchDb(preset);
  const scalingOnly = process.env.KAOPING_BENCH_BATCH === 'scaling';

  // The kernel reads the directory and kept states from the store, as `kaoping evaluate` does.
  const store = openSqliteStore(dbPath);
  const kernel = createKernel({ store, resolveFrom: [cliDir], logger: quiet });
  await kernel.start();
  const staff = kernel.directory.people().length;
  const columnar = scalingOnly ? true : mkdtempSync(join(dirname(dbPath), `${preset}-columnar-`));
  const nothing = () => undefined;
  try {
    // A user's first evaluate: no warm-up, the engine starts and the columnar copy is built in the run.
    const cold = scalingOnly ? undefined : await batchRun(kernel, dbPath, { workers: 2, columnar, warm: false }, nothing);
    const one = await batchRun(kernel, dbPath, { workers: 1, columnar, warm: true }, nothing);
    const two = await batchRun(kernel, dbPath, { workers: 2, columnar, warm: true }, (o) => (scalingOnly ? undefined : batchValues(kernel, o)));
    const direct = scalingOnly ? undefined : await batchRun(kernel, dbPath, { workers: 2, columnar: false, warm: true }, nothing);
    const events = two.stats.events;
    const scaling = one.wall / two.wall;
    console.log(`batch: ${preset} bureau, ${staff.toLocaleString('en')} staff, period ${PERIOD}: ${events.toLocaleString('en')} events read of the store, ${two.stats.partitions} partitions, ${two.stats.states.toLocaleString('en')} states; load average ${loadavg().map((l) => l.toFixed(1)).join(' ')} on this machine`);
    if (!peak.perPhase) console.log('(the peak resident memory cannot be reset per phase here: each peak below is the process\'s since it started)');
    console.log(`${'run'.padEnd(50)} ${'wall s'.padStart(8)} ${'cpu s'.padStart(8)} ${'events/wall s'.padStart(14)} ${'peak RSS'.padStart(10)}`);
    const row = (name: string, t: { wall: number; cpu: number; peakMiB: number }, n?: number) => console.log(`${name.padEnd(50)} ${fmt(t.wall).padStart(8)} ${fmt(t.cpu).padStart(8)} ${(n === undefined ? '' : rate(n, t.wall)).padStart(14)} ${`${t.peakMiB.toFixed(0)} MiB`.padStart(10)}`);
    if (cold) row(`first batch, 2 workers, ${cold.stats.segmentsBuilt} segments built`, cold, cold.stats.events);
    row('batch, 1 worker (columnar copy current)', one, one.stats.events);
    row('batch, 2 workers (columnar copy current)', two, events);
    if (direct) row('batch, 2 workers, reading the events table', direct, direct.stats.events);
    const target = (name: string, measured: string, goal: string, pass: boolean) => console.log(`${name.padEnd(34)} ${measured.padStart(12)} ${goal.padStart(10)}  ${pass ? 'PASS' : 'MISS'}`);
    const batchPeak = Math.max(...[cold, one, two, direct].filter((r) => r !== undefined).map((r) => r.peakMiB));
    if (scalingOnly || !cold || !direct || !two.value) {
      console.log(`${'target'.padEnd(34)} ${'measured'.padStart(12)} ${'goal'.padStart(10)}`);
      target('2 workers ÷ 1 worker (wall)', `${fmt(scaling)}×`, '≥ 1.8×', scaling >= 1.8);
      target('peak resident memory, these runs', `${batchPeak.toFixed(0)} MiB`, '< 1024 MiB', batchPeak < 1024);
      return;
    }
    const sql = await timed(() => sqlBaseline(dbPath));
    const check = compareWithSql(kernel, two.value, sql.value);
    const close = await timed(() => closePeriod(kernel, PERIOD));
    row(`hand-written SQL, ${readdirSync(sqlDir).filter((f) => f.endsWith('.sql')).length} queries (bench/sql)`, sql);
    row(`closePeriod (${staff.toLocaleString('en')} staff)`, close);
    console.log(`SQL values checked against batch: ${check.checked.toLocaleString('en')} subject × indicator values, ${check.differ.length} differ${check.differ.length ? `: ${check.differ.filter(Boolean).join('; ')}` : ''}`);
    const vsSql = sql.wall / two.wall;
    console.log(`${'target'.padEnd(34)} ${'measured'.padStart(12)} ${'goal'.padStart(10)}`);
    target('2 workers ÷ 1 worker (wall)', `${fmt(scaling)}×`, '≥ 1.8×', scaling >= 1.8);
    target('batch (2 workers) vs SQL (wall)', `${fmt(vsSql, 1)}×`, '≥ 5×', vsSql >= 5);
    target('batch vs SQL, reading the table', `${fmt(sql.wall / direct.wall, 1)}×`, '≥ 5×', sql.wall / direct.wall >= 5);
    target('period close', `${fmt(close.wall)} s`, '< 1 s', close.wall < 1);
    target('peak resident memory, batch runs', `${batchPeak.toFixed(0)} MiB`, '< 1024 MiB', batchPeak < 1024);
  } finally {
    if (typeof columnar === 'string') rmSync(columnar, { recursive: true, force: true });
    await kernel.stop();
    store.close();
  }
}

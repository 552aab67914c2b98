/**
 * Period close on the cached synthetic bureau (bench/batch-db.ts; KAOPING_BENCH_PRESET=city for the
 * smaller one), against DESIGN.md's target: closePeriod (scores, composites, tiers from the kept
 * states, written with their audit entry, then the loop's close checks) < 1 s for 30,000 staff.
 * Also times `kernel.start()` on that store (what every CLI command pays) and each part of a close,
 * the close repeated KAOPING_BENCH_CLOSE_RUNS times (default 3). The close writes results into the
 * cached database, as `kaoping close` would; it never builds the database (run `pnpm bench batch-db`).
 */
import { existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { closePeriod, createKernel, scoreStates, storeScores } from '@kaoping/kernel';
import { openSqliteStore } from '@kaoping/store-sqlite';
import { BENCH_YEAR, benchDbPath, benchPreset } from './batch-db.js';

const PERIOD = String(BENCH_YEAR);
const cliDir = fileURLToPath(new URL('../packages/cli/', import.meta.url));
const quiet = { info: () => {}, warn: () => {}, error: (m: string) => console.error(m) };

/** Wall and CPU seconds: on a shared machine the CPU seconds are the steadier of the two. */
async function seconds(fn: () => Promise<unknown> | unknown): Promise<{ wall: number; cpu: number }> {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  await fn();
  const c = process.cpuUsage(c0);
  return { wall: (performance.now() - t0) / 1000, cpu: (c.user + c.system) / 1e6 };
}

const fmt = (t: { wall: number; cpu: number }) => `${t.wall.toFixed(3).padStart(7)} (cpu ${t.cpu.toFixed(3)})`;

export default async function bench(): Promise<void> {
  const preset = benchPreset();
  const dbPath = benchDbPath(preset);
  if (!existsSync(dbPath)) {
    console.log(`(skipped: ${dbPath} is not built yet; run \`KAOPING_BENCH_PRESET=${preset} pnpm bench batch-db\`)`);
    return;
  }
  const runs = Number(process.env.KAOPING_BENCH_CLOSE_RUNS ?? 3);
  const store = openSqliteStore(dbPath);
  const kernel = createKernel({ store, resolveFrom: [cliDir], logger: quiet });
  const start = await seconds(() => kernel.start());
  const staff = kernel.directory.people().length;
  console.log(`close: ${preset} bureau, ${staff.toLocaleString('en')} staff, period ${PERIOD}; load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  console.log(`kernel.start() with the store: ${fmt(start)} s`);
  try {
    for (let i = 0; i < runs; i++) {
      const total = await seconds(() => closePeriod(kernel, PERIOD));
      // The parts, timed apart on the same kernel (the first close has loaded what it needs).
      let scores!: ReturnType<typeof scoreStates>;
      const score = await seconds(() => { scores = scoreStates(kernel, kernel.states, PERIOD); });
      const write = await seconds(() => storeScores(kernel, PERIOD, scores));
      const checks = await seconds(() => kernel.loop.onPeriodClosed(PERIOD));
      console.log(`closePeriod #${i + 1}: ${fmt(total)} s; the parts again: score ${fmt(score)}, write ${fmt(write)}, close checks ${fmt(checks)}; ${scores.results.length.toLocaleString('en')} results`);
    }
  } finally {
    await kernel.stop();
    store.close();
  }
}

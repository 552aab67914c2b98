/**
 * Period close on the cached synthetic bureau (bench/batch-db.ts; KAOPING_BENCH_PRESET=city for the
 * smaller one), against DESIGN.md's target: a period close — scores, composites and tiers from the
 * kept states, stored with their audit entries — under 1 s for 30,000 staff. The kernel keeps its
 * states in memory (a server, a host), so the target is timed on a kernel that has them; what a cold
 * `kaoping close` pays first to read the period's kept states from the store, and the closed loop's
 * checks that `closePeriod` runs after the close (risks, not scores), are printed on their own lines.
 * Each close is repeated KAOPING_BENCH_CLOSE_RUNS times (default 3). The close writes results into the
 * cached database (or KAOPING_BENCH_DB, a copy of it), as `kaoping close` would; it never builds the
 * database (run `pnpm bench batch-db`).
 */
import { existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { closePeriod, createKernel, scoreStates, storeScores } from '@kaoping/kernel';
import { openSqliteStore } from '@kaoping/store-sqlite';
import { BENCH_YEAR, benchDbPath, benchPreset } from './batch-db.js';
import { seconds } from './support/seconds.js';

const PERIOD = String(BENCH_YEAR);
const cliDir = fileURLToPath(new URL('../packages/cli/', import.meta.url));
const quiet = { info: () => {}, warn: () => {}, error: (m: string) => console.error(m) };

const fmt = (t: { wall: number; cpu: number }) => `${t.wall.toFixed(3).padStart(7)} (cpu ${t.cpu.toFixed(3)})`;

export default async function bench(): Promise<void> {
  const preset = benchPreset();
  // KAOPING_BENCH_DB: close a copy instead, e.g. while another bench reads the cached bureau.
  const dbPath = process.env.KAOPING_BENCH_DB ?? benchDbPath(preset);
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
    const cold = await seconds(() => closePeriod(kernel, PERIOD));
    console.log(`closePeriod, cold (reads the period's kept states, closes, then the loop's close checks): ${fmt(cold)} s`);
    for (let i = 0; i < runs; i++) {
      let scores!: ReturnType<typeof scoreStates>;
      const score = await seconds(() => { scores = scoreStates(kernel, kernel.states, PERIOD); });
      const write = await seconds(() => storeScores(kernel, PERIOD, scores));
      const checks = await seconds(() => kernel.loop.onPeriodClosed(PERIOD));
      const close = score.wall + write.wall;
      console.log(`close #${i + 1}: ${close.toFixed(3).padStart(7)} s (target < 1 s: ${close < 1 ? 'met' : 'not met'}) = score ${fmt(score)} + store with audit ${fmt(write)}; `
        + `${scores.results.length.toLocaleString('en')} results, ${scores.composites.length.toLocaleString('en')} composites, ${scores.tiers.length.toLocaleString('en')} tiers; `
        + `then the loop's close checks ${fmt(checks)} s`);
    }
    console.log(`peak resident memory: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`);
  } finally {
    await kernel.stop();
    store.close();
  }
}

import { closePeriod, resultCount, type PeriodScores } from '@kaoping/kernel';
import { requireString, type Command } from '../command.js';
import { openRuntime } from '../runtime/open-runtime.js';

const USAGE = 'kaoping close --db FILE --period P [--config FILE] [--json]';

/** Counts a user checks after a close: rows written and people per tier (段). */
export function closeSummary(period: string, scores: PeriodScores, ms: number) {
  const tiers = { '1': 0, '2': 0, '3': 0, none: 0 };
  const reasons: Record<string, number> = {};
  for (const t of scores.tiers) {
    tiers[t.tier === null ? 'none' : String(t.tier) as '1' | '2' | '3']++;
    reasons[t.reason] = (reasons[t.reason] ?? 0) + 1;
  }
  return { period, results: resultCount(scores), composites: scores.composites.length, tiers: scores.tiers.length, byTier: tiers, byReason: reasons, ms: Math.round(ms) };
}

export const closeCommand: Command = {
  name: 'close',
  summary: 'Close a period from the kept states: store results, composites and (years) tiers',
  usage: USAGE,
  options: { db: { type: 'string' }, period: { type: 'string' }, config: { type: 'string' }, json: { type: 'boolean' } },
  async run(args) {
    const db = requireString(args, 'db', this);
    const period = requireString(args, 'period', this);
    const runtime = await openRuntime({ db, config: args.values.config as string | undefined });
    try {
      const started = performance.now();
      const scores = await closePeriod(runtime.kernel, period);
      const summary = closeSummary(period, scores, performance.now() - started);
      if (args.values.json) {
        console.log(JSON.stringify(summary));
        return;
      }
      console.log(`期间 ${period} 已结算 (period ${period} closed in ${summary.ms} ms)`);
      console.log(`  结果 results     ${summary.results}`);
      console.log(`  综合分 composites ${summary.composites}`);
      if (summary.tiers > 0) {
        const { byTier } = summary;
        console.log(`  段次 tiers       ${summary.tiers}: 第1段 ${byTier['1']}, 第2段 ${byTier['2']}, 第3段 ${byTier['3']}, 无段次 (none) ${byTier.none}`);
        console.log(`  原因 reasons     ${Object.entries(summary.byReason).map(([k, n]) => `${k} ${n}`).join(', ')}`);
      }
    } finally {
      await runtime.close();
    }
  },
};

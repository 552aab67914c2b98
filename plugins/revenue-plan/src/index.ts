import {
  counters, defineIndicator, ratio, targetScale, trendOf, type TargetParams,
} from '@kaoping/contract';

/** Σ planned (计划数) and Σ collected (实收数) revenue in yuan, and the monthly reports behind them. */
export interface RevenuePlanState {
  planned: number;
  collected: number;
  reports: number;
}

export type RevenuePlanParams = TargetParams;

const ID = 'business.revenue-plan';
const TITLE = { zh: '税费收入计划完成率', en: 'Revenue plan completion' };
const DEFAULTS: RevenuePlanParams = { target: 1, floor: 0.9, riskMargin: 0.25, riskMinCount: 3 };

/** collected ÷ planned; null with no plan. */
function completion(s: RevenuePlanState): number | null {
  const share = ratio(s.collected, s.planned);
  // A plan so small (a few yuan-billionths) that the ratio overflows is no plan at all.
  return share !== null && Number.isFinite(share) ? share : null;
}

function amount(v: unknown): number {
  return typeof v === 'number' && Number.isFinite(v) ? v : 0;
}

export default defineIndicator<RevenuePlanState, RevenuePlanParams>({
  id: ID,
  version: '1.0.0',
  api: '^1',
  title: TITLE,
  description: { zh: 'Σ 实收数 ÷ Σ 计划数', en: 'Σ collected ÷ Σ planned revenue over the months of the period.' },
  domain: 'business',
  subjects: ['unit'],
  consumes: ['tax.revenue.reported'],
  ...targetScale({ id: ID, direction: 'higher', defaults: DEFAULTS }),
  attribution: 'event-time',
  ...counters('planned', 'collected', 'reports'),
  add(s, e) {
    s.planned += amount(e.attrs.planned);
    s.collected += amount(e.attrs.collected);
    s.reports++;
  },
  value: (s) => completion(s),
  risks: trendOf({ title: TITLE, direction: 'higher', value: completion, count: (s) => s.reports }),
});

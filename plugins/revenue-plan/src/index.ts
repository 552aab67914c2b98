import {
  assertTargetParams, defineIndicator, targetParamsProperties, trendRisks, type TargetParams,
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

function completion(s: RevenuePlanState): number | null {
  if (s.planned === 0) return null;
  // A plan so small (a few yuan-billionths) that the ratio overflows is no plan at all.
  const ratio = s.collected / s.planned;
  return Number.isFinite(ratio) ? ratio : null;
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
  params: {
    schema: { type: 'object', additionalProperties: false, properties: targetParamsProperties(DEFAULTS) },
    defaults: DEFAULTS,
  },
  direction: 'higher',
  scale: { kind: 'target' },
  attribution: 'event-time',
  setup: (ctx) => assertTargetParams(ID, ctx.params, 'higher'),
  init: () => ({ planned: 0, collected: 0, reports: 0 }),
  add(s, e) {
    s.planned += amount(e.attrs.planned);
    s.collected += amount(e.attrs.collected);
    s.reports++;
  },
  merge: (a, b) => ({ planned: a.planned + b.planned, collected: a.collected + b.collected, reports: a.reports + b.reports }),
  value: (s) => completion(s),
  risks: (s, ctx) => trendRisks({ title: TITLE, value: completion(s), count: s.reports, direction: 'higher', params: ctx.params }),
});

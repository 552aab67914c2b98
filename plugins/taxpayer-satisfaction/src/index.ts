import {
  assertTargetParams, defineIndicator, targetParamsProperties, trendRisks, type TargetParams,
} from '@kaoping/contract';

/** Ratings received and the sum of their scores (integers 1..5, so the sum is exact). */
export interface SatisfactionState {
  ratings: number;
  sum: number;
}

export type SatisfactionParams = TargetParams & {
  /** Fewer ratings than this say too little: the value is null. */
  minRatings: number;
};

const ID = 'business.taxpayer-satisfaction';
const TITLE = { zh: '纳税人满意度', en: 'Taxpayer satisfaction' };
const DEFAULTS: SatisfactionParams = { target: 4.8, floor: 3.5, riskMargin: 0.25, riskMinCount: 10, minRatings: 5 };

function mean(s: SatisfactionState, p: SatisfactionParams): number | null {
  return s.ratings === 0 || s.ratings < p.minRatings ? null : s.sum / s.ratings;
}

export default defineIndicator<SatisfactionState, SatisfactionParams>({
  id: ID,
  version: '1.0.0',
  api: '^1',
  title: TITLE,
  description: { zh: '评价分数 (1–5) 的平均值，评价少于 minRatings 条时为空', en: 'Mean rating score (1–5); null below minRatings ratings.' },
  domain: 'business',
  subjects: ['person', 'unit'],
  consumes: ['tax.rating.submitted'],
  params: {
    schema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        ...targetParamsProperties(DEFAULTS),
        minRatings: { type: 'integer', minimum: 1, default: DEFAULTS.minRatings, description: 'Ratings needed before the mean counts.' },
      },
    },
    defaults: DEFAULTS,
  },
  direction: 'higher',
  scale: { kind: 'target' },
  attribution: 'event-time',
  categories: ['服务'],
  setup: (ctx) => assertTargetParams(ID, ctx.params, 'higher'),
  init: () => ({ ratings: 0, sum: 0 }),
  add(s, e) {
    const score = e.attrs.score;
    if (typeof score !== 'number' || !Number.isFinite(score)) return;
    s.ratings++;
    s.sum += score;
  },
  merge: (a, b) => ({ ratings: a.ratings + b.ratings, sum: a.sum + b.sum }),
  value: (s, ctx) => mean(s, ctx.params),
  risks: (s, ctx) => trendRisks({ title: TITLE, value: mean(s, ctx.params), count: s.ratings, direction: 'higher', params: ctx.params }),
});

import {
  counters, defineIndicator, ratio, targetScale, trendOf, type TargetParams,
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

/** sum ÷ ratings; null with fewer than minRatings ratings (or none). */
function mean(s: SatisfactionState, p: SatisfactionParams): number | null {
  return s.ratings < p.minRatings ? null : ratio(s.sum, s.ratings);
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
  ...targetScale({
    id: ID,
    direction: 'higher',
    defaults: DEFAULTS,
    properties: {
      minRatings: { type: 'integer', minimum: 1, default: DEFAULTS.minRatings, description: 'Ratings needed before the mean counts.' },
    },
  }),
  attribution: 'event-time',
  categories: ['服务'],
  ...counters('ratings', 'sum'),
  add(s, e) {
    const score = e.attrs.score;
    if (typeof score !== 'number' || !Number.isFinite(score)) return;
    s.ratings++;
    s.sum += score;
  },
  value: (s, ctx) => mean(s, ctx.params),
  risks: trendOf({ title: TITLE, direction: 'higher', value: (s, ctx) => mean(s, ctx.params), count: (s) => s.ratings }),
});

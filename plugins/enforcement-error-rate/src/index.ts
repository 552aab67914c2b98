import {
  counters, defineIndicator, ratio, targetScale, trendOf, type TargetParams,
} from '@kaoping/contract';

/** Reviewed enforcement actions (复查结果 present) and the faulty ones among them. */
export interface EnforcementErrorState {
  reviewed: number;
  faulty: number;
}

export type EnforcementErrorParams = TargetParams;

const ID = 'business.enforcement-error-rate';
const TITLE = { zh: '执法过错率', en: 'Enforcement error rate' };
const DEFAULTS: EnforcementErrorParams = { target: 0, floor: 0.05, riskMargin: 0.25, riskMinCount: 10 };

/** faulty ÷ reviewed; null while nothing has been reviewed. */
const rate = (s: EnforcementErrorState): number | null => ratio(s.faulty, s.reviewed);

export default defineIndicator<EnforcementErrorState, EnforcementErrorParams>({
  id: ID,
  version: '1.0.0',
  api: '^1',
  title: TITLE,
  description: { zh: '复查结果为过错的执法行为 ÷ 已复查的执法行为', en: 'Actions reviewed as faulty ÷ actions reviewed; unreviewed actions count in neither.' },
  domain: 'business',
  subjects: ['person', 'unit'],
  consumes: ['tax.enforcement.recorded'],
  ...targetScale({ id: ID, direction: 'lower', defaults: DEFAULTS }),
  attribution: 'event-time',
  categories: ['质量'],
  ...counters('reviewed', 'faulty'),
  add(s, e) {
    const review = e.attrs.review;
    // null = not yet reviewed: it says nothing about quality yet.
    if (review === 'correct') s.reviewed++;
    else if (review === 'faulty') { s.reviewed++; s.faulty++; }
  },
  value: (s) => rate(s),
  risks: trendOf({ title: TITLE, direction: 'lower', value: rate, count: (s) => s.reviewed }),
});

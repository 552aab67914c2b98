import {
  counters, defineIndicator, ratio, targetParamsProperties, targetScale, trendOf,
  type ActivityEvent, type TargetParams,
} from '@kaoping/contract';

/**
 * Two counters, whatever the number of matters: memory grows with subjects × indicators,
 * never with events. No event ids are kept; explain reads the matters from the store.
 */
export interface OnTimeState {
  /** Completed matters that could be judged (they carry a deadline). */
  done: number;
  /** Of those, completed at or before their deadline. */
  onTime: number;
}

export type OnTimeParams = TargetParams;

const ID = 'business.on-time-rate';
const TITLE = { zh: '办税时限达标率', en: 'On-time handling rate' };

/** riskMargin is a fraction of target − floor (0.13): 0.15 puts the warning line near floor + 0.02. */
export const ON_TIME_DEFAULTS: OnTimeParams = { target: 0.98, floor: 0.85, riskMargin: 0.15, riskMinCount: 10 };

const base = targetParamsProperties(ON_TIME_DEFAULTS);
const rate = { minimum: 0, maximum: 1 };

/** onTime ÷ done; null while nothing could be judged. */
const onTimeRate = (s: OnTimeState): number | null => ratio(s.onTime, s.done);

/** bjrq ≤ blqx as instants; a completion exactly at the deadline is on time. */
function completedOnTime(e: ActivityEvent, deadline: number): boolean {
  const completed = typeof e.attrs.completedAt === 'number' ? e.attrs.completedAt : e.occurredAt;
  return completed <= deadline;
}

export default defineIndicator<OnTimeState, OnTimeParams>({
  id: ID,
  version: '1.0.0',
  api: '^1',
  title: TITLE,
  description: {
    zh: '办结日期不晚于办理期限的已办结事项数 ÷ 已办结事项数，按办结日期归属期间',
    en: 'Completed matters with bjrq ≤ blqx ÷ completed matters, in the period containing bjrq.',
  },
  domain: 'business',
  subjects: ['person', 'unit'],
  consumes: ['tax.matter.completed'],
  // A rate: target and floor within 0..1. setup refuses target ≤ floor, which JSON Schema cannot.
  ...targetScale({
    id: ID,
    direction: 'higher',
    defaults: ON_TIME_DEFAULTS,
    properties: { target: { ...base.target, ...rate }, floor: { ...base.floor, ...rate } },
  }),
  attribution: 'event-time',
  categories: ['时效'],
  ...counters('done', 'onTime'),
  add(s, e) {
    const deadline = e.attrs.deadlineAt;
    // The adapter rejects matters without a valid 办理期限; one without cannot be judged either way.
    if (typeof deadline !== 'number') return;
    s.done++;
    if (completedOnTime(e, deadline)) s.onTime++;
  },
  value: (s) => onTimeRate(s),
  risks: trendOf({ title: TITLE, direction: 'higher', value: onTimeRate, count: (s) => s.done }),
});

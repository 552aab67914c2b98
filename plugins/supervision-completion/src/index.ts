import {
  counters, defineIndicator, localDay, ratio, targetScale, trendOf, type TargetParams,
} from '@kaoping/contract';

/** Supervision items (督办事项) due in the period and those completed by their due date. */
export interface SupervisionState {
  due: number;
  onTime: number;
}

export type SupervisionParams = TargetParams;

const ID = 'gov.supervision-completion';
const TITLE = { zh: '督办事项按期完成率', en: 'Supervised items completed on time' };
const DEFAULTS: SupervisionParams = { target: 1, floor: 0.8, riskMargin: 0.25, riskMinCount: 5 };

/** onTime ÷ due; null while nothing is due. */
const rate = (s: SupervisionState): number | null => ratio(s.onTime, s.due);

export default defineIndicator<SupervisionState, SupervisionParams>({
  id: ID,
  version: '1.0.0',
  api: '^1',
  title: TITLE,
  description: { zh: '完成日期 ≤ 要求完成日期的督办事项 ÷ 到期督办事项；未完成的计为到期未按期', en: 'Items completed on or before their due date (as dates) ÷ items due; an item without a completion date is due and not on time.' },
  domain: 'government',
  subjects: ['person', 'unit'],
  consumes: ['gov.supervision.due'],
  ...targetScale({ id: ID, direction: 'higher', defaults: DEFAULTS }),
  attribution: 'event-time',
  categories: ['时效'],
  ...counters('due', 'onTime'),
  add(s, e) {
    const { completedAt } = e.attrs;
    // The event happens on the due date, so occurredAt is the due date when dueAt is absent.
    const dueAt = typeof e.attrs.dueAt === 'number' ? e.attrs.dueAt : e.occurredAt;
    s.due++;
    if (typeof completedAt === 'number' && localDay(completedAt) <= localDay(dueAt)) s.onTime++;
  },
  value: (s) => rate(s),
  risks: trendOf({ title: TITLE, direction: 'higher', value: rate, count: (s) => s.due }),
});

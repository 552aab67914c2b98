import {
  counters, defineIndicator, localDay, ratio, targetScale, trendOf, type TargetParams,
} from '@kaoping/contract';

/** Documents closed in the period and those closed on or before their deadline. */
export interface DocumentTimelinessState {
  closed: number;
  onTime: number;
}

export type DocumentTimelinessParams = TargetParams;

const ID = 'gov.document-timeliness';
const TITLE = { zh: '公文办理及时率', en: 'Document handling timeliness' };
const DEFAULTS: DocumentTimelinessParams = { target: 0.95, floor: 0.8, riskMargin: 0.25, riskMinCount: 10 };

/** onTime ÷ closed; null while nothing has closed. */
const rate = (s: DocumentTimelinessState): number | null => ratio(s.onTime, s.closed);

export default defineIndicator<DocumentTimelinessState, DocumentTimelinessParams>({
  id: ID,
  version: '1.0.0',
  api: '^1',
  title: TITLE,
  description: { zh: '办结日期 ≤ 办结时限的公文 ÷ 办结公文', en: 'Documents closed on or before their deadline (as dates) ÷ documents closed.' },
  domain: 'government',
  subjects: ['person', 'unit'],
  consumes: ['gov.document.closed'],
  ...targetScale({ id: ID, direction: 'higher', defaults: DEFAULTS }),
  attribution: 'event-time',
  categories: ['时效'],
  ...counters('closed', 'onTime'),
  add(s, e) {
    const { closedAt, deadline } = e.attrs;
    if (typeof closedAt !== 'number') return;
    s.closed++;
    // Plain dates compare as dates: closing any time on the deadline day is on time.
    if (typeof deadline === 'number' && localDay(closedAt) <= localDay(deadline)) s.onTime++;
  },
  value: (s) => rate(s),
  risks: trendOf({ title: TITLE, direction: 'higher', value: rate, count: (s) => s.closed }),
});

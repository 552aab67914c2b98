import {
  assertTargetParams, defineIndicator, localDay, targetParamsProperties, trendRisks, type TargetParams,
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

function rate(s: DocumentTimelinessState): number | null {
  return s.closed === 0 ? null : s.onTime / s.closed;
}

export default defineIndicator<DocumentTimelinessState, DocumentTimelinessParams>({
  id: ID,
  version: '1.0.0',
  api: '^1',
  title: TITLE,
  description: { zh: '办结日期 ≤ 办结时限的公文 ÷ 办结公文', en: 'Documents closed on or before their deadline (as dates) ÷ documents closed.' },
  domain: 'government',
  subjects: ['person', 'unit'],
  consumes: ['gov.document.closed'],
  params: {
    schema: { type: 'object', additionalProperties: false, properties: targetParamsProperties(DEFAULTS) },
    defaults: DEFAULTS,
  },
  direction: 'higher',
  scale: { kind: 'target' },
  attribution: 'event-time',
  categories: ['时效'],
  setup: (ctx) => assertTargetParams(ID, ctx.params, 'higher'),
  init: () => ({ closed: 0, onTime: 0 }),
  add(s, e) {
    const { closedAt, deadline } = e.attrs;
    if (typeof closedAt !== 'number') return;
    s.closed++;
    // Plain dates compare as dates: closing any time on the deadline day is on time.
    if (typeof deadline === 'number' && localDay(closedAt) <= localDay(deadline)) s.onTime++;
  },
  merge: (a, b) => ({ closed: a.closed + b.closed, onTime: a.onTime + b.onTime }),
  value: (s) => rate(s),
  risks: (s, ctx) => trendRisks({ title: TITLE, value: rate(s), count: s.closed, direction: 'higher', params: ctx.params }),
});

import {
  appliesToMembers, counters, defineIndicator, memberStatusProperty, ratio, targetScale, trendOf,
  type MemberParams, type TargetParams,
} from '@kaoping/contract';

/** Organisational-life meetings (组织生活) attended and missed. */
export interface OrganisationalLifeState {
  attended: number;
  absent: number;
}

export type OrganisationalLifeParams = TargetParams & MemberParams;

const ID = 'party.organisational-life';
const TITLE = { zh: '组织生活参与率', en: 'Organisational life participation' };
const DEFAULTS: OrganisationalLifeParams = { target: 1, floor: 0.8, riskMargin: 0.25, riskMinCount: 4, memberStatus: '中共党员' };

const meetings = (s: OrganisationalLifeState): number => s.attended + s.absent;

/** attended ÷ (attended + absent); null with no meetings. */
const rate = (s: OrganisationalLifeState): number | null => ratio(s.attended, meetings(s));

export default defineIndicator<OrganisationalLifeState, OrganisationalLifeParams>({
  id: ID,
  version: '1.0.0',
  api: '^1',
  title: TITLE,
  description: { zh: '参加 ÷ (参加 + 缺席)，仅适用于中共党员', en: 'Meetings attended ÷ (attended + missed); party members only.' },
  domain: 'party',
  subjects: ['person'],
  consumes: ['party.life.recorded'],
  ...targetScale({
    id: ID,
    direction: 'higher',
    defaults: DEFAULTS,
    properties: { memberStatus: memberStatusProperty(DEFAULTS) },
  }),
  attribution: 'event-time',
  categories: ['纪律'],
  appliesTo: appliesToMembers(DEFAULTS),
  ...counters('attended', 'absent'),
  add(s, e) {
    if (e.attrs.status === 'attended') s.attended++;
    else if (e.attrs.status === 'absent') s.absent++;
  },
  value: (s) => rate(s),
  risks: trendOf({ title: TITLE, direction: 'higher', value: rate, count: meetings }),
});

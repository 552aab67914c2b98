import {
  assertTargetParams, defineIndicator, targetParamsProperties, trendRisks, type Person, type TargetParams,
} from '@kaoping/contract';

/** Organisational-life meetings (组织生活) attended and missed. */
export interface OrganisationalLifeState {
  attended: number;
  absent: number;
}

export type OrganisationalLifeParams = TargetParams & {
  /** 政治面貌 of the people this indicator applies to. */
  memberStatus: string;
};

const ID = 'party.organisational-life';
const TITLE = { zh: '组织生活参与率', en: 'Organisational life participation' };
const DEFAULTS: OrganisationalLifeParams = { target: 1, floor: 0.8, riskMargin: 0.25, riskMinCount: 4, memberStatus: '中共党员' };

function rate(s: OrganisationalLifeState): number | null {
  const meetings = s.attended + s.absent;
  return meetings === 0 ? null : s.attended / meetings;
}

export default defineIndicator<OrganisationalLifeState, OrganisationalLifeParams>({
  id: ID,
  version: '1.0.0',
  api: '^1',
  title: TITLE,
  description: { zh: '参加 ÷ (参加 + 缺席)，仅适用于中共党员', en: 'Meetings attended ÷ (attended + missed); party members only.' },
  domain: 'party',
  subjects: ['person'],
  consumes: ['party.life.recorded'],
  params: {
    schema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        ...targetParamsProperties(DEFAULTS),
        memberStatus: { type: 'string', minLength: 1, default: DEFAULTS.memberStatus, description: '政治面貌 of the people this indicator applies to.' },
      },
    },
    defaults: DEFAULTS,
  },
  direction: 'higher',
  scale: { kind: 'target' },
  attribution: 'event-time',
  categories: ['纪律'],
  setup: (ctx) => assertTargetParams(ID, ctx.params, 'higher'),
  appliesTo: (person: Person, params?: OrganisationalLifeParams) =>
    person.politicalStatus === (params ?? DEFAULTS).memberStatus,
  init: () => ({ attended: 0, absent: 0 }),
  add(s, e) {
    if (e.attrs.status === 'attended') s.attended++;
    else if (e.attrs.status === 'absent') s.absent++;
  },
  merge: (a, b) => ({ attended: a.attended + b.attended, absent: a.absent + b.absent }),
  value: (s) => rate(s),
  risks: (s, ctx) => trendRisks({ title: TITLE, value: rate(s), count: s.attended + s.absent, direction: 'higher', params: ctx.params }),
});

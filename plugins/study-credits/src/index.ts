import {
  appliesToMembers, counters, defineIndicator, memberStatusProperty, targetScale, trendRisks,
  type AggregateContext, type MemberParams, type TargetParams,
} from '@kaoping/contract';

/** Study credits (学习积分) earned in the period, and the records behind them. */
export interface StudyCreditsState {
  credits: number;
  records: number;
}

export type StudyCreditsParams = TargetParams & MemberParams & {
  /** Credits a member must earn in a full year; a quarter asks for a quarter of it. */
  annualCredits: number;
  /** No pace warning before this share of the period has gone by. */
  riskMinElapsed: number;
};

const ID = 'party.study-credits';
const TITLE = { zh: '学习积分完成率', en: 'Study credit completion' };
const PACE_TITLE = { zh: '学习积分按进度完成率', en: 'study credit completion against the pro-rata requirement' };
const DEFAULTS: StudyCreditsParams = {
  target: 1, floor: 0.6, riskMargin: 0.25, riskMinCount: 0, annualCredits: 50, memberStatus: '中共党员', riskMinElapsed: 0.25,
};

function required(ctx: AggregateContext<StudyCreditsParams>): number {
  return ctx.params.annualCredits * ctx.period.months / 12;
}

function completion(s: StudyCreditsState, ctx: AggregateContext<StudyCreditsParams>): number {
  return Math.min(1, s.credits / required(ctx));
}

/** Share of the period gone by `now`, in 0..1. */
function elapsed(ctx: AggregateContext<StudyCreditsParams>, now: number): number {
  const { start, end } = ctx.period;
  return Math.min(1, Math.max(0, (now - start) / (end - start)));
}

export default defineIndicator<StudyCreditsState, StudyCreditsParams>({
  id: ID,
  version: '1.0.0',
  api: '^1',
  title: TITLE,
  description: {
    zh: 'min(1, Σ 学习积分 ÷ (年度应修积分 × 期间月数 ÷ 12))，仅适用于中共党员',
    en: 'min(1, Σ credits ÷ (annual credits × months in period ÷ 12)); party members only.',
  },
  domain: 'party',
  subjects: ['person'],
  consumes: ['party.study.recorded'],
  ...targetScale({
    id: ID,
    direction: 'higher',
    defaults: DEFAULTS,
    properties: {
      annualCredits: { type: 'number', exclusiveMinimum: 0, default: DEFAULTS.annualCredits, description: 'Credits a member must earn in a full year.' },
      memberStatus: memberStatusProperty(DEFAULTS),
      riskMinElapsed: { type: 'number', minimum: 0, maximum: 1, default: DEFAULTS.riskMinElapsed, description: 'No pace warning before this share of the period has gone by.' },
    },
  }),
  attribution: 'event-time',
  categories: ['学习'],
  appliesTo: appliesToMembers(DEFAULTS),
  ...counters('credits', 'records'),
  add(s, e) {
    const credits = e.attrs.credits;
    if (typeof credits !== 'number' || !Number.isFinite(credits)) return;
    s.credits += credits;
    s.records++;
  },
  // Never null: the requirement is never 0, so a member with no records has earned 0 of it.
  value: (s, ctx) => completion(s, ctx),
  /**
   * Credits accrue over the period, so the warning compares what was earned with what is
   * due by now (the requirement pro rata), not with the whole period's requirement.
   */
  risks(s, ctx) {
    const share = elapsed(ctx, ctx.now);
    if (share === 0 || share < ctx.params.riskMinElapsed) return [];
    const pace = Math.min(1, s.credits / (required(ctx) * share));
    return trendRisks({ title: PACE_TITLE, value: pace, count: s.records, direction: 'higher', params: ctx.params });
  },
});

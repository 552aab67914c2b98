import { defineIndicator, type ActivityEvent } from '@kaoping/contract';

/**
 * Signed counts over the matters this subject accepted before the period end. Each matter
 * adds through its accepted event and, when completed before the end, takes back through its
 * completed event, so a partial state may hold a negative `overdue` until merged.
 */
export interface OverdueOpenState {
  /** Matters accepted before the period end (slrq < end). */
  accepted: number;
  /** Of those, matters due before the end (blqx < end) and not completed before it. */
  overdue: number;
}

export type OverdueOpenParams = {
  /** Points deducted per overdue open matter. */
  points: number;
  /** Overdue matters at which the warning becomes high severity. */
  riskHighCount: number;
};

const DEFAULTS: OverdueOpenParams = { points: 5, riskHighCount: 3 };

function num(v: unknown): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

/** Accepted before `end` and due before `end`: overdue at the end unless completed before it. */
function dueBeforeEnd(e: ActivityEvent, end: number): boolean {
  const acceptedAt = num(e.attrs.acceptedAt) ?? e.occurredAt;
  const deadlineAt = num(e.attrs.deadlineAt);
  return acceptedAt < end && deadlineAt !== null && deadlineAt < end;
}

export default defineIndicator<OverdueOpenState, OverdueOpenParams>({
  id: 'business.overdue-open',
  version: '1.0.0',
  api: '^1',
  title: { zh: '超期未办件数', en: 'Overdue open matters' },
  description: {
    zh: '期末仍未办结 (受理日期 < 期末，办结日期为空或 ≥ 期末) 且办理期限 < 期末的事项数；期末为下一期间的第一个时刻',
    en: 'Matters still open at the period end (accepted before it, not completed before it) whose deadline is before it; the end is the first instant of the next period.',
  },
  domain: 'business',
  subjects: ['person', 'unit'],
  consumes: ['tax.matter.accepted', 'tax.matter.completed'],
  params: {
    schema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        points: { type: 'number', minimum: 0, default: DEFAULTS.points, description: 'Points deducted per overdue open matter.' },
        riskHighCount: { type: 'integer', minimum: 1, default: DEFAULTS.riskHighCount, description: 'Overdue matters at which the warning becomes high severity.' },
      },
    },
    defaults: DEFAULTS,
  },
  direction: 'lower',
  scale: { kind: 'deduction' },
  // A stock, not a flow: each event reaches every period that ends after it.
  attribution: 'period-end',
  categories: ['时效'],
  init: () => ({ accepted: 0, overdue: 0 }),
  add(s, e, ctx) {
    const end = ctx.period.end;
    if (e.type === 'tax.matter.accepted') {
      if ((num(e.attrs.acceptedAt) ?? e.occurredAt) >= end) return;
      s.accepted++;
      if (dueBeforeEnd(e, end)) s.overdue++;
    } else if (e.type === 'tax.matter.completed') {
      // Completed exactly at the end is still open at the end: only bjrq < end takes back.
      const completedAt = num(e.attrs.completedAt) ?? e.occurredAt;
      if (completedAt < end && dueBeforeEnd(e, end)) s.overdue--;
    }
  },
  merge: (a, b) => ({ accepted: a.accepted + b.accepted, overdue: a.overdue + b.overdue }),
  // Clamped because a completed matter whose accepted event never arrived must not count below 0.
  value: (s) => (s.accepted === 0 ? null : Math.max(0, s.overdue)),
  risks(s, ctx) {
    const overdue = s.accepted === 0 ? 0 : s.overdue;
    if (overdue <= 0) return [];
    return [{
      trigger: 'deadline',
      severity: overdue >= ctx.params.riskHighCount ? 'high' : 'medium',
      message: `${overdue} 件事项办理期限在期末前且尚未办结 (${overdue} open matters with a deadline before the period end)`,
      evidence: [],
    }];
  },
});

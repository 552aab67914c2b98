import { defineRule, localDate } from '@kaoping/contract';

/** One sanction (处分) behind the rule: its record id and 处分日期. */
export interface SanctionRef {
  id: string;
  at: number;
}

/**
 * The sanctions of one person in one period. A person has few sanctions, so keeping their
 * ids costs nothing and lets the outcome name the record (以事见人).
 */
export interface SanctionTierState {
  sanctions: SanctionRef[];
}

function byDateThenId(a: SanctionRef, b: SanctionRef): number {
  return a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

function insertSorted(list: SanctionRef[], x: SanctionRef): void {
  let i = list.length;
  while (i > 0 && byDateThenId(list[i - 1], x) > 0) i--;
  list.splice(i, 0, x);
}

export default defineRule<SanctionTierState, Record<string, never>>({
  id: 'rule.sanction-tier3',
  version: '1.0.0',
  api: '^1',
  title: { zh: '当年受处分直接确定为第3段', en: 'A sanction in the year forces tier 3' },
  description: {
    zh: '处分日期在考核年度内的，年度考核直接确定为第3段',
    en: 'Anyone whose 处分日期 falls in the evaluation year is tier 3 for that year, whatever the score.',
  },
  consumes: ['hr.sanction.imposed'],
  // Forcing the lowest tier for misconduct outranks any other rule.
  precedence: 100,
  init: () => ({ sanctions: [] }),
  add(s, e, ctx) {
    // The year's state takes the sanctions dated in it; another period's event is not ours.
    if (e.occurredAt < ctx.period.start || e.occurredAt >= ctx.period.end) return;
    insertSorted(s.sanctions, { id: e.id, at: e.occurredAt });
  },
  // Kept sorted, by add and by merge alike, so the state is the same whatever order events
  // or partitions arrive in: the hook sees arrival order, a batch sees time order.
  merge: (a, b) => ({ sanctions: [...a.sanctions, ...b.sanctions].sort(byDateThenId) }),
  decide(s, ctx) {
    if (ctx.period.kind !== 'year' || s.sanctions.length === 0) return null;
    // Sorted again: a state kept by an earlier version may hold arrival order.
    const sorted = [...s.sanctions].sort(byDateThenId);
    const first = sorted[0];
    return {
      tier: 3,
      reason: 'sanction',
      message: `当年受处分，年度考核直接确定为第3段 (sanction on ${localDate(first.at)}, record ${first.id})`,
      evidence: sorted.map((x) => x.id),
    };
  },
});

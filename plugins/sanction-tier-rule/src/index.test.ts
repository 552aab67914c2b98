import { parsePeriod, type AggregateContext, type ActivityEvent } from '@kaoping/contract';
import { localTime, makeEvent } from '@kaoping/testkit';
import { describe, expect, it } from 'vitest';
import rule, { type SanctionTierState } from './index.js';

type Params = Record<string, never>;
const ctx = (period: string): AggregateContext<Params> => ({ period: parsePeriod(period), params: {}, subjectKind: 'person' });

const sanction = (id: string, date: string, until = '2099-12-31') =>
  makeEvent({ source: 'hr', id, type: 'hr.sanction.imposed', occurredAt: date, attrs: { sanctionType: '政务处分', effectiveUntil: localTime(until) } });

function decideFor(period: string, events: ActivityEvent[]) {
  const c = ctx(period);
  const state = rule.init();
  for (const e of events) rule.add(state, e, c);
  return rule.decide(state, c);
}

describe('rule.sanction-tier3', () => {
  it('forces tier 3 for a sanction in the year, naming the date and the record', () => {
    expect(decideFor('2026', [sanction('S-17', '2026-05-20')])).toEqual({
      tier: 3,
      reason: 'sanction',
      message: '当年受处分，年度考核直接确定为第3段 (sanction on 2026-05-20, record S-17)',
      evidence: ['S-17'],
    });
  });

  it('names the first sanction of the year and keeps every one as evidence', () => {
    const out = decideFor('2026', [sanction('S-30', '2026-11-02'), sanction('S-12', '2026-03-01')]);
    expect(out?.message).toBe('当年受处分，年度考核直接确定为第3段 (sanction on 2026-03-01, record S-12)');
    expect(out?.evidence).toEqual(['S-12', 'S-30']);
  });

  it('reads the year in Shanghai time: 2026-12-31 23:30 is 2026, 2027-01-01 00:00 is not', () => {
    expect(decideFor('2026', [sanction('S-1', '2026-12-31 23:30')])?.tier).toBe(3);
    expect(decideFor('2026', [sanction('S-2', '2027-01-01 00:00')])).toBeNull();
    expect(decideFor('2026', [sanction('S-3', '2025-12-31 23:59:59')])).toBeNull();
  });

  it('decides nothing without a sanction, and nothing for a quarter or month', () => {
    expect(decideFor('2026', [])).toBeNull();
    expect(decideFor('2026-Q2', [sanction('S-4', '2026-05-20')])).toBeNull();
    expect(decideFor('2026-05', [sanction('S-4', '2026-05-20')])).toBeNull();
  });

  it('merges partial states into the same decision whatever the order', () => {
    const c = ctx('2026');
    const one = (e: ActivityEvent): SanctionTierState => { const s = rule.init(); rule.add(s, e, c); return s; };
    const a = one(sanction('S-9', '2026-09-09'));
    const b = one(sanction('S-2', '2026-02-02'));
    const ab = rule.merge(rule.merge(rule.init(), a), b);
    const ba = rule.merge(b, rule.merge(a, rule.init()));
    expect(ab).toEqual(ba);
    expect(structuredClone(ab)).toEqual(ab);
    expect(rule.decide(ab, c)?.evidence).toEqual(['S-2', 'S-9']);
  });

  it('keeps the same state whatever order the events arrive in (the hook sees arrival order, a batch time order)', () => {
    const c = ctx('2026');
    const late = sanction('E0', '2026-01-31 23:59:59');
    const early = sanction('E1', '2026-01-01 00:00');
    const arrived = rule.init();
    for (const e of [late, early]) rule.add(arrived, e, c);
    const timed = rule.init();
    for (const e of [early, late]) rule.add(timed, e, c);
    expect(arrived).toEqual(timed);
    expect(arrived.sanctions.map((x) => x.id)).toEqual(['E1', 'E0']);
  });

  it('keeps ids only, not the borrowed events', () => {
    const c = ctx('2026');
    const state = rule.init();
    const e = sanction('S-5', '2026-04-04');
    rule.add(state, e, c);
    expect(state).toEqual({ sanctions: [{ id: 'S-5', at: localTime('2026-04-04') }] });
    expect(state.sanctions[0]).not.toBe(e);
  });
});

import { describe, expect, it } from 'vitest';
import { parsePeriod, type Person, type Tier } from '@kaoping/contract';
import { assignTiers, tierOneSlots, winningRule, type FiredRule } from './tiers.js';

const year = parsePeriod('2026');
const localMidnight = (y: number, m: number, d: number): number => Date.UTC(y, m - 1, d) - 8 * 3_600_000;
const person = (id: string, until?: number): Person => ({ id, name: id, unitId: 'D1', postId: 'P1', since: 0, until: until ?? null });
const sanction = (records: string[]): FiredRule => ({
  ruleId: 'rule.sanction-tier3', precedence: 0, tier: 3, reason: 'sanction', message: '当年受处分', evidence: records,
});
const config = { quota: 0.2, threshold: 60 };

function byId(rows: Tier[]): Record<string, Pick<Tier, 'tier' | 'reason' | 'rank' | 'n'>> {
  return Object.fromEntries(rows.map((r) => [r.personId, { tier: r.tier, reason: r.reason, rank: r.rank, n: r.n }]));
}

describe('annual tiers', () => {
  // A group of 13: one sanctioned, one leaver, one with no data, one who left on 1 January of
  // the next year (employed all year, so ranked), nine more ranked.
  const composites = new Map<string, number | null>([
    ['p01', 90], ['p02', 95], ['p03', 90], ['p04', 70], ['p05', 59.9], ['p06', 60], ['p07', 40], ['p08', 85], ['p09', 88],
    ['p10', 99], ['p11', 97], ['p12', 65], ['p13', null],
  ]);
  const members = [
    'p13', 'p12', 'p11', 'p10', 'p09', 'p08', 'p07', 'p06', 'p05', 'p04', 'p03', 'p02', 'p01',
  ].map((id) => person(id, id === 'p11' ? localMidnight(2026, 12, 31) : id === 'p12' ? localMidnight(2027, 1, 1) : undefined));
  const rows = assignTiers({
    period: year,
    groups: new Map([['D1', members]]),
    composites,
    rules: new Map([['p10', [sanction(['hr:SAN-001'])]]]),
    config,
  });

  it('follows INDICATORS.md: forced first, quota on n with forced counted, threshold, ties by id', () => {
    // Ranking: p10 forced out; p02 95, p11 left; p01 90 and p03 90 (tie → p01 first), p09 88,
    // p08 85, p04 70, p12 65 (left on 1 Jan 2027: still employed all year), p06 60, p05 59.9, p07 40.
    // n = 10 ranked + 1 forced = 11 → floor(2.2) = 2 slots.
    expect(byId(rows)).toEqual({
      p02: { tier: 1, reason: 'ranked', rank: 1, n: 11 },
      p01: { tier: 1, reason: 'ranked', rank: 2, n: 11 },
      p03: { tier: 2, reason: 'ranked', rank: 3, n: 11 },
      p09: { tier: 2, reason: 'ranked', rank: 4, n: 11 },
      p08: { tier: 2, reason: 'ranked', rank: 5, n: 11 },
      p04: { tier: 2, reason: 'ranked', rank: 6, n: 11 },
      p12: { tier: 2, reason: 'ranked', rank: 7, n: 11 },
      p06: { tier: 2, reason: 'ranked', rank: 8, n: 11 },
      p05: { tier: 3, reason: 'below-threshold', rank: 9, n: 11 },
      p07: { tier: 3, reason: 'below-threshold', rank: 10, n: 11 },
      p10: { tier: 3, reason: 'sanction', rank: null, n: 11 },
      p11: { tier: null, reason: 'left', rank: null, n: null },
      p13: { tier: null, reason: 'no-data', rank: null, n: null },
    });
  });

  it('keeps the input order and names the group and period', () => {
    expect(rows.map((r) => r.personId)).toEqual(members.map((p) => p.id));
    expect(rows.every((r) => r.group === 'D1' && r.period === '2026')).toBe(true);
  });

  it('explains each tier: score, rank, n, quota, threshold, the rule with its records', () => {
    const forced = rows.find((r) => r.personId === 'p10') as Tier;
    expect(forced.evidence).toEqual({
      score: 99, rank: null, n: 11, quota: 0.2, threshold: 60, tierOneSlots: 2, rule: 'rule.sanction-tier3',
      rules: [{ rule: 'rule.sanction-tier3', precedence: 0, tier: 3, reason: 'sanction', message: '当年受处分', records: ['hr:SAN-001'] }],
    });
    const ranked = rows.find((r) => r.personId === 'p05') as Tier;
    expect(ranked.evidence).toEqual({ score: 59.9, rank: 9, n: 11, quota: 0.2, threshold: 60, tierOneSlots: 2, rules: [] });
    const left = rows.find((r) => r.personId === 'p11') as Tier;
    expect(left.evidence).toMatchObject({ score: 97, leftAt: localMidnight(2026, 12, 31) });
  });

  it('a forced person with no composite still gets the forced tier and counts in n', () => {
    // Without e counted, n = 4 would leave floor(0.8) = 0 tier-1 slots.
    const out = assignTiers({
      period: year,
      groups: new Map([['G', ['a', 'b', 'c', 'd', 'e'].map((id) => person(id))]]),
      composites: new Map([['a', 80], ['b', 70], ['c', 75], ['d', 65]]),
      rules: new Map([['e', [sanction(['x'])]]]),
      config,
    });
    // n = 5 → floor(1.0) = 1 slot, for a.
    expect(byId(out)).toEqual({
      a: { tier: 1, reason: 'ranked', rank: 1, n: 5 },
      c: { tier: 2, reason: 'ranked', rank: 2, n: 5 },
      b: { tier: 2, reason: 'ranked', rank: 3, n: 5 },
      d: { tier: 2, reason: 'ranked', rank: 4, n: 5 },
      e: { tier: 3, reason: 'sanction', rank: null, n: 5 },
    });
  });

  it('floors the quota: 4 people leave no tier-1 slot', () => {
    const out = assignTiers({
      period: year,
      groups: new Map([['G', ['a', 'b', 'c', 'd'].map((id) => person(id))]]),
      composites: new Map([['a', 99], ['b', 98], ['c', 97], ['d', 50]]),
      config,
    });
    expect(out.map((r) => r.tier)).toEqual([2, 2, 2, 3]);
  });

  it('gives tier 1 by rank even below the threshold (the quota comes first)', () => {
    const out = assignTiers({
      period: year,
      groups: new Map([['G', ['a', 'b', 'c', 'd', 'e'].map((id) => person(id))]]),
      composites: new Map([['a', 50], ['b', 40], ['c', 45], ['d', 30], ['e', 20]]),
      config,
    });
    expect(byId(out).a).toEqual({ tier: 1, reason: 'ranked', rank: 1, n: 5 });
    expect(out.filter((r) => r.tier === 3).map((r) => r.personId)).toEqual(['b', 'c', 'd', 'e']);
  });

  it('ranks each group on its own', () => {
    const out = assignTiers({
      period: year,
      groups: new Map([['G1', ['a', 'b', 'c', 'd', 'e'].map((id) => person(id))], ['G2', [person('z')]]]),
      composites: new Map([['a', 90], ['b', 80], ['c', 70], ['d', 65], ['e', 61], ['z', 10]]),
      config: { quota: 0.2, threshold: 60 },
    });
    expect(byId(out).z).toEqual({ tier: 3, reason: 'below-threshold', rank: 1, n: 1 });
    expect(byId(out).a).toEqual({ tier: 1, reason: 'ranked', rank: 1, n: 5 });
  });

  it('gives the rows in the order asked, across groups, the same rows as group by group', () => {
    const input = {
      period: year,
      groups: new Map([['G1', [person('c'), person('a')]], ['G2', [person('b')]]]),
      composites: new Map([['a', 90], ['b', 80], ['c', 70]]),
      config,
    };
    const grouped = assignTiers(input);
    expect(grouped.map((t) => t.personId)).toEqual(['c', 'a', 'b']);
    // A person of no group has no tier.
    const ordered = assignTiers({ ...input, order: ['a', 'b', 'x', 'c'].map((id) => person(id)) });
    expect(ordered.map((t) => [t.personId, t.group])).toEqual([['a', 'G1'], ['b', 'G2'], ['c', 'G1']]);
    expect(ordered).toEqual([grouped[1], grouped[2], grouped[0]]);
  });
});

describe('tier helpers', () => {
  it('floors quota × n exactly despite binary rounding', () => {
    expect(0.29 * 100).toBeLessThan(29); // what plain Math.floor would get wrong
    expect(tierOneSlots(0.29, 100)).toBe(29);
    expect(tierOneSlots(0.2, 14)).toBe(2);
    expect(tierOneSlots(0.2, 15)).toBe(3);
    expect(tierOneSlots(0, 1000)).toBe(0);
    expect(tierOneSlots(1, 7)).toBe(7);
  });

  it('picks the highest precedence, then the smallest rule id', () => {
    const r = (ruleId: string, precedence: number, tier: 1 | 2 | 3): FiredRule => ({ ruleId, precedence, tier, reason: 'sanction', message: '', evidence: [] });
    expect(winningRule([r('rule.b', 0, 3), r('rule.a', 10, 1)])?.ruleId).toBe('rule.a');
    expect(winningRule([r('rule.z', 5, 3), r('rule.m', 5, 2), r('rule.x', 1, 1)])?.ruleId).toBe('rule.m');
    expect(winningRule([])).toBeUndefined();
    expect(winningRule(undefined)).toBeUndefined();
  });
});

import { describe, expect, it } from 'vitest';
import { parsePeriod, type OrgUnit, type Person, type Result } from '@kaoping/contract';
import { parseScoringConfig } from './config-schema.js';
import { scorePeriod, type IndicatorValue, type ScoringIndicator } from './score-period.js';
import type { FiredRule } from './tiers.js';

// A small bureau worked through by hand (INDICATORS.md § Scales, § Composite score, § Tiers).
const units: OrgUnit[] = [
  { id: 'B', name: '市局', parentId: null, kind: 'bureau' },
  { id: 'BS', name: '市局科室', parentId: 'B', kind: 'section' },
  { id: 'D1', name: '区局', parentId: 'B', kind: 'district' },
  { id: 'D1S', name: '区局科室', parentId: 'D1', kind: 'section' },
];
const member = '中共党员';
const people: Person[] = [
  { id: 'a', name: 'a', unitId: 'BS', postId: 'X', politicalStatus: member, since: 0 },
  { id: 'b', name: 'b', unitId: 'BS', postId: 'X', politicalStatus: '群众', since: 0 },
  { id: 'c', name: 'c', unitId: 'D1S', postId: 'X', politicalStatus: member, since: 0 },
  { id: 'd', name: 'd', unitId: 'D1S', postId: 'X', since: 0 },
  { id: 'e', name: 'e', unitId: 'D1', postId: 'Y', since: 0 },
];
const ind = (id: string, domain: ScoringIndicator['domain'], subjects: ScoringIndicator['subjects'], scale: ScoringIndicator['scale'], params: Record<string, unknown>, extra: Partial<ScoringIndicator> = {}): ScoringIndicator => ({
  id, version: '1.0.0', paramsHash: `h-${id}`, domain, subjects, direction: 'higher', scale, params, ...extra,
});
const indicators: ScoringIndicator[] = [
  ind('business.on-time-rate', 'business', ['person', 'unit'], { kind: 'target' }, { target: 0.98, floor: 0.85 }),
  ind('business.workload', 'business', ['person'], { kind: 'percentile' }, {}),
  ind('gov.attendance', 'government', ['person'], { kind: 'target' }, { target: 0.98, floor: 0.9 }),
  ind('party.organisational-life', 'party', ['person'], { kind: 'target' }, { target: 1, floor: 0.8 }, { appliesTo: (p) => p.politicalStatus === member }),
  ind('business.revenue-plan', 'business', ['unit'], { kind: 'target' }, { target: 1, floor: 0.9 }),
];
const v = (subjectKind: 'person' | 'unit', subjectId: string, indicator: string, value: number | null): IndicatorValue => ({ subjectKind, subjectId, indicator, value });
const values: IndicatorValue[] = [
  v('person', 'a', 'business.on-time-rate', 0.98), v('person', 'b', 'business.on-time-rate', 0.85),
  v('person', 'c', 'business.on-time-rate', 0.915), v('person', 'd', 'business.on-time-rate', null),
  v('person', 'e', 'business.on-time-rate', 1),
  v('person', 'a', 'business.workload', 10), v('person', 'b', 'business.workload', 20),
  v('person', 'c', 'business.workload', 5), v('person', 'd', 'business.workload', 5), v('person', 'e', 'business.workload', 7),
  v('person', 'a', 'gov.attendance', 0.94), v('person', 'b', 'gov.attendance', 0.98), v('person', 'c', 'gov.attendance', 0.9),
  v('person', 'a', 'party.organisational-life', 1), v('person', 'b', 'party.organisational-life', 0.9),
  v('person', 'c', 'party.organisational-life', 0.9),
  v('unit', 'B', 'business.on-time-rate', 0.9), v('unit', 'D1', 'business.on-time-rate', 0.98),
  v('unit', 'B', 'business.revenue-plan', 1), v('unit', 'D1', 'business.revenue-plan', 0.95),
];

// Scores by hand: on-time a 100, b 0, c 50, d null, e 100; workload (peers: B/X = a, b;
// D1/X = c, d tied; D1/Y = e alone) a 0, b 100, c 50, d 50, e 100; attendance a 50, b 100, c 0;
// party (members a, c only) a 100, c 50. Units: on-time B 100 × 0.05 / 0.13, D1 100;
// revenue B 100, D1 50.
const scoreB = 500 / 13;
const comp = {
  a: 0.6 * 50 + 0.25 * 50 + 0.15 * 100, // 57.5
  b: (0.6 * 50 + 0.25 * 100) / 0.85, // party null (not a member) → renormalised
  c: 0.6 * 50 + 0.25 * 0 + 0.15 * 50, // 37.5
  d: 50, // business only: workload 50
  e: 100,
};
const ownB = (scoreB + 100) / 2;
const ownD1 = (100 + 50) / 2;

function close(actual: number | null | undefined, expected: number): void {
  expect(typeof actual).toBe('number');
  expect(Math.abs((actual as number) - expected)).toBeLessThan(1e-9);
}

const year = parsePeriod('2026');
const sanctionD: FiredRule = { ruleId: 'rule.sanction-tier3', precedence: 0, tier: 3, reason: 'sanction', message: '当年受处分', evidence: ['hr:S1'] };
const out = scorePeriod({ period: year, units, people, indicators, values, ruleOutcomes: new Map([['d', [sanctionD]]]), config: parseScoringConfig({ tiers: { quota: 0.5 } }) });
const result = (kind: string, id: string, indicator: string): Result => out.results.find((r) => r.subjectKind === kind && r.subjectId === id && r.indicator === indicator) as Result;
const composite = (kind: string, id: string) => out.composites.find((c) => c.subjectKind === kind && c.subjectId === id);

describe('scorePeriod', () => {
  it('scores every subject on every indicator for its kind', () => {
    expect(out.results).toHaveLength(5 * 4 + 4 * 2);
    const scores = (id: string) => out.results.filter((r) => r.subjectKind === 'person' && r.subjectId === id).map((r) => r.score);
    expect(scores('a')).toEqual([100, 0, 50, 100].map((x) => expect.closeTo(x, 9)));
    expect(scores('b')).toEqual([0, 100, 100, null].map((x) => (x === null ? null : expect.closeTo(x, 9))));
    close(result('person', 'c', 'business.on-time-rate').score, 50);
    expect(scores('d')).toEqual([null, 50, null, null]);
    expect(scores('e')).toEqual([100, 100, null, null]);
    close(result('unit', 'B', 'business.on-time-rate').score, scoreB);
    expect(result('unit', 'D1S', 'business.revenue-plan')).toMatchObject({ value: null, score: null });
  });

  it('records version, params hash, period and how the score came about', () => {
    expect(result('person', 'a', 'business.on-time-rate')).toMatchObject({
      indicatorVersion: '1.0.0', paramsHash: 'h-business.on-time-rate', period: '2026', value: 0.98,
      evidence: { scale: 'target', direction: 'higher', params: { target: 0.98, floor: 0.85 } },
    });
    expect(result('person', 'b', 'business.workload').evidence).toEqual({
      scale: 'percentile', direction: 'higher', params: {}, peerGroup: { tierGroup: 'B', post: 'X' }, n: 2, below: 1, equal: 1,
    });
    expect(result('person', 'c', 'business.workload').evidence).toMatchObject({ peerGroup: { tierGroup: 'D1', post: 'X' }, n: 2, below: 0, equal: 2 });
  });

  it('nulls a value the indicator does not apply to, whatever was computed', () => {
    expect(result('person', 'b', 'party.organisational-life')).toMatchObject({ value: null, score: null, evidence: { applies: false } });
  });

  it('composes people, with the weights used', () => {
    for (const [id, expected] of Object.entries(comp)) close(composite('person', id)?.composite, expected);
    const wb = composite('person', 'b')?.weights ?? {};
    close(wb['business.on-time-rate'], 0.3 / 0.85);
    close(wb['gov.attendance'], 0.25 / 0.85);
    expect(wb).not.toHaveProperty('party.organisational-life');
  });

  it('composes units from their subtree people and their own indicators', () => {
    close(composite('unit', 'B')?.composite, 0.5 * ((comp.a + comp.b + comp.c + comp.d + comp.e) / 5) + 0.5 * ownB);
    close(composite('unit', 'D1')?.composite, 0.5 * ((comp.c + comp.d + comp.e) / 3) + 0.5 * ownD1);
    close(composite('unit', 'BS')?.composite, (comp.a + comp.b) / 2); // no unit values: people half alone
    close(composite('unit', 'D1S')?.composite, (comp.c + comp.d) / 2);
    expect(composite('unit', 'B')?.weights['@people']).toBe(0.5);
    expect(composite('unit', 'BS')?.weights).toEqual({ '@people': 1 });
  });

  it('tiers each group for a year', () => {
    // Group B (a, b): n 2, quota 0.5 → 1 slot: b 64.7 tier 1; a 57.5 < 60 → tier 3.
    // Group D1 (c, d, e): d sanctioned; n 3 → floor(1.5) = 1 slot: e tier 1; c 37.5 → tier 3.
    expect(out.tiers.map((t) => [t.personId, t.group, t.tier, t.reason, t.rank, t.n])).toEqual([
      ['a', 'B', 3, 'below-threshold', 2, 2],
      ['b', 'B', 1, 'ranked', 1, 2],
      ['c', 'D1', 3, 'below-threshold', 2, 3],
      ['d', 'D1', 3, 'sanction', null, 3],
      ['e', 'D1', 1, 'ranked', 1, 3],
    ]);
  });

  it('gives no tiers outside a year, and accepts values as a Map', () => {
    const q = scorePeriod({ period: parsePeriod('2026-Q2'), units, people, indicators, values: new Map(values.map((x, i) => [i, x])) });
    expect(q.tiers).toEqual([]);
    expect(q.results.every((r) => r.period === '2026-Q2')).toBe(true);
    close(q.composites.find((c) => c.subjectId === 'b')?.composite, comp.b);
  });

  it('names the indicator whose params its scale cannot use', () => {
    const bad = [...indicators, ind('business.overdue-open', 'business', ['person'], { kind: 'deduction' }, { point: 5 })];
    expect(() => scorePeriod({ period: year, units, people, indicators: bad, values })).toThrow(
      'Invalid params for "business.overdue-open": the deduction scale needs a number in params.points (got undefined)',
    );
  });
});

describe('scorePeriod at province size', () => {
  it('scores 30,000 people on 11 indicators', () => {
    let seed = 42;
    const rand = (): number => ((seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648);
    const bigUnits: OrgUnit[] = [{ id: 'B', name: 'B', parentId: null, kind: 'bureau' }];
    for (let d = 0; d < 20; d++) {
      bigUnits.push({ id: `D${d}`, name: `D${d}`, parentId: 'B', kind: 'district' });
      for (let s = 0; s < 10; s++) bigUnits.push({ id: `D${d}S${s}`, name: 's', parentId: `D${d}`, kind: 'section' });
    }
    for (let s = 0; s < 10; s++) bigUnits.push({ id: `BS${s}`, name: 's', parentId: 'B', kind: 'section' });
    const leaves = bigUnits.filter((u) => u.kind === 'section');
    const bigPeople: Person[] = Array.from({ length: 30_000 }, (_, i) => ({
      id: `P${String(i).padStart(6, '0')}`, name: 'x', unitId: leaves[i % leaves.length].id, postId: `post${i % 7}`,
      politicalStatus: i % 3 === 0 ? member : '群众', since: 0,
    }));
    const eleven: ScoringIndicator[] = [
      ...indicators.filter((i) => i.subjects.includes('person')),
      ind('business.overdue-open', 'business', ['person', 'unit'], { kind: 'deduction' }, { points: 5 }),
      ind('business.enforcement-error-rate', 'business', ['person', 'unit'], { kind: 'target' }, { target: 0, floor: 0.05 }, { direction: 'lower' }),
      ind('business.taxpayer-satisfaction', 'business', ['person', 'unit'], { kind: 'target' }, { target: 4.8, floor: 3.5 }),
      ind('business.revenue-plan', 'business', ['unit'], { kind: 'target' }, { target: 1, floor: 0.9 }),
      ind('gov.document-timeliness', 'government', ['person', 'unit'], { kind: 'target' }, { target: 0.95, floor: 0.8 }),
      ind('gov.supervision-completion', 'government', ['person', 'unit'], { kind: 'target' }, { target: 1, floor: 0.8 }),
      ind('party.study-credits', 'party', ['person'], { kind: 'target' }, { target: 1, floor: 0.6 }),
    ];
    const bigValues: IndicatorValue[] = [];
    for (const i of eleven) {
      for (const p of bigPeople) if (i.subjects.includes('person')) bigValues.push(v('person', p.id, i.id, rand() < 0.05 ? null : i.id === 'business.workload' ? Math.floor(rand() * 50) : rand()));
      for (const u of bigUnits) if (i.subjects.includes('unit')) bigValues.push(v('unit', u.id, i.id, rand()));
    }
    const big = scorePeriod({ period: year, units: bigUnits, people: bigPeople, indicators: eleven, values: bigValues });
    expect(eleven).toHaveLength(11);
    expect(big.results).toHaveLength(30_000 * 10 + bigUnits.length * 7);
    expect(big.results.every((r) => r.score === null || (r.score >= 0 && r.score <= 100))).toBe(true);
    expect(big.composites).toHaveLength(30_000 + bigUnits.length);
    expect(big.tiers).toHaveLength(30_000);
    // 21 groups of ~1,428 people: tier 1 is exactly floor(0.2 × n) in each.
    const groups = new Map<string, { n: number; ones: number }>();
    for (const t of big.tiers) {
      const g = groups.get(t.group) ?? { n: t.n ?? 0, ones: 0 };
      if (t.tier === 1) g.ones++;
      groups.set(t.group, g);
    }
    expect(groups.size).toBe(21);
    for (const g of groups.values()) expect(g.ones).toBe(Math.floor(0.2 * g.n));
  }, 120_000); // a size check, not a timing one: the generous limit only guards a loaded machine
});

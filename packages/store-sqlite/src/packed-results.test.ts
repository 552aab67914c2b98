import { resultRowsOf, type Result, type ResultColumn, type ResultColumns } from '@kaoping/contract';
import { describe, expect, it } from 'vitest';
import { packResultColumns, packResults, unpackResults, type SubjectRow } from './packed-results.js';

const linear = { scale: 'linear', params: { floor: 0.6 } };
const row = (subjectId: string, indicator: string, value: number | null, score: number | null, evidence: Record<string, unknown> = linear, subjectKind: Result['subjectKind'] = 'person'): Result => ({
  subjectKind, subjectId, indicator, indicatorVersion: '1.0.0', paramsHash: `h-${indicator}`, period: '2026', value, score, evidence,
});

const doubles = (b: Buffer): number[] => Array.from({ length: b.length / 8 }, (_, i) => b.readDoubleLE(i * 8));
const bySubject = (a: SubjectRow, b: SubjectRow): number => (a.subject_kind + a.subject_id < b.subject_kind + b.subject_id ? -1 : 1);

describe('results packed per subject', () => {
  it('stores a facet once per indicator, numbers as doubles, and gives every row back by subject then indicator', () => {
    const rows = [
      row('P2', 'z.rate', 0.5, 50), row('P2', 'a.count', 3, null, { scale: 'target' }),
      row('P1', 'z.rate', null, null), row('P1', 'a.count', 0, 0, { scale: 'target' }),
      row('U1', 'z.rate', 1 / 3, 100 / 3, linear, 'unit'),
    ];
    const packed = packResults(rows);
    expect(packed.facets.map((f) => [f.facet, f.indicator, f.evidence])).toEqual([[0, 'z.rate', JSON.stringify(linear)], [1, 'a.count', '{"scale":"target"}']]);
    expect(packed.subjects.map((s) => [s.subject_id, s.facets, doubles(s.numbers), s.evidence])).toEqual([
      ['P2', '[0,1]', [0.5, 50, 3, NaN], null], ['P1', '[0,1]', [NaN, NaN, 0, 0], null], ['U1', '[0]', [1 / 3, 100 / 3], null],
    ]);
    const subjects = [...packed.subjects].sort(bySubject);
    expect(unpackResults('2026', packed.facets, subjects)).toEqual([rows[3], rows[2], rows[1], rows[0], rows[4]]);
    expect(unpackResults('2026', packed.facets, subjects, 'a.count')).toEqual([rows[3], rows[1]]);
  });

  it("keeps a row's own evidence when it differs from its facet's (a percentile's rank among its peers)", () => {
    const rows = [row('P1', 'p.rank', 4, 80, { scale: 'percentile', n: 5, below: 4 }), row('P2', 'p.rank', 1, 0, { scale: 'percentile', n: 5, below: 0 })];
    const packed = packResults(rows);
    expect(packed.facets).toHaveLength(1);
    expect(packed.subjects.map((s) => s.evidence)).toEqual([null, '[[0,{"scale":"percentile","n":5,"below":0}]]']);
    expect(unpackResults('2026', packed.facets, packed.subjects)).toEqual(rows);
  });

  it('reads a number that is not finite back as null, as JSON did', () => {
    const packed = packResults([row('P1', 'z.rate', Number.POSITIVE_INFINITY, Number.NaN)]);
    expect(unpackResults('2026', packed.facets, packed.subjects)[0]).toMatchObject({ value: null, score: null });
  });

  it('names the subject and what to do when a packed row does not fit its period', () => {
    const subject = (facets: string, bytes: number): SubjectRow => ({ subject_kind: 'person', subject_id: 'P1', facets, numbers: Buffer.alloc(bytes), evidence: null });
    expect(() => unpackResults('2026', [], [subject('[7]', 16)])).toThrow(expect.objectContaining({
      code: 'KP_ERR_STORE',
      message: 'Store error: reading results of 2026/person/P1: the row has facet 7, which period 2026 does not have; the results tables were changed outside Kaoping, close the period again',
    }));
    expect(() => unpackResults('2026', [], [subject('[0,1]', 16)])).toThrow(expect.objectContaining({
      message: expect.stringContaining('the row has 2 facets but 16 bytes of numbers'),
    }));
  });
});

describe('results packed from columns', () => {
  const column = (indicator: string, values: number[], scores: number[], evidence: Record<string, unknown>[]): ResultColumn => ({
    indicator, indicatorVersion: '1.0.0', paramsHash: `h-${indicator}`, values: Float64Array.from(values), scores: Float64Array.from(scores), evidence,
  });
  const target = Object.freeze({ scale: 'target' });
  const rank = (below: number) => ({ ...linear, n: 3, below });

  it('packs exactly what the rows the columns stand for pack to: facets, numbers (NaN, -0, infinities), own evidence', () => {
    const columns: ResultColumns = {
      period: '2026',
      kinds: [
        {
          subjectKind: 'person', subjectIds: ['P2', 'P1', 'P3'], indicators: [
            // The first subject's evidence becomes the facet's, as with rows; equal text in another object is not kept twice.
            column('z.rate', [0.5, NaN, -0], [50, NaN, Number.POSITIVE_INFINITY], [rank(2), rank(0), { ...rank(2) }]),
            column('a.count', [3, 0, 1e-300], [NaN, 0, 1], [target, target, { scale: 'target', applies: false }]),
          ],
        },
        { subjectKind: 'unit', subjectIds: ['U1', 'U2'], indicators: [column('z.rate', [1 / 3, 7], [100 / 3, 0], [linear, linear])] },
        { subjectKind: 'unit', subjectIds: ['U3'], indicators: [] },
      ],
    };
    const rows = resultRowsOf(columns);
    expect(rows).toHaveLength(8);
    const packed = packResultColumns(columns);
    expect(packed).toEqual(packResults(rows));
    expect(packed.subjects.map((s) => s.numbers.toString('hex'))).toEqual(packResults(rows).subjects.map((s) => s.numbers.toString('hex')));
    // The evidence most results share is the facet's (the units' here); a rank over it is stored as what it adds.
    expect(packed.facets.map((f) => f.evidence)).toEqual([JSON.stringify(linear), '{"scale":"target"}']);
    expect(packed.subjects.map((s) => [s.subject_id, s.evidence])).toEqual([
      ['P2', '[[0,{"n":3,"below":2},1]]'], ['P1', '[[0,{"n":3,"below":0},1]]'], ['P3', '[[0,{"n":3,"below":2},1],[1,{"applies":false},1]]'],
      ['U1', null], ['U2', null],
    ]);
    const subjects = [...packed.subjects].sort(bySubject);
    const back = unpackResults('2026', packed.facets, subjects);
    expect(back).toEqual(unpackResults('2026', packResults(rows).facets, [...packResults(rows).subjects].sort(bySubject)));
    // Read back as written, members in their order: a whole object, the facet's and the added ones.
    const p1 = back.find((r) => r.subjectId === 'P1' && r.indicator === 'z.rate')!;
    expect(JSON.stringify(p1.evidence)).toBe(JSON.stringify(rank(0)));
    expect(back.find((r) => r.subjectId === 'P3' && r.indicator === 'a.count')!.evidence).toEqual({ scale: 'target', applies: false });
  });

  it('keeps evidence whole when it does not begin with its facet\'s members, in order and the same', () => {
    const shared = { scale: 'linear', params: { floor: 0.6 } };
    const columns: ResultColumns = {
      period: '2026',
      kinds: [{
        subjectKind: 'person', subjectIds: ['P1', 'P2', 'P3', 'P4'], indicators: [column('z.rate', [1, 2, 3, 4], [1, 2, 3, 4], [
          shared, shared, { params: shared.params, scale: 'linear', n: 1 }, { scale: 'linear', params: { floor: 0.6 }, n: 2 },
        ])],
      }],
    };
    const packed = packResultColumns(columns);
    expect(packed.subjects.map((s) => s.evidence)).toEqual([
      null, null, '[[0,{"params":{"floor":0.6},"scale":"linear","n":1}]]', '[[0,{"scale":"linear","params":{"floor":0.6},"n":2}]]',
    ]);
    expect(packed).toEqual(packResults(resultRowsOf(columns)));
    expect(unpackResults('2026', packed.facets, packed.subjects).map((r) => r.evidence)).toEqual(columns.kinds[0].indicators[0].evidence);
  });

  it('writes the added members as JSON.stringify would: a shared peer group, an undefined member left out', () => {
    const peers = { tierGroup: 'D1', post: '征收' };
    const ranked = (below: number) => ({ ...linear, peerGroup: peers, n: 3, note: undefined, below });
    const columns: ResultColumns = {
      period: '2026',
      kinds: [{ subjectKind: 'person', subjectIds: ['P1', 'P2', 'P3'], indicators: [column('z.rank', [1, 2, 3], [1, 2, 3], [linear, ranked(0), ranked(1)])] }],
    };
    const packed = packResultColumns(columns);
    const added = (below: number) => JSON.stringify({ peerGroup: peers, n: 3, note: undefined, below });
    expect(packed.subjects.map((s) => s.evidence)).toEqual([null, `[[0,${added(0)},1]]`, `[[0,${added(1)},1]]`]);
    expect(unpackResults('2026', packed.facets, packed.subjects).map((r) => r.evidence)).toEqual([linear, ranked(0), ranked(1)].map((e) => JSON.parse(JSON.stringify(e))));
  });

  it("stores nothing of its own for evidence that only adds undefined members to its facet's, shared or not", () => {
    const shared = { ...linear, note: undefined };
    const columns: ResultColumns = {
      period: '2026',
      // The first of the two most shared objects, linear, is the facet's; the others add only `note: undefined` to it.
      kinds: [{ subjectKind: 'person', subjectIds: ['P1', 'P2', 'P3', 'P4', 'P5'], indicators: [column('z.rank', [1, 2, 3, 4, 5], [1, 2, 3, 4, 5], [linear, linear, { ...linear, note: undefined }, shared, shared])] }],
    };
    const packed = packResultColumns(columns);
    expect(packed.facets.map((f) => f.evidence)).toEqual([JSON.stringify(linear)]);
    expect(packed.subjects.map((s) => s.evidence)).toEqual([null, null, null, null, null]);
    expect(packed).toEqual(packResults(resultRowsOf(columns)));
  });

  it('packs nothing for a period without subjects', () => {
    expect(packResultColumns({ period: '2026', kinds: [{ subjectKind: 'person', subjectIds: [], indicators: [column('z.rate', [], [], [])] }] })).toEqual({ facets: [], subjects: [] });
  });
});

import { describe, expect, it } from 'vitest';
import type { Result } from './model.js';
import { resultRowsOf, resultsBySubject } from './results-by-subject.js';

const row = (subjectKind: Result['subjectKind'], subjectId: string, indicator: string): Result => ({
  subjectKind, subjectId, indicator, indicatorVersion: '1', paramsHash: 'h', period: '2026', value: null, score: null, evidence: {},
});

describe('resultsBySubject', () => {
  it('groups rows by subject kind and id in the order subjects first appear, also when a subject comes back later', () => {
    const rows = [row('person', 'P2', 'a'), row('person', 'P2', 'b'), row('unit', 'P2', 'a'), row('person', 'P1', 'a'), row('person', 'P2', 'c')];
    expect(resultsBySubject(rows)).toEqual([[rows[0], rows[1], rows[4]], [rows[2]], [rows[3]]]);
    expect(resultsBySubject([])).toEqual([]);
  });
});

describe('resultRowsOf', () => {
  it('lists the rows that columns stand for: kind by kind, subject by subject, in column order, NaN as null', () => {
    const evidence = { scale: 'target' };
    const column = (indicator: string, values: number[], scores: number[]) => ({
      indicator, indicatorVersion: '1', paramsHash: 'h', values: Float64Array.from(values), scores: Float64Array.from(scores), evidence: values.map(() => evidence),
    });
    const rows = resultRowsOf({
      period: '2026',
      kinds: [
        { subjectKind: 'person', subjectIds: ['P2', 'P1'], indicators: [column('b', [1, Number.NaN], [10, Number.NaN]), column('a', [2, 3], [20, Number.NaN])] },
        { subjectKind: 'unit', subjectIds: ['U1'], indicators: [column('a', [4], [40])] },
      ],
    });
    expect(rows.map((r) => [r.subjectKind, r.subjectId, r.indicator, r.value, r.score])).toEqual([
      ['person', 'P2', 'b', 1, 10], ['person', 'P2', 'a', 2, 20], ['person', 'P1', 'b', null, null], ['person', 'P1', 'a', 3, null], ['unit', 'U1', 'a', 4, 40],
    ]);
    expect(rows[0]).toEqual({ ...row('person', 'P2', 'b'), value: 1, score: 10, evidence });
    expect(rows[0].evidence).toBe(rows[4].evidence);
  });
});

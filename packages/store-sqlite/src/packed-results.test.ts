import type { Result } from '@kaoping/contract';
import { describe, expect, it } from 'vitest';
import { packResults, unpackResults } from './packed-results.js';

const linear = { scale: 'linear', params: { floor: 0.6 } };
const row = (subjectId: string, indicator: string, value: number | null, score: number | null, evidence: Record<string, unknown> = linear, subjectKind: Result['subjectKind'] = 'person'): Result => ({
  subjectKind, subjectId, indicator, indicatorVersion: '1.0.0', paramsHash: `h-${indicator}`, period: '2026', value, score, evidence,
});

describe('results packed per subject', () => {
  it('stores a facet once per indicator and gives every row back, by subject then indicator', () => {
    const rows = [
      row('P2', 'z.rate', 0.5, 50), row('P2', 'a.count', 3, null, { scale: 'target' }),
      row('P1', 'z.rate', null, null), row('P1', 'a.count', 0, 0, { scale: 'target' }),
      row('U1', 'z.rate', 0.25, 12.5, linear, 'unit'),
    ];
    const packed = packResults(rows);
    expect(packed.facets.map((f) => [f.indicator, f.evidence])).toEqual([['z.rate', JSON.stringify(linear)], ['a.count', '{"scale":"target"}']]);
    expect(packed.subjects.map((s) => s.results)).toEqual(['[[0,0.5,50],[1,3,null]]', '[[0,null,null],[1,0,0]]', '[[0,0.25,12.5]]']);
    const sorted = [rows[3], rows[2], rows[1], rows[0], rows[4]];
    const subjects = [...packed.subjects].sort((a, b) => (a.subject_kind + a.subject_id < b.subject_kind + b.subject_id ? -1 : 1));
    expect(unpackResults('2026', packed.facets, subjects)).toEqual(sorted);
    expect(unpackResults('2026', packed.facets, subjects, 'a.count')).toEqual([rows[3], rows[1]]);
  });

  it("keeps a row's own evidence when it differs from its facet's (a percentile's rank among its peers)", () => {
    const rows = [row('P1', 'p.rank', 4, 80, { scale: 'percentile', n: 5, below: 4 }), row('P2', 'p.rank', 1, 0, { scale: 'percentile', n: 5, below: 0 })];
    const packed = packResults(rows);
    expect(packed.facets).toHaveLength(1);
    expect(packed.subjects[1].results).toBe('[[0,1,0,{"scale":"percentile","n":5,"below":0}]]');
    expect(unpackResults('2026', packed.facets, packed.subjects)).toEqual(rows);
  });

  it('names the subject and what to do when a packed row names a facet its period lacks', () => {
    expect(() => unpackResults('2026', [], [{ subject_kind: 'person', subject_id: 'P1', results: '[[7,1,100]]' }])).toThrow(expect.objectContaining({
      code: 'KP_ERR_STORE',
      message: 'Store error: reading results of 2026/person/P1: they name facet 7, which period 2026 does not have; the results tables were changed outside Kaoping, close the period again',
    }));
  });
});

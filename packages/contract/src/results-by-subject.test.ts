import { describe, expect, it } from 'vitest';
import type { Result } from './model.js';
import { resultsBySubject } from './results-by-subject.js';

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

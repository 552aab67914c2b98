import { checkIndicator, checkIndicatorProperties, eventArbitrary, makeEvent, type GoldenCase } from '@kaoping/testkit';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import indicator, { DEFAULTS, type Params } from './index.js';

/** One rating of person P001 (unit U001 unless given), at Asia/Shanghai local time `at`. */
const rating = (id: string, at: string, score: number, actorId = 'P001') =>
  makeEvent({ id, source: 'tax-collection', type: 'tax.rating.submitted', actorId, unitId: 'U001', occurredAt: at, attrs: { score } });

// Worked out by hand: when you change the formula, change these first.
const golden: GoldenCase<Params>[] = [
  {
    name: 'two good ratings of three',
    period: '2026-03',
    events: [rating('R1', '2026-03-02 10:00', 5), rating('R2', '2026-03-03 11:00', 2), rating('R3', '2026-03-04 15:00', 4)],
    expected: 2 / 3,
  },
  { name: 'a score equal to goodScore is good', period: '2026', events: [rating('R1', '2026-05-08 09:00', 4)], expected: 1 },
  { name: 'no rating in the period is null, not 0', period: '2026-04', events: [rating('R1', '2026-03-31 23:59', 5)], expected: null },
  {
    name: 'a rating at local midnight counts in the new month',
    period: '2026-04',
    events: [rating('R1', '2026-03-31 23:59', 5), rating('R2', '2026-04-01 00:00', 1)],
    expected: 0,
  },
  {
    name: 'params move the value: goodScore 5 keeps only the fives',
    period: '2026-03',
    params: { goodScore: 5 },
    events: [rating('R1', '2026-03-02', 5), rating('R2', '2026-03-03', 4), rating('R3', '2026-03-04', 4)],
    expected: 1 / 3,
  },
  {
    name: 'a unit counts the ratings of all its people',
    period: '2026-Q1',
    subjectKind: 'unit',
    events: [rating('R1', '2026-01-05', 5, 'P001'), rating('R2', '2026-02-05', 3, 'P002'), rating('R3', '2026-03-05', 4, 'P003')],
    expected: 2 / 3,
  },
];

const anyRating = eventArbitrary({
  type: 'tax.rating.submitted',
  source: 'tax-collection',
  from: '2025-12-31',
  to: '2027-01-02',
  attrs: { score: fc.integer({ min: 1, max: 5 }) },
});

describe('business.custom-plugin', () => {
  it('matches the golden cases', () => {
    const report = checkIndicator(indicator, golden);
    expect(report.passed).toBe(golden.length);
  });

  it('holds every indicator property (merge, identity, cloneable state, determinism), in a small state', () => {
    const report = checkIndicatorProperties(indicator, {
      arbitraryEvent: anyRating,
      periods: ['2026', '2026-Q1', '2026-12', '2027-01'],
      maxStateBytes: 64,
    });
    expect(report.failed).toBe(0);
  });

  it('warns once the period-to-date share falls below the warning line', () => {
    const period = { id: '2026-03', kind: 'month' as const, year: 2026, start: 0, end: 1, months: 1 };
    const ctx = { period, params: DEFAULTS, subjectKind: 'person' as const, now: 0, subjectId: 'P001' };
    expect(indicator.risks!({ rated: 5, good: 3 }, ctx)).toMatchObject([{ trigger: 'trend', severity: 'high' }]);
    expect(indicator.risks!({ rated: 5, good: 5 }, ctx)).toEqual([]);
    expect(indicator.risks!({ rated: 2, good: 0 }, ctx)).toEqual([]);
  });
});

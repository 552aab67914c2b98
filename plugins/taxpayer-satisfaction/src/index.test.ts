import fc from 'fast-check';
import { parsePeriod } from '@kaoping/contract';
import { checkIndicator, checkIndicatorProperties, eventArbitrary, makeEvent, type GoldenCase } from '@kaoping/testkit';
import { describe, expect, it } from 'vitest';
import satisfaction, { type SatisfactionParams } from './index.js';

const rating = (date: string, score: number) =>
  makeEvent({ source: 'tax-collection', type: 'tax.rating.submitted', occurredAt: date, attrs: { score } });
const ratings = (month: string, scores: number[]) => scores.map((s, i) => rating(`${month}-${String(i + 1).padStart(2, '0')}`, s));

describe('business.taxpayer-satisfaction', () => {
  it('matches hand-computed values', () => {
    const cases: GoldenCase<SatisfactionParams>[] = [
      { name: 'five ratings: their mean', period: '2026-05', expected: 21 / 5, events: ratings('2026-05', [5, 4, 4, 3, 5]) },
      { name: 'four ratings: null below minRatings 5', period: '2026-05', expected: null, events: ratings('2026-05', [5, 5, 5, 5]) },
      { name: 'minRatings is a param', period: '2026-05', params: { minRatings: 2 }, expected: 4.5, events: ratings('2026-05', [5, 4]) },
      { name: 'no ratings: null', period: '2026-05', params: { minRatings: 1 }, expected: null, events: [] },
      {
        name: 'June ratings do not count in May, even at 00:00 local',
        period: '2026-05',
        expected: 4,
        events: [...ratings('2026-05', [4, 4, 4, 4, 4]), rating('2026-06-01 00:00', 1), rating('2026-04-30 23:59', 1)],
      },
      { name: 'unit subject', period: '2026', subjectKind: 'unit', expected: 3, events: ratings('2026-08', [1, 2, 3, 4, 5, 3]) },
    ];
    expect(checkIndicator(satisfaction, cases).failed).toBe(0);
  });

  it('warns once ten ratings average below the warning line', () => {
    const ctx = { period: parsePeriod('2026'), params: satisfaction.params.defaults, subjectKind: 'person' as const, subjectId: 'P001', now: 0 };
    // Line: 3.5 + 0.25 × 1.3 = 3.825.
    expect(satisfaction.risks!({ ratings: 10, sum: 38 }, ctx)[0]).toMatchObject({ severity: 'medium', message: expect.stringContaining('低于预警线 3.825') });
    expect(satisfaction.risks!({ ratings: 10, sum: 34 }, ctx)[0].severity).toBe('high');
    expect(satisfaction.risks!({ ratings: 10, sum: 39 }, ctx)).toEqual([]);
    expect(satisfaction.risks!({ ratings: 9, sum: 9 }, ctx)).toEqual([]);
  });

  it('obeys the indicator laws on random ratings (merge, partitions, order, clone, finite values, small state)', () => {
    const report = checkIndicatorProperties(satisfaction, {
      arbitraryEvent: eventArbitrary({ type: 'tax.rating.submitted', source: 'tax-collection', attrs: { score: fc.integer({ min: 1, max: 5 }) } }),
      periods: ['2026', '2026-Q1', '2026-12'],
      maxStateBytes: 256,
      seed: 20260101,
    });
    expect(report.failed).toBe(0);
  });
});

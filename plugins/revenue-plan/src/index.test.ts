import fc from 'fast-check';
import { parsePeriod } from '@kaoping/contract';
import { checkIndicator, checkIndicatorProperties, eventArbitrary, makeEvent, type GoldenCase } from '@kaoping/testkit';
import { describe, expect, it } from 'vitest';
import revenuePlan, { type RevenuePlanParams } from './index.js';

const month = (yf: string, planned: number, collected: number, unitId = 'U001') =>
  makeEvent({ source: 'tax-collection', id: `${unitId}:${yf}`, type: 'tax.revenue.reported', actorId: null, unitId, occurredAt: `${yf}-01`, attrs: { month: yf, planned, collected } });

describe('business.revenue-plan', () => {
  it('measures units only', () => {
    expect(revenuePlan.subjects).toEqual(['unit']);
  });

  it('matches hand-computed values (a ratio of sums, not a mean of ratios)', () => {
    const cases: GoldenCase<RevenuePlanParams>[] = [
      {
        name: 'Q1: (90 + 220 + 100) ÷ (100 + 200 + 100)',
        period: '2026-Q1',
        subjectKind: 'unit',
        expected: 410 / 400,
        events: [month('2026-01', 100, 90), month('2026-02', 200, 220), month('2026-03', 100, 100), month('2026-04', 100, 0)],
      },
      { name: 'nothing planned: null', period: '2026-Q1', subjectKind: 'unit', expected: null, events: [month('2026-01', 0, 50)] },
      { name: 'no reports: null', period: '2026', subjectKind: 'unit', expected: null, events: [] },
      {
        name: 'sub-units merge into the same sums',
        period: '2026-01',
        subjectKind: 'unit',
        expected: 1_350_000.5 / 1_500_000,
        events: [month('2026-01', 1_000_000, 1_000_000.5, 'U002'), month('2026-01', 500_000, 350_000, 'U003')],
      },
    ];
    expect(checkIndicator(revenuePlan, cases).failed).toBe(0);
  });

  it('warns after three months below the warning line', () => {
    const ctx = { period: parsePeriod('2026'), params: revenuePlan.params.defaults, subjectKind: 'unit' as const, subjectId: 'U001', now: 0 };
    // Line: 0.9 + 0.25 × 0.1 = 0.925.
    expect(revenuePlan.risks!({ planned: 300, collected: 276, reports: 3 }, ctx)[0]).toMatchObject({ severity: 'medium', trigger: 'trend' });
    expect(revenuePlan.risks!({ planned: 300, collected: 270, reports: 3 }, ctx)[0].severity).toBe('medium');
    expect(revenuePlan.risks!({ planned: 300, collected: 260, reports: 3 }, ctx)[0].severity).toBe('high');
    expect(revenuePlan.risks!({ planned: 200, collected: 100, reports: 2 }, ctx)).toEqual([]);
    expect(revenuePlan.risks!({ planned: 0, collected: 0, reports: 3 }, ctx)).toEqual([]);
  });

  it('obeys the indicator laws on random revenue reports (merge, partitions, order, clone, finite values, small state)', () => {
    const report = checkIndicatorProperties(revenuePlan, {
      arbitraryEvent: eventArbitrary({ type: 'tax.revenue.reported', source: 'tax-collection', actors: [null], units: ['U001', 'U002'], attrs: { planned: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 1e9, noNaN: true })), collected: fc.double({ min: 0, max: 1e9, noNaN: true }) } }),
      periods: ['2026', '2026-Q1', '2026-12'],
      maxStateBytes: 256,
      seed: 20260101,
    });
    expect(report.failed).toBe(0);
  });
});

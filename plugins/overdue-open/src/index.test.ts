import fc from 'fast-check';
import type { ActivityEvent } from '@kaoping/contract';
import { parsePeriod } from '@kaoping/contract';
import { checkIndicator, checkIndicatorProperties, eventArbitrary, taxMatter, type GoldenCase } from '@kaoping/testkit';
import { describe, expect, it } from 'vitest';
import overdue, { type OverdueOpenParams } from './index.js';

/** End of 2026 is 2027-01-01 00:00 local (exclusive); end of 2026-06 is 2026-07-01 00:00. */
const matter = (id: string, acceptedAt: string, deadlineAt: string, completedAt: string | null = null) =>
  taxMatter({ id, acceptedAt, deadlineAt, completedAt });

describe('business.overdue-open', () => {
  it('is a period-end stock scored by deduction', () => {
    expect(overdue).toMatchObject({ attribution: 'period-end', scale: { kind: 'deduction' }, direction: 'lower', subjects: ['person', 'unit'], categories: ['时效'] });
    expect(overdue.params.defaults.points).toBe(5);
  });

  it('matches hand-computed values at the period end', () => {
    const cases: GoldenCase<OverdueOpenParams>[] = [
      {
        name: 'accepted in 2025, still open at the end of 2026: counts in 2026',
        period: '2026',
        expected: 1,
        events: matter('A', '2025-11-03', '2025-12-01'),
      },
      {
        name: '…and in 2025 and in a 2026 month, since it is open at each end',
        period: '2026-06',
        expected: 1,
        events: matter('A', '2025-11-03', '2025-12-01'),
      },
      {
        name: 'completed exactly at the end counts as open at the end',
        period: '2026-06',
        expected: 1,
        events: matter('B', '2026-06-01', '2026-06-10', '2026-07-01 00:00'),
      },
      {
        name: 'completed one instant before the end does not count',
        period: '2026-06',
        expected: 0,
        events: matter('C', '2026-06-01', '2026-06-10', '2026-06-30 23:59:59.999'),
      },
      {
        name: 'completed late but before the end does not count in that period…',
        period: '2026-Q3',
        expected: 0,
        events: matter('D', '2026-06-01', '2026-06-10', '2026-08-15'),
      },
      {
        name: '…yet counted at the end of June, when it was still open and overdue',
        period: '2026-06',
        expected: 1,
        events: matter('D', '2026-06-01', '2026-06-10', '2026-08-15'),
      },
      {
        name: 'open but due after the end is not overdue; due exactly at the end is not before it',
        period: '2026-06',
        expected: 0,
        events: [...matter('E', '2026-06-20', '2026-07-05'), ...matter('F', '2026-06-20', '2026-07-01 00:00')],
      },
      {
        name: 'due one instant before the end is overdue',
        period: '2026-06',
        expected: 1,
        events: matter('G', '2026-06-20', '2026-06-30 23:59:59'),
      },
      {
        name: 'a matter accepted after the end is not there yet: null when nothing was accepted before it',
        period: '2026-06',
        expected: null,
        events: matter('H', '2026-07-01 00:00', '2026-07-02'),
      },
      {
        name: 'accepted matters all done: 0, not null',
        period: '2026',
        expected: 0,
        events: [...matter('I', '2026-02-01', '2026-02-10', '2026-02-05'), ...matter('J', '2026-03-01', '2026-03-10', '2026-04-05')],
      },
      {
        name: 'a mix: three overdue open at the end of 2026 across both years',
        period: '2026',
        subjectKind: 'unit',
        expected: 3,
        events: [
          ...matter('K1', '2025-12-30', '2026-01-05'),
          ...matter('K2', '2026-12-01', '2026-12-31'),
          ...matter('K3', '2026-12-01', '2026-12-15', '2027-01-01 00:00'),
          ...matter('K4', '2026-12-01', '2026-12-15', '2026-12-31 23:00'),
          ...matter('K5', '2026-12-01', '2027-01-10'),
          ...matter('K6', '2027-01-02', '2027-01-03'),
        ],
      },
    ];
    expect(checkIndicator(overdue, cases).failed).toBe(0);
  });

  it('warns while matters are overdue and open, high from three', () => {
    const ctx = { period: parsePeriod('2026-06'), params: overdue.params.defaults, subjectKind: 'person' as const, subjectId: 'P001', now: 0 };
    expect(overdue.risks!({ accepted: 4, overdue: 0 }, ctx)).toEqual([]);
    expect(overdue.risks!({ accepted: 4, overdue: 1 }, ctx)).toEqual([{
      trigger: 'deadline', severity: 'medium', evidence: [],
      message: '1 件事项办理期限在期末前且尚未办结 (1 open matters with a deadline before the period end)',
    }]);
    expect(overdue.risks!({ accepted: 4, overdue: 3 }, ctx)[0].severity).toBe('high');
  });

  it('obeys the indicator laws on random matters spanning several period ends', () => {
    const DAY = 86_400_000;
    // One side of a matter: its accepted or completed event, with attrs consistent with occurredAt.
    const side = (e: ActivityEvent): ActivityEvent => {
      const dueIn = Number(e.attrs.dueIn) * DAY;
      const took = Number(e.attrs.took) * DAY;
      const acceptedAt = e.type === 'tax.matter.accepted' ? e.occurredAt : e.occurredAt - took;
      const completedAt = e.type === 'tax.matter.completed' ? e.occurredAt : e.attrs.took === 999 ? null : acceptedAt + took;
      return { ...e, attrs: { matterId: e.id, matterType: 'DJ', acceptedAt, deadlineAt: acceptedAt + dueIn, completedAt } };
    };
    const report = checkIndicatorProperties(overdue, {
      arbitraryEvent: eventArbitrary({
        type: ['tax.matter.accepted', 'tax.matter.completed'],
        source: 'tax-collection',
        from: '2025-10-01',
        to: '2027-03-01',
        attrs: { dueIn: fc.integer({ min: 0, max: 60 }), took: fc.oneof(fc.integer({ min: 0, max: 90 }), fc.constant(999)) },
        derive: side,
      }),
      periods: ['2026', '2026-Q2', '2026-06', '2025-12'],
      maxStateBytes: 256,
      seed: 20260101,
    });
    expect(report.failed).toBe(0);
  });
});

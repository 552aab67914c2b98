import fc from 'fast-check';
import { parsePeriod } from '@kaoping/contract';
import { checkIndicator, checkIndicatorProperties, eventArbitrary, localTime, makeEvent, type GoldenCase } from '@kaoping/testkit';
import { describe, expect, it } from 'vitest';
import supervision, { type SupervisionParams } from './index.js';

/** The gov-affairs adapter's event: occurredAt = 要求完成日期, every date a local midnight. */
const item = (assigned: string, due: string, completed: string | null) =>
  makeEvent({
    source: 'gov-affairs', type: 'gov.supervision.due', occurredAt: due,
    attrs: { assignedAt: localTime(assigned), dueAt: localTime(due), completedAt: completed === null ? null : localTime(completed) },
  });

describe('gov.supervision-completion', () => {
  it('matches hand-computed values', () => {
    const cases: GoldenCase<SupervisionParams>[] = [
      {
        name: 'completed on the due date is on time; late and never completed are not',
        period: '2026-Q2',
        expected: 2 / 4,
        events: [
          item('2026-03-01', '2026-04-15', '2026-04-15'),
          item('2026-03-01', '2026-05-15', '2026-05-01'),
          item('2026-03-01', '2026-06-15', '2026-06-16'),
          item('2026-03-01', '2026-06-30', null),
        ],
      },
      { name: 'nothing due: null', period: '2026-Q2', expected: null, events: [item('2026-01-01', '2026-07-01', '2026-06-01')] },
      {
        name: 'counts in the period of its due date, whenever completed',
        period: '2026-07',
        expected: 1,
        events: [item('2026-06-01', '2026-07-01', '2026-06-20'), item('2026-06-01', '2026-06-30', '2026-06-30')],
      },
      { name: 'unit subject', period: '2026', subjectKind: 'unit', expected: 0, events: [item('2026-01-01', '2026-02-01', null)] },
    ];
    expect(checkIndicator(supervision, cases).failed).toBe(0);
  });

  it('warns after five items below the warning line (0.85)', () => {
    const ctx = { period: parsePeriod('2026'), params: supervision.params.defaults, subjectKind: 'person' as const, subjectId: 'P001', now: 0 };
    expect(supervision.risks!({ due: 5, onTime: 4 }, ctx)[0]).toMatchObject({ trigger: 'trend', severity: 'medium' });
    expect(supervision.risks!({ due: 5, onTime: 3 }, ctx)[0].severity).toBe('high');
    expect(supervision.risks!({ due: 4, onTime: 0 }, ctx)).toEqual([]);
    expect(supervision.risks!({ due: 20, onTime: 18 }, ctx)).toEqual([]);
  });

  it('obeys the indicator laws on random supervision items (merge, partitions, order, clone, finite values, small state)', () => {
    const report = checkIndicatorProperties(supervision, {
      arbitraryEvent: eventArbitrary({ type: 'gov.supervision.due', source: 'gov-affairs', attrs: { lateBy: fc.constantFrom(null, -86_400_000, 0, 86_400_000) }, derive: (e) => ({ ...e, attrs: { assignedAt: e.occurredAt - 30 * 86_400_000, dueAt: e.occurredAt, completedAt: e.attrs.lateBy === null ? null : e.occurredAt + Number(e.attrs.lateBy) } }) }),
      periods: ['2026', '2026-Q1', '2026-12'],
      maxStateBytes: 256,
      seed: 20260101,
    });
    expect(report.failed).toBe(0);
  });
});

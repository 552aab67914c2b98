import fc from 'fast-check';
import { manifestOf, manifestSchema, parsePeriod, createAjv } from '@kaoping/contract';
import { checkIndicator, checkIndicatorProperties, eventArbitrary, makeEvent, type GoldenCase } from '@kaoping/testkit';
import { describe, expect, it } from 'vitest';
import attendance, { type AttendanceParams } from './index.js';

const day = (date: string, status: 'present' | 'absent' | 'leave') =>
  makeEvent({ source: 'hr', type: 'hr.attendance.recorded', occurredAt: date, attrs: { status } });

const riskCtx = (params: Partial<AttendanceParams> = {}) => ({
  period: parsePeriod('2026-03'), params: { ...attendance.params.defaults, ...params }, subjectKind: 'person' as const, subjectId: 'P001', now: Date.parse('2026-03-20T00:00:00+08:00'),
});

describe('gov.attendance', () => {
  it('has a valid manifest whose defaults pass its own schema', () => {
    expect(createAjv().validate(manifestSchema, manifestOf(attendance))).toBe(true);
    expect(createAjv().validate(attendance.params.schema, attendance.params.defaults)).toBe(true);
    expect(attendance).toMatchObject({ id: 'gov.attendance', subjects: ['person'], direction: 'higher', categories: ['出勤', '纪律'] });
  });

  it('matches hand-computed values', () => {
    const cases: GoldenCase<AttendanceParams>[] = [
      {
        name: '18 present, 2 absent, 3 on leave: 18 ÷ 20',
        period: '2026-03',
        expected: 0.9,
        events: [
          ...Array.from({ length: 18 }, (_, i) => day(`2026-03-${String(i + 1).padStart(2, '0')}`, 'present')),
          day('2026-03-19', 'absent'), day('2026-03-20', 'absent'),
          day('2026-03-23', 'leave'), day('2026-03-24', 'leave'), day('2026-03-25', 'leave'),
        ],
      },
      { name: 'only leave: no denominator, null', period: '2026-03', expected: null, events: [day('2026-03-02', 'leave')] },
      { name: 'no records: null', period: '2026', expected: null, events: [] },
      {
        // 2026-03-31 23:30 local is 15:30Z, still March in Shanghai; 2026-04-01 00:00 local is March in UTC.
        name: 'month boundary read in Shanghai time',
        period: '2026-03',
        expected: 0.5,
        events: [day('2026-03-31 23:30', 'present'), day('2026-03-01 00:00', 'absent'), day('2026-04-01 00:00', 'absent'), day('2026-02-28 23:59:59', 'present')],
      },
      { name: 'a year sums its months', period: '2026', expected: 3 / 4, events: [day('2026-01-05', 'present'), day('2026-06-05', 'present'), day('2026-12-31', 'present'), day('2026-07-01', 'absent')] },
    ];
    expect(checkIndicator(attendance, cases).failed).toBe(0);
  });

  it('warns on the trend once enough days are recorded below the warning line', () => {
    // Line: 0.9 + 0.25 × (0.98 − 0.9) = 0.92.
    expect(attendance.risks!({ present: 9, absent: 1 }, riskCtx())).toEqual([{
      trigger: 'trend', severity: 'medium', evidence: [],
      message: '期内至今出勤率为 0.9，低于预警线 0.92（10 条记录）(period-to-date Attendance rate 0.9 is below the warning line 0.92, 10 records)',
    }]);
    expect(attendance.risks!({ present: 8, absent: 2 }, riskCtx())[0].severity).toBe('high');
    expect(attendance.risks!({ present: 8, absent: 1 }, riskCtx())).toEqual([]);
    expect(attendance.risks!({ present: 93, absent: 7 }, riskCtx())).toEqual([]);
  });

  it('refuses a target that is not above the floor', () => {
    const setup = () => attendance.setup!({ params: { ...attendance.params.defaults, target: 0.8 }, logger: console, now: Date.now });
    expect(setup).toThrow('Invalid params for "gov.attendance": target (0.8) must be greater than floor (0.9) because higher values are better');
  });

  it('obeys the indicator laws on random attendance (merge, partitions, order, clone, finite values, small state)', () => {
    const report = checkIndicatorProperties(attendance, {
      arbitraryEvent: eventArbitrary({ type: 'hr.attendance.recorded', source: 'hr', attrs: { status: fc.constantFrom('present', 'absent', 'leave') } }),
      periods: ['2026', '2026-Q1', '2026-12'],
      maxStateBytes: 256,
      seed: 20260101,
    });
    expect(report.failed).toBe(0);
  });
});

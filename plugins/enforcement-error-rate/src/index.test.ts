import fc from 'fast-check';
import { parsePeriod } from '@kaoping/contract';
import { checkIndicator, checkIndicatorProperties, eventArbitrary, makeEvent, type GoldenCase } from '@kaoping/testkit';
import { describe, expect, it } from 'vitest';
import errorRate, { type EnforcementErrorParams } from './index.js';

const action = (date: string, review: 'correct' | 'faulty' | null) =>
  makeEvent({ source: 'tax-collection', type: 'tax.enforcement.recorded', occurredAt: date, attrs: { actionType: '检查', review } });

describe('business.enforcement-error-rate', () => {
  it('is lower-is-better on the target scale, for people and units', () => {
    expect(errorRate).toMatchObject({ direction: 'lower', scale: { kind: 'target' }, subjects: ['person', 'unit'], categories: ['质量'] });
    expect(errorRate.params.defaults).toMatchObject({ target: 0, floor: 0.05 });
  });

  it('matches hand-computed values', () => {
    const cases: GoldenCase<EnforcementErrorParams>[] = [
      {
        name: '1 faulty of 4 reviewed; 2 unreviewed count in neither',
        period: '2026-Q2',
        expected: 0.25,
        events: [action('2026-04-01', 'faulty'), action('2026-04-02', 'correct'), action('2026-05-02', 'correct'), action('2026-06-30 23:59', 'correct'), action('2026-05-05', null), action('2026-06-05', null)],
      },
      { name: 'nothing reviewed yet: null, not 0', period: '2026-Q2', expected: null, events: [action('2026-04-01', null), action('2026-04-02', null)] },
      { name: 'all correct: 0', period: '2026', expected: 0, events: [action('2026-02-01', 'correct'), action('2026-11-01', 'correct')] },
      { name: 'unit subject merges its records', period: '2026', subjectKind: 'unit', expected: 2 / 3, events: [action('2026-02-01', 'faulty'), action('2026-02-03', 'faulty'), action('2026-03-01', 'correct')] },
      { name: 'a quarter boundary in Shanghai time', period: '2026-Q3', expected: 1, events: [action('2026-07-01 00:00', 'faulty'), action('2026-06-30 23:59:59', 'correct')] },
    ];
    expect(checkIndicator(errorRate, cases).failed).toBe(0);
  });

  it('warns when the error rate climbs above the warning line', () => {
    const ctx = { period: parsePeriod('2026'), params: errorRate.params.defaults, subjectKind: 'person' as const, subjectId: 'P001', now: 0 };
    // Line: 0.05 − 0.25 × 0.05 = 0.0375.
    expect(errorRate.risks!({ reviewed: 30, faulty: 1 }, ctx)).toEqual([]);
    // A wider margin (line 0.025) already warns at 1 of 30.
    expect(errorRate.risks!({ reviewed: 30, faulty: 1 }, { ...ctx, params: { ...ctx.params, riskMargin: 0.5 } })[0].severity).toBe('medium');
    const [risk] = errorRate.risks!({ reviewed: 100, faulty: 4 }, ctx);
    expect(risk).toMatchObject({ trigger: 'trend', severity: 'medium' });
    expect(risk.message).toBe('期内至今执法过错率为 0.04，高于预警线 0.0375（100 条记录）(period-to-date Enforcement error rate 0.04 is above the warning line 0.0375, 100 records)');
    expect(errorRate.risks!({ reviewed: 10, faulty: 1 }, ctx)[0].severity).toBe('high');
    expect(errorRate.risks!({ reviewed: 9, faulty: 9 }, ctx)).toEqual([]);
  });

  it('refuses a target above the floor, since lower is better', () => {
    const setup = () => errorRate.setup!({ params: { ...errorRate.params.defaults, target: 0.1 }, logger: console, now: Date.now });
    expect(setup).toThrow('target (0.1) must be less than floor (0.05) because lower values are better');
  });

  it('obeys the indicator laws on random enforcement actions (merge, partitions, order, clone, finite values, small state)', () => {
    const report = checkIndicatorProperties(errorRate, {
      arbitraryEvent: eventArbitrary({ type: 'tax.enforcement.recorded', source: 'tax-collection', attrs: { actionType: fc.constantFrom('检查', '处罚'), review: fc.constantFrom('correct', 'faulty', null) } }),
      periods: ['2026', '2026-Q1', '2026-12'],
      maxStateBytes: 256,
      seed: 20260101,
    });
    expect(report.failed).toBe(0);
  });
});

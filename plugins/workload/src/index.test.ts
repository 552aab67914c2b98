import fc from 'fast-check';
import { checkIndicator, checkIndicatorProperties, eventArbitrary, taxMatter, type GoldenCase } from '@kaoping/testkit';
import { describe, expect, it } from 'vitest';
import workload, { type WorkloadParams } from './index.js';

let n = 0;
const done = (matterType: string, completedAt: string) =>
  taxMatter({ id: `M${++n}`, matterType, acceptedAt: '2026-01-02', deadlineAt: '2026-12-31', completedAt });

describe('business.workload', () => {
  it('is a percentile indicator of people', () => {
    expect(workload).toMatchObject({ subjects: ['person'], scale: { kind: 'percentile' }, direction: 'higher', consumes: ['tax.matter.completed'] });
  });

  it('matches hand-computed values', () => {
    const cases: GoldenCase<WorkloadParams>[] = [
      {
        name: 'DJ 1 + SB 1 + FP 1 + TS 3 + ZX 2 + unknown QT 1',
        period: '2026-03',
        expected: 9,
        events: [...done('DJ', '2026-03-01'), ...done('SB', '2026-03-02'), ...done('FP', '2026-03-03'), ...done('TS', '2026-03-04'), ...done('ZX', '2026-03-05'), ...done('QT', '2026-03-06')],
      },
      {
        name: 'accepted-only matters are not work done; April completions are not March',
        period: '2026-03',
        expected: 3,
        events: [...taxMatter({ id: 'OPEN', matterType: 'TS', acceptedAt: '2026-03-01', deadlineAt: '2026-03-10' }), ...done('TS', '2026-03-31 23:59'), ...done('TS', '2026-04-01 00:00')],
      },
      { name: 'no completed matters: null', period: '2026-03', expected: null, events: taxMatter({ id: 'X', acceptedAt: '2026-03-01', deadlineAt: '2026-03-10' }) },
      {
        name: 'weights are params',
        period: '2026',
        params: { weights: { TS: 0.5 }, defaultWeight: 2 },
        expected: 0.5 + 2,
        events: [...done('TS', '2026-05-01'), ...done('DJ', '2026-05-02')],
      },
      { name: 'a type named like an object key takes the default weight', period: '2026', expected: 1, events: done('constructor', '2026-05-01') },
    ];
    expect(checkIndicator(workload, cases).failed).toBe(0);
  });

  it('obeys the indicator laws on random completed matters (merge, partitions, order, clone, finite values, small state)', () => {
    const report = checkIndicatorProperties(workload, {
      arbitraryEvent: eventArbitrary({ type: 'tax.matter.completed', source: 'tax-collection', attrs: { matterType: fc.constantFrom('DJ', 'SB', 'FP', 'TS', 'ZX', 'QT') } }),
      periods: ['2026', '2026-Q1', '2026-12'],
      maxStateBytes: 256,
      seed: 20260101,
    });
    expect(report.failed).toBe(0);
  });
});

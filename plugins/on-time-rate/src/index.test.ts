import { createAjv, formatIssues, isKaopingError, toIssues, type PluginContext, type RiskContext } from '@kaoping/contract';
import {
  checkIndicator, checkIndicatorProperties, eventArbitrary, localTime, taxMatter, timeArbitrary,
  type GoldenCase,
} from '@kaoping/testkit';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import onTimeRate, { ON_TIME_DEFAULTS, type OnTimeParams, type OnTimeState } from './index.js';

/** A completed matter for person P001 (unit U001 unless given). */
const matter = (id: string, completedAt: string, deadlineAt: string, extra: { actorId?: string; unitId?: string; acceptedAt?: string } = {}) =>
  taxMatter({ id, acceptedAt: extra.acceptedAt ?? '2026-01-02 09:00', deadlineAt, completedAt, ...extra });

const golden: GoldenCase<OnTimeParams>[] = [
  {
    name: 'one early, one late, one exactly at the deadline: 2 of 3',
    period: '2026-03',
    events: [
      ...matter('M1', '2026-03-05 10:00', '2026-03-10 17:00'),
      ...matter('M2', '2026-03-12 09:00', '2026-03-10 17:00'),
      ...matter('M3', '2026-03-20 17:00', '2026-03-20 17:00'),
    ],
    expected: 2 / 3,
  },
  { name: 'bjrq == blqx counts as on time', period: '2026', events: matter('M1', '2026-05-08 16:30:00', '2026-05-08 16:30:00'), expected: 1 },
  { name: 'one second after blqx is late', period: '2026', events: matter('M1', '2026-05-08 16:30:01', '2026-05-08 16:30:00'), expected: 0 },
  {
    name: 'no completed matter is null, not 0 (accepted only, and completed in another period)',
    period: '2026-03',
    events: [...taxMatter({ id: 'M1', acceptedAt: '2026-03-02', deadlineAt: '2026-03-20' }), ...matter('M2', '2026-04-01 08:00', '2026-04-10')],
    expected: null,
  },
  { name: 'no events at all is null', period: '2026', events: [], expected: null },
  {
    name: 'completed 2026-12-31 23:30 local counts in the year 2026',
    period: '2026',
    events: matter('M1', '2026-12-31 23:30', '2026-12-31 23:59'),
    expected: 1,
  },
  {
    name: 'completed 2026-12-31 23:30 local counts in the month 2026-12',
    period: '2026-12',
    events: [...matter('M1', '2026-12-31 23:30', '2026-12-31 23:59'), ...matter('M2', '2027-01-01 00:00', '2026-12-31 23:59')],
    expected: 1,
  },
  {
    name: 'completed 2027-01-01 00:00 local (still 2026 in UTC) counts in 2027-01, late',
    period: '2027-01',
    events: [...matter('M1', '2026-12-31 23:30', '2026-12-31 23:59'), ...matter('M2', '2027-01-01 00:00', '2026-12-31 23:59')],
    expected: 0,
  },
  {
    name: 'attributed by bjrq, not slrq: accepted in February, completed on time in March',
    period: '2026-03',
    events: matter('M1', '2026-03-01 10:00', '2026-03-03 17:00', { acceptedAt: '2026-02-27 09:00' }),
    expected: 1,
  },
  {
    name: 'a unit counts every matter of its people: 3 of 4 in Q1',
    period: '2026-Q1',
    subjectKind: 'unit',
    events: [
      ...matter('M1', '2026-01-10 10:00', '2026-01-12', { actorId: 'P001' }),
      ...matter('M2', '2026-02-10 10:00', '2026-02-12', { actorId: 'P002' }),
      ...matter('M3', '2026-03-10 10:00', '2026-03-09', { actorId: 'P002' }),
      ...matter('M4', '2026-03-31 23:59:59', '2026-04-01', { actorId: 'P003' }),
      ...matter('M5', '2026-04-01 00:00', '2026-03-31', { actorId: 'P003' }),
    ],
    expected: 3 / 4,
  },
  {
    name: 'params move the score, never the value',
    period: '2026-03',
    params: { target: 0.99, floor: 0.9 },
    events: [...matter('M1', '2026-03-05', '2026-03-06'), ...matter('M2', '2026-03-07', '2026-03-06')],
    expected: 0.5,
  },
];

const DAY = 86_400_000;
const completedMatter = eventArbitrary({
  type: 'tax.matter.completed',
  source: 'tax-collection',
  from: '2025-12-31', to: '2027-01-02',
  attrs: {
    // Deadlines on, before and after the completion: 0 is drawn often so the boundary is hit.
    lag: fc.oneof(fc.constant(0), fc.integer({ min: -3 * DAY, max: 3 * DAY })),
    acceptedAt: timeArbitrary('2025-11-01', '2026-12-31'),
    matterType: fc.constantFrom('登记', '申报', '发票'),
  },
  derive: ({ attrs: { lag, ...attrs }, ...e }) => ({
    ...e,
    id: `${e.id}#c`,
    attrs: { ...attrs, matterId: e.id, completedAt: e.occurredAt, deadlineAt: e.occurredAt + (lag as number) },
  }),
});

const ctxFor = (period: string, params: OnTimeParams = ON_TIME_DEFAULTS): RiskContext<OnTimeParams> => ({
  period: { id: period, kind: 'month', year: 2026, start: localTime('2026-03-01'), end: localTime('2026-04-01'), months: 1 },
  params, subjectKind: 'person', now: localTime('2026-03-20'), subjectId: 'P001',
});
const state = (done: number, onTime: number): OnTimeState => ({ done, onTime });

describe('business.on-time-rate', () => {
  it('matches the hand-computed golden cases', () => {
    const report = checkIndicator(onTimeRate, golden);
    expect(report.failed).toBe(0);
    expect(report.passed).toBe(golden.length);
  });

  it('holds every indicator property, with a state that does not grow with events', () => {
    const report = checkIndicatorProperties(onTimeRate, {
      arbitraryEvent: completedMatter,
      periods: ['2026', '2026-Q1', '2026-12', '2027-01'],
      maxStateBytes: 64,
    });
    expect(report.failed).toBe(0);
    expect(report.results.find((r) => r.name === 'risks-well-formed')?.ran).toBe(true);
  });

  it('declares the manifest of INDICATORS.md', () => {
    expect(onTimeRate).toMatchObject({
      kind: 'indicator', id: 'business.on-time-rate', domain: 'business', subjects: ['person', 'unit'],
      consumes: ['tax.matter.completed'], attribution: 'event-time', direction: 'higher', scale: { kind: 'target' }, categories: ['时效'],
    });
    expect(onTimeRate.params.defaults).toEqual({ target: 0.98, floor: 0.85, riskMargin: 0.15, riskMinCount: 10 });
    expect(onTimeRate.evidence).toBeUndefined();
  });

  it('rejects params outside [0, 1] or unknown, naming the field', () => {
    const validate = createAjv().compile(onTimeRate.params.schema);
    const issues = (p: unknown) => (validate(p) ? '' : formatIssues(toIssues(validate.errors)));
    expect(issues({ ...ON_TIME_DEFAULTS, target: 1.2 })).toBe('/target must be <= 1');
    expect(issues({ ...ON_TIME_DEFAULTS, floor: -0.1 })).toBe('/floor must be >= 0');
    expect(issues({ ...ON_TIME_DEFAULTS, tagret: 0.9 })).toBe('/tagret has unknown property "tagret"');
    expect(issues({ ...ON_TIME_DEFAULTS, riskMinCount: 2.5 })).toBe('/riskMinCount must be integer');
    expect(issues(ON_TIME_DEFAULTS)).toBe('');
  });

  it('refuses a floor at or above the target in setup, which JSON Schema cannot say', () => {
    const ctx = (params: OnTimeParams): PluginContext<OnTimeParams> => ({
      params, now: () => 0, logger: { info() {}, warn() {}, error() {} },
    });
    expect(() => onTimeRate.setup!(ctx(ON_TIME_DEFAULTS))).not.toThrow();
    let err: unknown;
    try {
      onTimeRate.setup!(ctx({ ...ON_TIME_DEFAULTS, target: 0.85, floor: 0.9 }));
    } catch (e) {
      err = e;
    }
    expect(isKaopingError(err) && err.code).toBe('KP_ERR_PARAMS_INVALID');
    expect((err as Error).message).toBe('Invalid params for "business.on-time-rate": target (0.85) must be greater than floor (0.9) because higher values are better');
  });

  describe('trend risk (事前)', () => {
    it('warns high once the period-to-date rate is below the floor with enough matters', () => {
      const [signal, ...rest] = onTimeRate.risks!(state(10, 8), ctxFor('2026-03'));
      expect(rest).toEqual([]);
      expect(signal).toMatchObject({ trigger: 'trend', severity: 'high', evidence: [] });
      expect(signal.message).toBe('期内至今办税时限达标率为 0.8，低于预警线 0.8695（10 条记录）(period-to-date On-time handling rate 0.8 is below the warning line 0.8695, 10 records)');
    });

    it('warns medium inside the margin above the floor', () => {
      expect(onTimeRate.risks!(state(50, 43), ctxFor('2026-03'))).toMatchObject([{ trigger: 'trend', severity: 'medium' }]);
    });

    it('stays quiet above the warning line, below the minimum count, or with no data', () => {
      expect(onTimeRate.risks!(state(10, 9), ctxFor('2026-03'))).toEqual([]);
      expect(onTimeRate.risks!(state(9, 0), ctxFor('2026-03'))).toEqual([]);
      expect(onTimeRate.risks!(state(0, 0), ctxFor('2026-03'))).toEqual([]);
      expect(onTimeRate.risks!(state(3, 0), ctxFor('2026-03', { ...ON_TIME_DEFAULTS, riskMinCount: 3 }))).toHaveLength(1);
    });
  });

  it('does not judge a completed matter that carries no deadline', () => {
    const [, completed] = matter('M1', '2026-03-05', '2026-03-06');
    const s = onTimeRate.init();
    onTimeRate.add(s, { ...completed, attrs: { ...completed.attrs, deadlineAt: null } }, ctxFor('2026-03'));
    expect(s).toEqual({ done: 0, onTime: 0 });
  });
});

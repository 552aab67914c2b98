import { defineIndicator } from '@kaoping/contract';
import { describe, expect, it } from 'vitest';
import { checkIndicator, type GoldenCase } from './check-indicator.js';
import { IndicatorCheckError } from './check-error.js';
import { makeEvent, makePerson } from './events.js';
import { averagingMerge, nanValue, share, shareSpec, type ShareParams } from './fixtures.js';

const done = (at: string, ok: boolean, extra: { id?: string } = {}) => makeEvent({ ...extra, type: 'test.task.done', occurredAt: at, attrs: { ok } });

const cases: GoldenCase<ShareParams>[] = [
  { name: 'two of three ok in March', period: '2026-03', expected: 2 / 3, events: [done('2026-03-01', true), done('2026-03-15 12:00', true), done('2026-03-31 23:59:59', false)] },
  { name: 'April events do not count in March', period: '2026-03', expected: 1, events: [done('2026-03-02', true), done('2026-04-01', false)] },
  { name: 'other event types are not routed', period: '2026', expected: 1, events: [done('2026-05-01', true), makeEvent({ type: 'test.other', occurredAt: '2026-05-01', attrs: { ok: false } })] },
  { name: 'no data is null', period: '2026-Q2', expected: null, events: [done('2026-07-01', true)] },
  { name: 'unit subject', period: '2026', subjectKind: 'unit', expected: 0.5, events: [done('2026-01-01', true), done('2026-12-31 23:30', false)] },
];

function thrown(fn: () => unknown): IndicatorCheckError<unknown> {
  try {
    fn();
  } catch (e) {
    if (e instanceof IndicatorCheckError) return e;
    throw e;
  }
  throw new Error('expected the check to fail, but it passed');
}

describe('checkIndicator (golden cases)', () => {
  it('passes a correct indicator and reports every case', () => {
    const report = checkIndicator(share, cases);
    expect(report).toMatchObject({ indicator: 'test.share', passed: 5, failed: 0 });
    expect(report.cases[0]).toMatchObject({ name: 'two of three ok in March', actual: 2 / 3, counted: 3, given: 3, ok: true });
    expect(report.cases[1]).toMatchObject({ counted: 1, given: 2 });
  });

  it('fails a wrong expected value, listing every failed case with expected and actual', () => {
    const wrong = [...cases, { ...cases[0], name: 'hand-computed wrongly', expected: 0.6 }, { ...cases[3], name: 'null expected as 0', expected: 0 }];
    const err = thrown(() => checkIndicator(share, wrong));
    expect(err.name).toBe('IndicatorCheckError');
    expect(err.message).toBe([
      'test.share@1.0.0: 2 of 7 golden cases failed',
      '  ✗ hand-computed wrongly [2026-03, person]: expected 0.6, got 0.6666666666666666 (3 of 3 events counted)',
      '  ✗ null expected as 0 [2026-Q2, person]: expected 0, got null (0 of 1 events counted)',
    ].join('\n'));
  });

  it('can return the report instead of throwing', () => {
    const report = checkIndicator(share, [{ ...cases[0], expected: 0 }], { throws: false });
    expect(report).toMatchObject({ passed: 0, failed: 1 });
    expect(report.cases[0].problem).toBe('expected 0, got 0.6666666666666666 (3 of 3 events counted)');
  });

  it('fails a NaN value even where the author expected null', () => {
    const err = thrown(() => checkIndicator(nanValue, [cases[3]]));
    expect(err.message).toContain('✗ no data is null [2026-Q2, person]: expected null, got NaN (0 of 1 events counted)');
  });

  it('fails a merge that disagrees with add, on the golden data itself', () => {
    const err = thrown(() => checkIndicator(averagingMerge, [cases[0]]));
    expect(err.message).toContain('✗ two of three ok in March [2026-03, person]: adding the events one by one gives 0.6666666666666666 (3 of 3 events counted), but merging one state per event gives');
    expect(err.message).toContain('merge disagrees with add (state ok: 2 vs');
  });

  it('reports bad params, periods and subject kinds as case problems, not crashes', () => {
    const bad: GoldenCase<ShareParams>[] = [
      { ...cases[0], name: 'params', params: { target: 3 } },
      { ...cases[0], name: 'period', period: '2026-13' },
      { ...cases[0], name: 'subject', subjectKind: 'unit' },
    ];
    const personOnly = defineIndicator({ ...shareSpec, subjects: ['person'] });
    const err = thrown(() => checkIndicator(personOnly, bad));
    expect(err.message).toContain('✗ params [2026-03, person]: threw while setting up the case: params {"target":3,"floor":0.5} do not match the params schema of "test.share": /target must be <= 1');
    expect(err.message).toContain('✗ period [2026-13, person]: threw while setting up the case: Invalid period "2026-13"');
    expect(err.message).toContain('✗ subject [2026-03, unit]: threw while setting up the case: "test.share" does not measure subject kind "unit" (its subjects: person)');
  });

  it('makes the value null for a person the indicator does not apply to', () => {
    const membersOnly = defineIndicator({ ...shareSpec, appliesTo: (p) => p.politicalStatus === '中共党员' });
    const report = checkIndicator(membersOnly, [
      { ...cases[0], name: 'member', person: makePerson({ politicalStatus: '中共党员' }) },
      { ...cases[0], name: 'not a member', person: makePerson(), expected: null },
    ]);
    expect(report.passed).toBe(2);
  });

  it('puts period-end events in every period that ends after them', () => {
    const stock = defineIndicator({ ...shareSpec, attribution: 'period-end' });
    const events = [done('2025-12-31', true), done('2026-03-31 23:59', false), done('2026-04-01', true)];
    expect(checkIndicator(stock, [
      { name: 'Q1 holds everything before April', period: '2026-Q1', expected: 0.5, events },
      { name: 'the year holds all', period: '2026', expected: 2 / 3, events },
    ]).passed).toBe(2);
  });

  it('refuses an empty list of cases, which would prove nothing', () => {
    expect(() => checkIndicator(share, [])).toThrow('test.share@1.0.0: checkIndicator was given no golden cases');
  });
});

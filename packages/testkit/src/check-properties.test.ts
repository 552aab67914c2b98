import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { eventArbitrary } from './arbitraries.js';
import { IndicatorCheckError } from './check-error.js';
import { checkIndicatorProperties, type CheckPropertiesOptions, type PropertyReport } from './check-properties.js';
import {
  averagingMerge, badManifest, closureState, functionInState, keepsEvent, keepsIds, mutatesEvent, nanValue, share,
  type ShareParams,
} from './fixtures.js';
import type { AnyIndicator } from './harness.js';

const options: CheckPropertiesOptions<ShareParams> = {
  arbitraryEvent: eventArbitrary({ type: 'test.task.done', attrs: { ok: fc.boolean() } }),
  periods: ['2026', '2026-Q1', '2026-12'],
  seed: 20260101,
};

/** The check's error for a broken indicator; fails the test if the check passed. */
function failure(def: AnyIndicator, extra: Partial<CheckPropertiesOptions> = {}): IndicatorCheckError<PropertyReport> {
  try {
    checkIndicatorProperties(def, { ...options, ...extra } as CheckPropertiesOptions);
  } catch (e) {
    if (e instanceof IndicatorCheckError) return e as IndicatorCheckError<PropertyReport>;
    throw e;
  }
  throw new Error(`expected ${def.id} to break a property, but every property held`);
}

const broken = (e: IndicatorCheckError<PropertyReport>) => e.report.results.filter((r) => !r.ok).map((r) => r.name);

describe('checkIndicatorProperties', () => {
  it('passes a correct indicator, running every property that applies', () => {
    const report = checkIndicatorProperties(share, options);
    expect(report.failed).toBe(0);
    expect(report.randomRan).toBe(true);
    expect(report.results.filter((r) => r.ran).map((r) => r.name)).toEqual([
      'manifest-valid', 'params-valid', 'arbitrary-consumed', 'value-finite', 'deterministic', 'init-fresh', 'merge-associative',
      'init-identity', 'add-agrees-with-merge', 'partition-agrees', 'order-independent', 'structured-clone', 'borrowed-event', 'event-untouched',
    ]);
    expect(report.results.filter((r) => !r.ran).map((r) => r.name)).toEqual(['risks-well-formed', 'state-budget']);
  });

  it('catches a merge that is not associative, with a shrunk counterexample', () => {
    const err = failure(averagingMerge);
    expect(broken(err)).toEqual(expect.arrayContaining(['merge-associative', 'init-identity', 'add-agrees-with-merge', 'partition-agrees']));
    expect(err.message).toMatch(/^test\.averaging-merge@1\.0\.0 breaks \d+ of 14 indicator properties:/);
    expect(err.message).toContain('✗ merge-associative: merge(merge(a, b), c) equals merge(a, merge(b, c)), so partial states combine in any grouping');
    expect(err.message).toMatch(/merge\(merge\(a, b\), c\) vs merge\(a, merge\(b, c\)\): value [\d.]+ vs [\d.]+/);
    expect(err.message).toMatch(/counterexample: period 2026(-Q1|-12)?, subject (person|unit); a = \[.*\]; b = \[.*\]; c = \[.*test\.task\.done at 2026-/);
    expect(err.message).toContain(`replay with { seed: ${options.seed} }`);
  });

  it('catches a NaN value where there is no data', () => {
    const err = failure(nanValue);
    expect(broken(err)).toEqual(['value-finite']);
    expect(err.message).toContain('value of init() is NaN; return null when there is not enough data');
  });

  it('catches state kept in a closure instead of the state object', () => {
    const err = failure(closureState);
    expect(broken(err)).toContain('deterministic');
    expect(err.message).toMatch(/building the same events twice gave value \d+, then \d+/);
  });

  it('catches a state that keeps the borrowed event', () => {
    const err = failure(keepsEvent);
    expect(broken(err)).toEqual(['borrowed-event']);
    expect(err.message).toMatch(/events through one reused object vs fresh event objects: (value \d+ vs \d+|same value \d+ but the states differ at last\.)/);
  });

  it('catches add writing to the event', () => {
    const err = failure(mutatesEvent);
    expect(broken(err)).toEqual(['event-untouched']);
    expect(err.message).toContain('add() wrote to a (frozen) event: Cannot add property seen, object is not extensible');
  });

  it('catches a state that cannot be structured-cloned', () => {
    const err = failure(functionInState);
    expect(broken(err)).toContain('structured-clone');
    expect(err.message).toContain('the state cannot be structured-cloned (');
    expect(err.message).toContain('keep it to plain data');
  });

  it('checks risk signals and the optional state budget when asked', () => {
    const err = failure(keepsIds, { maxStateBytes: 64 });
    expect(broken(err)).toEqual(expect.arrayContaining(['risks-well-formed', 'state-budget']));
    expect(err.message).toMatch(/risks\(\)\[0\] for a state of \d+ events has a severity other than low, medium or high/);
    expect(err.message).toMatch(/the state of \d+ events takes \d+ bytes serialized, over the budget of 64/);
  });

  it('checks the manifest and default params before running any plugin code', () => {
    const err = failure(badManifest);
    expect(err.report.randomRan).toBe(false);
    expect(err.message).toBe([
      'Test Bad@1.0.0 breaks 2 of 3 indicator properties:',
      "  ✗ manifest-valid: the manifest (every non-function field) is valid against the contract's manifestSchema, as the kernel checks before running plugin code",
      '      /id must match pattern "^[a-z][a-z0-9-]*(\\.[a-z][a-z0-9-]*)*$"; /subjects must NOT have fewer than 1 items',
      '  ✗ params-valid: the params schema compiles, and the default params (and the params under test) are valid against it',
      '      default params {"target":2,"floor":0.5}: /target must be <= 1',
      '  (the random properties run once the checks above pass)',
    ].join('\n'));
  });

  it('refuses an arbitrary whose events the indicator never consumes', () => {
    const err = failure(share, { arbitraryEvent: eventArbitrary({ type: 'test.other' }) });
    expect(err.message).toContain('none of 200 sampled events counts: the indicator consumes test.task.done (attribution event-time) in 2026, 2026-Q1, 2026-12, the arbitrary made types test.other');
  });

  it('can return the report instead of throwing', () => {
    const report = checkIndicatorProperties(nanValue, { ...options, throws: false });
    expect(report.failed).toBe(1);
    expect(report.results.find((r) => r.name === 'value-finite')).toMatchObject({ ok: false, problem: 'value of init() is NaN; return null when there is not enough data' });
  });
});

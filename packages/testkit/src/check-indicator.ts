import {
  parsePeriod,
  type ActivityEvent, type IndicatorDefinition, type Person, type PeriodId, type SubjectKind,
} from '@kaoping/contract';
import { IndicatorCheckError } from './check-error.js';
import { firstDifference, numbersClose, show } from './deep-diff.js';
import { buildState, eventsIn, makeContext, resolveParams } from './harness.js';

/** One golden case: these events, this period, this value (worked out by hand). */
export interface GoldenCase<P extends Record<string, unknown> = Record<string, unknown>> {
  name: string;
  /** Every event of the subject; the check keeps those the kernel would route to this period. */
  events: readonly ActivityEvent[];
  period: PeriodId;
  /** Defaults to the indicator's first subject kind. */
  subjectKind?: SubjectKind;
  /** Overrides of the indicator's default params (validated against its params schema). */
  params?: Partial<P>;
  /** The person measured; when given, `appliesTo(person, params) === false` means the value is null. */
  person?: Person;
  expected: number | null;
}

export interface GoldenCaseResult {
  name: string;
  period: PeriodId;
  subjectKind: SubjectKind;
  expected: number | null;
  /** Undefined when the case could not be evaluated (see `problem`). */
  actual?: number | null;
  /** Events that counted in the period, of those given. */
  counted: number;
  given: number;
  ok: boolean;
  problem?: string;
}

export interface GoldenReport {
  indicator: string;
  version: string;
  passed: number;
  failed: number;
  cases: GoldenCaseResult[];
}

export interface CheckIndicatorOptions {
  /** Absolute tolerance for values up to 1, relative above (default 1e-9). */
  tolerance?: number;
  /** Throw an IndicatorCheckError listing every failed case (default true). */
  throws?: boolean;
}

/**
 * Runs golden cases through the definition's own `init`/`add`/`value` and compares with the
 * expected values. Each case is also evaluated by merging one state per event, as the batch
 * path merges partitions, so a `merge` that disagrees with `add` fails here too.
 */
export function checkIndicator<S, P extends Record<string, unknown>>(
  def: IndicatorDefinition<S, P>,
  cases: readonly GoldenCase<P>[],
  options: CheckIndicatorOptions = {},
): GoldenReport {
  const tolerance = options.tolerance ?? 1e-9;
  const results = cases.map((c) => runCase(def, c, tolerance));
  const failed = results.filter((r) => !r.ok);
  const report: GoldenReport = { indicator: def.id, version: def.version, passed: results.length - failed.length, failed: failed.length, cases: results };
  if (cases.length === 0) throw new IndicatorCheckError(`${def.id}@${def.version}: checkIndicator was given no golden cases`, report);
  if (failed.length > 0 && options.throws !== false) {
    const lines = failed.map((r) => `  ✗ ${r.name} [${r.period}, ${r.subjectKind}]: ${r.problem}`);
    throw new IndicatorCheckError(`${def.id}@${def.version}: ${failed.length} of ${results.length} golden cases failed\n${lines.join('\n')}`, report);
  }
  return report;
}

function runCase<S, P extends Record<string, unknown>>(def: IndicatorDefinition<S, P>, c: GoldenCase<P>, tolerance: number): GoldenCaseResult {
  const subjectKind = c.subjectKind ?? def.subjects[0];
  const base = { name: c.name, period: c.period, subjectKind, expected: c.expected, counted: 0, given: c.events.length };
  let stage = 'setting up the case';
  try {
    const params = resolveParams(def, c.params);
    const ctx = makeContext(def, c.period, subjectKind, params);
    const events = eventsIn(def, c.events, parsePeriod(c.period));
    const counted = events.length;
    stage = 'computing the value';
    const state = buildState(def, events, ctx);
    const skip = c.person !== undefined && subjectKind === 'person' && def.appliesTo !== undefined && !def.appliesTo(c.person, params);
    const actual = skip ? null : def.value(state, ctx);
    const got = `${show(actual)} (${counted} of ${c.events.length} events counted)`;
    if (!sameValue(actual, c.expected, tolerance)) return { ...base, counted, actual, ok: false, problem: `expected ${show(c.expected)}, got ${got}` };
    if (skip) return { ...base, counted, actual, ok: true };
    stage = 'merging one state per event';
    const merged = events.reduce((acc, e) => def.merge(acc, buildState(def, [e], ctx)), def.init());
    const mergedValue = def.value(merged, ctx);
    if (!sameValue(mergedValue, actual, tolerance)) {
      const why = firstDifference(state, merged, tolerance);
      return { ...base, counted, actual, ok: false, problem: `adding the events one by one gives ${got}, but merging one state per event gives ${show(mergedValue)}: merge disagrees with add${why ? ` (state ${why})` : ''}` };
    }
    return { ...base, counted, actual, ok: true };
  } catch (err) {
    return { ...base, ok: false, problem: `threw while ${stage}: ${err instanceof Error ? err.message : String(err)}` };
  }
}

function sameValue(a: number | null | undefined, b: number | null, tolerance: number): boolean {
  if (a === null || b === null) return a === b;
  return typeof a === 'number' && Number.isFinite(a) && numbersClose(a, b, tolerance);
}

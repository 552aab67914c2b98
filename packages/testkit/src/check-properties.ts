import { LOCAL_OFFSET_MS, parsePeriod, type ActivityEvent, type IndicatorDefinition, type PeriodId, type SubjectKind } from '@kaoping/contract';
import fc from 'fast-check';
import { eventListArbitrary } from './arbitraries.js';
import { IndicatorCheckError } from './check-error.js';
import { show } from './deep-diff.js';
import { eventsIn, makeContext, type AnyIndicator } from './harness.js';
import { INDICATOR_PROPERTIES, type Harness, type PropertyInput } from './properties.js';
import { STATIC_CHECKS } from './static-checks.js';

export interface CheckPropertiesOptions<P extends Record<string, unknown> = Record<string, unknown>> {
  /** Random events; build one with `eventArbitrary({...})`. Events the indicator does not consume are dropped, as the kernel would. */
  arbitraryEvent: fc.Arbitrary<ActivityEvent>;
  /** Periods to evaluate in (default `['2026']`); each run picks one, and a subject kind of the indicator. */
  periods?: readonly PeriodId[];
  /** Overrides of the default params. */
  params?: Partial<P>;
  /** Runs per property (default 100). */
  numRuns?: number;
  /** Longest event list per state (default 20). */
  maxEvents?: number;
  /** Fix the seed to replay a failure (the failure message prints it). */
  seed?: number;
  /** Optional memory budget: a state of up to 3 × maxEvents events must serialize within this many bytes. */
  maxStateBytes?: number;
  /** Tolerance for comparing numbers (default 1e-9, relative above 1). */
  tolerance?: number;
  /** Throw an IndicatorCheckError listing every broken property (default true). */
  throws?: boolean;
}

export interface PropertyResult {
  name: string;
  description: string;
  ok: boolean;
  /** False when the property does not apply (no `risks`, no budget given). */
  ran: boolean;
  problem?: string;
  /** The shrunk input that breaks the property, as the message shows it. */
  counterexample?: string;
  seed?: number;
  path?: string;
}

export interface PropertyReport {
  indicator: string;
  version: string;
  passed: number;
  failed: number;
  /** False when the manifest, params or arbitrary were broken, so the random properties were not run. */
  randomRan: boolean;
  results: PropertyResult[];
}

/**
 * Checks the laws every indicator must obey so the kernel can run it anywhere (in-process,
 * in workers, on several nodes) with the same results: monoid laws, plain cloneable state,
 * determinism, finite values, a valid manifest and params. Drives the definition's own
 * init/add/merge/value; needs no kernel.
 */
export function checkIndicatorProperties<S, P extends Record<string, unknown>>(
  def: IndicatorDefinition<S, P>,
  options: CheckPropertiesOptions<P>,
): PropertyReport {
  const anyDef = def as AnyIndicator;
  const periods = (options.periods ?? ['2026']).map((id) => parsePeriod(id));
  const params = { ...def.params.defaults, ...(options.params ?? {}) } as P;
  const results: PropertyResult[] = [];
  const sample = fc.sample(options.arbitraryEvent, { numRuns: 200, seed: options.seed });
  for (const check of STATIC_CHECKS) {
    const problem = check.run(anyDef, { params, sample, periods });
    results.push({ name: check.name, description: check.description, ok: problem === null, ran: true, ...(problem === null ? {} : { problem }) });
  }
  // Random properties need a valid context; a broken manifest or params is reported above.
  const randomRan = results.every((r) => r.ok);
  if (randomRan) results.push(...runProperties(anyDef, options, periods.map((p) => p.id), params));
  const failed = results.filter((r) => !r.ok);
  const report: PropertyReport = { indicator: def.id, version: def.version, passed: results.filter((r) => r.ok && r.ran).length, failed: failed.length, randomRan, results };
  if (failed.length > 0 && options.throws !== false) throw new IndicatorCheckError(formatReport(report), report);
  return report;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function runProperties(def: AnyIndicator, options: CheckPropertiesOptions<any>, periods: PeriodId[], params: unknown): PropertyResult[] {
  const harness: Harness = { def, tolerance: options.tolerance ?? 1e-9, maxStateBytes: options.maxStateBytes };
  const kinds: SubjectKind[] = [...def.subjects];
  const contexts = periods.flatMap((p) => kinds.map((k) => makeContext(def, p, k, params)));
  const list = eventListArbitrary(options.arbitraryEvent, options.maxEvents ?? 20);
  const input: fc.Arbitrary<PropertyInput> = fc
    .record({ ctx: fc.constantFrom(...contexts), a: list, b: list, c: list, seed: fc.nat(), cuts: fc.array(fc.nat({ max: 1000 }), { maxLength: 4 }) })
    .map((r) => ({ ...r, a: eventsIn(def, r.a, r.ctx.period), b: eventsIn(def, r.b, r.ctx.period), c: eventsIn(def, r.c, r.ctx.period) }));

  return INDICATOR_PROPERTIES.map((prop): PropertyResult => {
    const base = { name: prop.name, description: prop.description };
    if (prop.applies && !prop.applies(harness)) return { ...base, ok: true, ran: false };
    const details = fc.check(fc.property(input, (i) => prop.check(harness, i)), { numRuns: options.numRuns ?? 100, seed: options.seed });
    if (!details.failed) return { ...base, ok: true, ran: true };
    const err = details.errorInstance;
    const problem = err instanceof Error ? err.message : String(err);
    const ce = details.counterexample?.[0];
    const counterexample = ce ? describeInput(ce, prop.uses) : '(none)';
    return { ...base, ok: false, ran: true, problem, counterexample, seed: details.seed, path: details.counterexamplePath ?? undefined };
  });
}

function localText(ts: number): string {
  return new Date(ts + LOCAL_OFFSET_MS).toISOString().replace('T', ' ').replace(/(:00)?\.000Z$/, '');
}

function describeEvent(e: ActivityEvent): string {
  return `{${e.id} ${e.type} at ${localText(e.occurredAt)} actor ${e.actorId} unit ${e.unitId} ${show(e.attrs, 160)}}`;
}

function describeInput(i: PropertyInput, uses: readonly string[]): string {
  const parts = [`period ${i.ctx.period.id}, subject ${i.ctx.subjectKind}`];
  for (const key of uses) {
    if (key === 'cuts') parts.push(`cuts ${show(i.cuts)}`);
    else {
      const events = i[key as 'a' | 'b' | 'c'];
      parts.push(`${key} = [${events.map(describeEvent).join(', ')}]`);
    }
  }
  const text = parts.join('; ');
  return text.length > 2000 ? `${text.slice(0, 1999)}…` : text;
}

export function formatReport(report: PropertyReport): string {
  const failed = report.results.filter((r) => !r.ok);
  const ran = report.results.filter((r) => r.ran).length;
  const lines = [`${report.indicator}@${report.version} breaks ${failed.length} of ${ran} indicator properties:`];
  for (const r of failed) {
    lines.push(`  ✗ ${r.name}: ${r.description}`);
    lines.push(`      ${r.problem}`);
    if (r.counterexample) lines.push(`      counterexample: ${r.counterexample}`);
    if (r.seed !== undefined) lines.push(`      replay with { seed: ${r.seed} } (path ${r.path})`);
  }
  if (!report.randomRan) lines.push('  (the random properties run once the checks above pass)');
  return lines.join('\n');
}

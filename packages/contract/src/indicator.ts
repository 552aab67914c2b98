import type { JsonSchema } from './json-schema.js';
import type { ActivityEvent, Domain, LocalizedText, Period, Person, RiskCategory, RiskSeverity, SubjectKind } from './model.js';
import type { PluginLifecycle } from './plugin.js';

/**
 * How a value becomes a 0..100 score; the numbers (target, floor, points) are params so a
 * deployment can change them without touching code.
 */
export type ScaleSpec =
  | { kind: 'target' }
  | { kind: 'deduction' }
  | { kind: 'percentile' };

/**
 * Which periods an event counts in.
 * - `event-time`: the period that contains `occurredAt` (a flow: matters completed in May).
 * - `period-end`: every period that ends after `occurredAt` (a stock: matters still open at the
 *   end of the period). `add` then reads `ctx.period.end` to apply its precise test.
 */
export type Attribution = 'event-time' | 'period-end';

/** What `add` and `value` know besides the state: the period of this state and the params. */
export interface AggregateContext<P> {
  readonly period: Period;
  readonly params: P;
  readonly subjectKind: SubjectKind;
}

/**
 * The mergeable aggregate at the heart of every indicator and rule (Beam's CombineFn):
 * `init()` is the identity of `merge`, `merge` is associative, states are plain
 * structured-cloneable data. `add` mutates its state in place; `merge` may reuse `a`.
 * The event given to `add` is borrowed: read it, never keep it.
 */
export interface Aggregate<S, P> {
  init(): S;
  add(state: S, event: ActivityEvent, ctx: AggregateContext<P>): void;
  merge(a: S, b: S): S;
}

/** A warning an indicator raises about one subject in one period (事前). */
export interface RiskSignal {
  /** Which trigger raised it: `deadline`, `trend`, `outlier`, or the plugin's own name. */
  trigger: string;
  severity: RiskSeverity;
  message: string;
  /** Ids of the records behind it. */
  evidence: string[];
  /** Distinguishes two signals of one trigger on one subject (e.g. the matter id). */
  key?: string;
}

export interface RiskContext<P> extends AggregateContext<P> {
  readonly now: number;
  readonly subjectId: string;
}

export interface IndicatorSpec<S, P extends Record<string, unknown>> extends Aggregate<S, P>, PluginLifecycle<P> {
  id: string;
  version: string;
  api: string;
  title: LocalizedText;
  description?: LocalizedText;
  domain: Domain;
  subjects: readonly SubjectKind[];
  /** Event types it reads; the kernel routes only these to `add`. */
  consumes: readonly string[];
  params: { schema: JsonSchema; defaults: P };
  direction: 'higher' | 'lower';
  scale: ScaleSpec;
  attribution?: Attribution;
  /** Risk category tags of this indicator's warnings. */
  categories?: readonly RiskCategory[];
  dependsOn?: readonly string[];
  optionalDependsOn?: readonly string[];
  /**
   * `value` is null for people this returns false for (party indicators: members only).
   * The kernel passes the indicator's params, so who it applies to can be configured.
   */
  appliesTo?(person: Person, params: P): boolean;
  /** The indicator's value, or null when there is not enough data. Never NaN or ±Infinity. */
  value(state: S, ctx: AggregateContext<P>): number | null;
  /** Ids of the events a state is built from, for explain (以事见人); optional. */
  evidence?(state: S): readonly string[];
  /** Warnings computed from a state (事前); optional. */
  risks?(state: S, ctx: RiskContext<P>): RiskSignal[];
}

export interface IndicatorDefinition<S = unknown, P extends Record<string, unknown> = Record<string, unknown>>
  extends Readonly<IndicatorSpec<S, P>> {
  readonly kind: 'indicator';
  readonly attribution: Attribution;
  readonly categories: readonly RiskCategory[];
}

/** Defines an indicator plugin: a typed, frozen definition whose manifest is plain data. */
export function defineIndicator<S, P extends Record<string, unknown>>(spec: IndicatorSpec<S, P>): IndicatorDefinition<S, P> {
  return Object.freeze({
    ...spec,
    kind: 'indicator' as const,
    attribution: spec.attribution ?? 'event-time',
    categories: Object.freeze([...(spec.categories ?? [])]),
    subjects: Object.freeze([...spec.subjects]),
    consumes: Object.freeze([...spec.consumes]),
  });
}

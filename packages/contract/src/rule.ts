import type { Aggregate, AggregateContext } from './indicator.js';
import type { LocalizedText, TierReason } from './model.js';
import type { PluginLifecycle } from './plugin.js';
import type { JsonSchema } from './json-schema.js';

/** What a rule decides for one person in one annual period. */
export interface RuleOutcome {
  /** The tier the rule forces. */
  tier: 1 | 2 | 3;
  reason: TierReason;
  message: string;
  /** Ids of the records that made the rule fire. */
  evidence: string[];
}

/**
 * A cross-system constraint (勾稽关联), e.g. 当年受处分 ⇒ 第3段. A rule is a mergeable aggregate
 * over the events it consumes, per person and period, so it runs wherever indicators run.
 */
export interface RuleSpec<S, P extends Record<string, unknown>> extends Aggregate<S, P>, PluginLifecycle<P> {
  id: string;
  version: string;
  api: string;
  title: LocalizedText;
  description?: LocalizedText;
  consumes: readonly string[];
  params?: { schema: JsonSchema; defaults: P };
  dependsOn?: readonly string[];
  optionalDependsOn?: readonly string[];
  /** Rules with a higher precedence win when two force a tier. */
  precedence?: number;
  decide(state: S, ctx: AggregateContext<P>): RuleOutcome | null;
}

export interface RuleDefinition<S = unknown, P extends Record<string, unknown> = Record<string, unknown>>
  extends Readonly<RuleSpec<S, P>> {
  readonly kind: 'rule';
  readonly precedence: number;
}

export function defineRule<S, P extends Record<string, unknown>>(spec: RuleSpec<S, P>): RuleDefinition<S, P> {
  return Object.freeze({
    ...spec,
    kind: 'rule' as const,
    precedence: spec.precedence ?? 0,
    consumes: Object.freeze([...spec.consumes]),
  });
}

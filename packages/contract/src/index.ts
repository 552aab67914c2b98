export { CONTRACT_VERSION } from './version.js';
export { ERRORS, KaopingError, kpError, isKaopingError, type ErrorCode, type ErrorSpec } from './errors.js';
export type * from './model.js';
export type { JsonSchema } from './json-schema.js';
export * from './period.js';
export * from './schemas.js';
export { createAjv, toIssues, formatIssues } from './validation.js';
export { manifestSchema, type Manifest, type PluginKind, type PluginContext, type PluginLogger, type PluginLifecycle } from './plugin.js';
export { manifestOf, type PluginDefinition } from './manifest.js';
export {
  defineIndicator, type IndicatorSpec, type IndicatorDefinition, type Aggregate, type AggregateContext,
  type Attribution, type ScaleSpec, type RiskSignal, type RiskContext,
} from './indicator.js';
export { defineRule, type RuleSpec, type RuleDefinition, type RuleOutcome } from './rule.js';
export { defineGate, type GateSpec, type GateDefinition, type GateAnswer, type GateReason, type GateContext, type GateQuery, type GateTier } from './gate.js';
export {
  defineAdapter, type AdapterSpec, type AdapterDefinition, type AdapterRecord, type AdapterContext,
  type DirectoryView, type HostMessage, type NotifyContext,
} from './adapter.js';
export type * from './store.js';
export type * from './kernel-events.js';
export { localDay, localDate } from './local-date.js';
export {
  targetParamsProperties, assertTargetParams, warningLine, trendRisks, targetScale, trendOf,
  type TargetParams, type Direction, type TrendInput, type TargetScaleInput, type TrendOfInput,
} from './target-scale.js';
export { counters, ratio, type Counters } from './ratio-state.js';
export { resultsBySubject, resultRowsOf, resultCountOf, resultDoubles, resultDouble, resultNumber } from './results-by-subject.js';
export { appliesToMembers, memberStatusProperty, type MemberParams } from './party-members.js';

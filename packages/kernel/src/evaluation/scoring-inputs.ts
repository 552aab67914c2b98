import { kpError, type AggregateContext, type Period, type Person, type SubjectKind } from '@kaoping/contract';
import type { StateTable } from '../engine/state-table.js';
import type { Kernel, LoadedIndicator, LoadedRule } from '../kernel.js';
import { parseScoringConfig, type ScoringConfig } from '../scoring/config-schema.js';
import type { IndicatorValue, ScoringIndicator } from '../scoring/score-period.js';
import type { FiredRule } from '../scoring/tiers.js';

/**
 * What `scorePeriod` needs, read from a state table: the started indicators with their params,
 * every subject's value and the rules that fired. Shared by period close and explain, so both
 * see the same numbers.
 */

const scoringConfigs = new WeakMap<Kernel, ScoringConfig>();

/**
 * The deployment's `scoring` config, resolved once per kernel. An empty section is the
 * defaults, which skips compiling the validator (a noticeable share of a small close).
 */
export function scoringConfigOf(kernel: Kernel): ScoringConfig {
  let config = scoringConfigs.get(kernel);
  if (!config) {
    const raw = kernel.config.scoring;
    config = parseScoringConfig(raw && Object.keys(raw).length > 0 ? raw : undefined);
    scoringConfigs.set(kernel, config);
  }
  return config;
}

/** The started indicators as scoring sees them: definition, params in force and their hash. */
export function scoringIndicators(kernel: Kernel): ScoringIndicator[] {
  return kernel.indicators().map(({ definition: def, params, paramsHash }) => ({
    id: def.id,
    version: def.version,
    paramsHash,
    domain: def.domain,
    subjects: def.subjects,
    direction: def.direction,
    scale: def.scale,
    params,
    ...(typeof def.appliesTo === 'function' ? { appliesTo: (p: Person) => def.appliesTo!(p, params) } : {}),
  }));
}

/** Calls a plugin function, turning a throw into a coded error that names the plugin and phase. */
function guarded<T>(pluginId: string, phase: string, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    throw kpError('KP_ERR_PLUGIN_SETUP_FAILED', pluginId, phase, (e as Error)?.message ?? String(e));
  }
}

/**
 * The state of one subject, or a fresh `init()` when it has none: a member with no study
 * records has earned 0 credits, which is a value, not a missing one.
 */
export function stateOf(table: StateTable, plugin: LoadedIndicator | LoadedRule, kind: SubjectKind, subjectId: string, periodId: string): unknown {
  const entry = table.get(plugin.definition.id, kind, subjectId, periodId);
  return entry !== undefined ? entry.state : guarded(plugin.definition.id, 'init', () => plugin.definition.init());
}

export function contextOf<P>(period: Period, params: P, subjectKind: SubjectKind): AggregateContext<P> {
  return { period, params, subjectKind };
}

/** One indicator's value for one subject: null when it does not apply, when there is no data, or not finite. */
export function valueOf(indicator: LoadedIndicator, state: unknown, ctx: AggregateContext<unknown>, person?: Person): number | null {
  const def = indicator.definition;
  if (person && typeof def.appliesTo === 'function' && !def.appliesTo(person, indicator.params)) return null;
  const v = guarded(def.id, 'value', () => def.value(state, ctx));
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

/** Every person × person indicator and unit × unit indicator of the directory, from the table. */
export function indicatorValues(kernel: Kernel, table: StateTable, period: Period): IndicatorValue[] {
  const out: IndicatorValue[] = [];
  const people = kernel.directory.people();
  const units = kernel.directory.units();
  for (const ind of kernel.indicators()) {
    const { id, subjects } = ind.definition;
    if (subjects.includes('person')) {
      const ctx = contextOf(period, ind.params, 'person');
      for (const p of people) {
        out.push({ subjectKind: 'person', subjectId: p.id, indicator: id, value: valueOf(ind, stateOf(table, ind, 'person', p.id, period.id), ctx, p) });
      }
    }
    if (subjects.includes('unit')) {
      const ctx = contextOf(period, ind.params, 'unit');
      for (const u of units) {
        out.push({ subjectKind: 'unit', subjectId: u.id, indicator: id, value: valueOf(ind, stateOf(table, ind, 'unit', u.id, period.id), ctx) });
      }
    }
  }
  return out;
}

/** The rules that fired for one person this (annual) period, as tiers sees them. */
export function firedRules(kernel: Kernel, table: StateTable, period: Period, personId: string, rules = kernel.rules()): FiredRule[] {
  const out: FiredRule[] = [];
  for (const rule of rules) {
    const def = rule.definition;
    const ctx = contextOf(period, rule.params, 'person');
    const outcome = guarded(def.id, 'decide', () => def.decide(stateOf(table, rule, 'person', personId, period.id), ctx));
    if (outcome) out.push({ ...outcome, evidence: [...outcome.evidence], ruleId: def.id, precedence: def.precedence });
  }
  return out;
}

/** Rule outcomes per person; rules decide about years only, so other periods have none. */
export function ruleOutcomes(kernel: Kernel, table: StateTable, period: Period): Map<string, FiredRule[]> {
  const out = new Map<string, FiredRule[]>();
  const rules = kernel.rules();
  if (period.kind !== 'year' || rules.length === 0) return out;
  for (const p of kernel.directory.people()) {
    const fired = firedRules(kernel, table, period, p.id, rules);
    if (fired.length > 0) out.set(p.id, fired);
  }
  return out;
}

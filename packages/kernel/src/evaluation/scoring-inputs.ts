import { kpError, type AggregateContext, type OrgUnit, type Period, type Person, type SubjectKind } from '@kaoping/contract';
import type { StateTable } from '../engine/state-table.js';
import type { Kernel, LoadedIndicator, LoadedRule } from '../kernel.js';
import { parseScoringConfig, type ScoringConfig } from '../scoring/config-schema.js';
import { ValueColumns, type ScoringIndicator } from '../scoring/score-period.js';
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

/** A plugin function's throw as a coded error that names the plugin and phase. */
function pluginFailure(pluginId: string, phase: string, e: unknown) {
  return kpError('KP_ERR_PLUGIN_SETUP_FAILED', pluginId, phase, (e as Error)?.message ?? String(e));
}

/** Calls a plugin function, turning a throw into a coded error that names the plugin and phase. */
function guarded<T>(pluginId: string, phase: string, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    throw pluginFailure(pluginId, phase, e);
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
  // Not through guarded(): a close calls this for every subject × indicator, a closure each adds up.
  let v: unknown;
  try {
    v = def.value(state, ctx);
  } catch (e) {
    throw pluginFailure(def.id, 'value', e);
  }
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

/** Each state of a period by indicator and subject kind, at the index of its subject in `people` / `units`. */
function statesByColumn(table: StateTable, period: Period, people: readonly Person[], units: readonly OrgUnit[]): Map<string, Record<SubjectKind, unknown[]>> {
  const subjects = { person: people, unit: units };
  const at = { person: positions(people), unit: positions(units) };
  const out = new Map<string, Record<SubjectKind, unknown[]>>();
  let indicator: string | undefined;
  let columns: Record<SubjectKind, unknown[]> | undefined;
  let next = -1;
  const entries = table.periodEntries(period.id);
  // Indexed, not for…of: the loop's body is too big for V8 to drop the iterator's result objects (8 MB per province close).
  for (let k = 0; k < entries.length; k++) {
    const e = entries[k];
    if (e.indicator !== indicator) {
      indicator = e.indicator;
      columns = out.get(indicator);
      if (columns === undefined) out.set(indicator, (columns = { person: new Array(people.length), unit: new Array(units.length) }));
    }
    // Kept states come in subject order, as the subjects are: the next subject is tried before a lookup.
    const of = subjects[e.subjectKind];
    const i = of[next]?.id === e.subjectId ? next : at[e.subjectKind].get(e.subjectId);
    if (i === undefined) continue;
    columns![e.subjectKind][i] = e.state;
    next = i + 1;
  }
  return out;
}

function positions(subjects: readonly { id: string }[]): Map<string, number> {
  const out = new Map<string, number>();
  for (let i = 0; i < subjects.length; i++) out.set(subjects[i].id, i);
  return out;
}

/**
 * Every person × person indicator and unit × unit indicator, from the table, as columns over
 * `people` and `units` in their order: one pass over the period's states, then `value()` per subject
 * (from `init()` where a subject has no state, see `stateOf`).
 */
export function indicatorColumns(kernel: Kernel, table: StateTable, period: Period, people: readonly Person[], units: readonly OrgUnit[]): ValueColumns {
  const states = statesByColumn(table, period, people, units);
  const out = new ValueColumns(people.length, units.length);
  for (const ind of kernel.indicators()) {
    const { id, subjects } = ind.definition;
    for (const kind of SUBJECT_KINDS) {
      if (!subjects.includes(kind)) continue;
      const of: readonly (Person | OrgUnit)[] = kind === 'person' ? people : units;
      const ctx = contextOf(period, ind.params, kind);
      const kept = states.get(id)?.[kind];
      const column = out.column(id, kind);
      for (let i = 0; i < of.length; i++) {
        const state = kept?.[i] ?? guarded(id, 'init', () => ind.definition.init());
        column[i] = valueOf(ind, state, ctx, kind === 'person' ? of[i] as Person : undefined) ?? NaN;
      }
    }
  }
  return out;
}

const SUBJECT_KINDS: readonly SubjectKind[] = ['person', 'unit'];

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

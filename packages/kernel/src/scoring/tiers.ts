import type { Period, Person, RuleOutcome, Tier } from '@kaoping/contract';
import type { TierConfig } from './config-schema.js';

/**
 * Annual tiers (段), INDICATORS.md § Tiers, per tier group:
 * 1. a leaver (离职日期 on or before 31 December, i.e. `until` < end of the year) → no tier, `left`;
 * 2. a forcing rule → its tier and reason, whatever the score (当年受处分 ⇒ 第3段);
 * 3. no composite → no tier, `no-data`;
 * 4. the rest ranked by composite, highest first, ties by person id ascending: tier 1 for the
 *    first floor(quota × n), then tier 3 (`below-threshold`) under the threshold, tier 2 (`ranked`).
 * `n` counts everyone of the group who gets a tier (forced people included), so forced people
 * shrink nobody's tier-1 chances yet do not take a tier-1 slot themselves.
 * `rank` is the 1-based position in the ranking and exists only for ranked people; forced
 * people carry `n` but rank null; leavers and no-data carry neither.
 */

/** A rule that fired for a person, with what is needed to choose between several. */
export interface FiredRule extends RuleOutcome {
  ruleId: string;
  /** Higher wins; ties go to the smaller rule id. */
  precedence: number;
}

export interface TierInput {
  period: Period;
  /** Group id → members (see `tierGroups`). */
  groups: ReadonlyMap<string, readonly Person[]>;
  composites: ReadonlyMap<string, number | null>;
  /** Rules that fired per person this year; absent or empty ⇒ none. */
  rules?: ReadonlyMap<string, readonly FiredRule[]>;
  config: TierConfig;
  /** The rows in the order of these people (those of the groups), rather than group by group. */
  order?: readonly Person[];
}

// quota × n is computed in binary floating point: 0.29 × 100 = 28.999999999999996. The
// documented formula is the exact floor, so allow for that rounding and no more.
const FLOOR_SLACK = 1e-9;

export function tierOneSlots(quota: number, n: number): number {
  return Math.floor(quota * n + FLOOR_SLACK);
}

/** The rule that decides when several fire: highest precedence, then smallest rule id. */
export function winningRule(rules: readonly FiredRule[] | undefined): FiredRule | undefined {
  let best: FiredRule | undefined;
  for (const r of rules ?? []) {
    if (!best || r.precedence > best.precedence || (r.precedence === best.precedence && r.ruleId < best.ruleId)) best = r;
  }
  return best;
}

/** One row per member, groups in map order and members in their given order, or in `input.order`. */
export function assignTiers(input: TierInput): Tier[] {
  const byPerson = new Map<string, Tier>();
  for (const [group, members] of input.groups) assignGroup(input, group, members, byPerson);
  const out: Tier[] = [];
  if (input.order === undefined) {
    for (const members of input.groups.values()) for (const person of members) out.push(byPerson.get(person.id) as Tier);
  } else {
    for (const person of input.order) {
      const t = byPerson.get(person.id);
      if (t !== undefined) out.push(t);
    }
  }
  return out;
}

function assignGroup(input: TierInput, group: string, members: readonly Person[], out: Map<string, Tier>): void {
  const { period, config } = input;
  const forced: { person: Person; rule: FiredRule; fired: readonly FiredRule[] }[] = [];
  const ranked: { person: Person; composite: number }[] = [];
  const row = (person: Person, tier: Tier['tier'], reason: Tier['reason'], rank: number | null, n: number | null, evidence: Record<string, unknown>): void => {
    out.set(person.id, { personId: person.id, period: period.id, tier, reason, rank, n, group, evidence });
  };
  for (const person of members) {
    const composite = input.composites.get(person.id) ?? null;
    const fired = input.rules?.get(person.id) ?? [];
    if (person.until != null && person.until < period.end) {
      row(person, null, 'left', null, null, { score: composite, leftAt: person.until, rules: fired.map(ruleEvidence) });
      continue;
    }
    const rule = winningRule(fired);
    if (rule) forced.push({ person, rule, fired });
    else if (composite === null) row(person, null, 'no-data', null, null, { score: null, rules: [] });
    else ranked.push({ person, composite });
  }
  const n = forced.length + ranked.length;
  const slots = Math.min(ranked.length, tierOneSlots(config.quota, n));
  const common = { n, quota: config.quota, threshold: config.threshold, tierOneSlots: slots };
  for (const { person, rule, fired } of forced) {
    row(person, rule.tier, rule.reason, null, n, {
      score: input.composites.get(person.id) ?? null, rank: null, ...common, rule: rule.ruleId, rules: fired.map(ruleEvidence),
    });
  }
  ranked.sort((a, b) => b.composite - a.composite || (a.person.id < b.person.id ? -1 : a.person.id > b.person.id ? 1 : 0));
  ranked.forEach(({ person, composite }, i) => {
    const rank = i + 1;
    // A literal with common's members in its order, not a spread: a spread followed by more members costs microseconds on Node 20, and a province ranks 30 k people.
    const evidence = { score: composite, rank, n, quota: common.quota, threshold: common.threshold, tierOneSlots: common.tierOneSlots, rules: [] };
    if (i < slots) row(person, 1, 'ranked', rank, n, evidence);
    else if (composite < config.threshold) row(person, 3, 'below-threshold', rank, n, evidence);
    else row(person, 2, 'ranked', rank, n, evidence);
  });
}

function ruleEvidence(r: FiredRule): Record<string, unknown> {
  return { rule: r.ruleId, precedence: r.precedence, tier: r.tier, reason: r.reason, message: r.message, records: [...r.evidence] };
}

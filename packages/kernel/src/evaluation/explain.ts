import {
  kpError, localDate, parsePeriod, type Domain, type LocalizedText, type Period, type PeriodId, type SubjectKind, type TierReason,
} from '@kaoping/contract';
import type { Kernel, LoadedIndicator } from '../kernel.js';
import { tierOneSlots } from '../scoring/tiers.js';
import { EVIDENCE_ID_LIMIT, eventsBehind, recordsById, type EventEvidence } from './evidence-events.js';
import { PeriodView, type ScoreSource } from './period-view.js';
import { explainScale, type ScaleExplanation } from './scale-explanation.js';
import { requireStore } from './score-states.js';
import { scoringConfigOf, stateOf } from './scoring-inputs.js';

export interface ExplainQuery {
  period: PeriodId;
  /** Exactly one of person and unit. */
  person?: string;
  unit?: string;
  /** Explain one indicator's value and score… */
  indicator?: string;
  /** …or the person's annual tier; neither: the composite and every indicator. */
  tier?: boolean;
  /** Event ids listed per explanation (default 100); the count is always complete. */
  eventLimit?: number;
}

export interface SubjectInfo {
  kind: SubjectKind;
  id: string;
  name: string;
  /** People: their HR unit and post. */
  unitId?: string;
  unitName?: string;
  postId?: string;
  postName?: string;
  politicalStatus?: string;
  /** Units: bureau, district, section, team. */
  unitKind?: string;
}

export interface IndicatorInfo {
  id: string;
  title: LocalizedText;
  version: string;
  domain: Domain;
  direction: 'higher' | 'lower';
}

export interface IndicatorExplanation {
  kind: 'indicator';
  period: PeriodId;
  subject: SubjectInfo;
  indicator: IndicatorInfo;
  /** false: the indicator does not apply to this person (party indicators: members only), so the value is null. */
  applies: boolean;
  value: number | null;
  score: number | null;
  /** The kept state the value is computed from (a fresh `init()` when the subject has none). */
  state: unknown;
  /** The params in force, and the hash recorded on the result (they differ if params changed since close). */
  params: Record<string, unknown>;
  paramsHash: string;
  indicatorVersion: string;
  scale: ScaleExplanation;
  events: EventEvidence;
  source: ScoreSource;
}

export interface RuleRecord {
  id: string;
  type: string;
  date: string;
  attrs: Record<string, unknown>;
}

export interface FiredRuleExplanation {
  rule: string;
  precedence: number;
  tier: number;
  reason: string;
  message: string;
  records: RuleRecord[];
}

export interface TierExplanation {
  kind: 'tier';
  period: PeriodId;
  subject: SubjectInfo;
  tier: 1 | 2 | 3 | null;
  reason: TierReason;
  /** The composite the ranking used. */
  score: number | null;
  rank: number | null;
  n: number | null;
  quota: number;
  /** floor(quota × n): the tier-1 places the group has. */
  quotaSlots: number | null;
  /** Tier-1 places actually given (no more than the people ranked). */
  tierOneSlots: number | null;
  threshold: number;
  group: { id: string; name: string | null };
  /** Every rule that fired for the person this year, the winning one first. */
  rules: FiredRuleExplanation[];
  /** The winning rule, when a rule forced the tier. */
  forcedBy: string | null;
  composite: { value: number | null; weights: Record<string, number> };
  /** Left or no data: the date they left, when they did. */
  leftOn: string | null;
  source: ScoreSource;
}

export interface CompositeExplanation {
  kind: 'composite';
  period: PeriodId;
  subject: SubjectInfo;
  composite: number | null;
  weights: Record<string, number>;
  indicators: { id: string; title: LocalizedText; domain: Domain; value: number | null; score: number | null; weight: number | null }[];
  source: ScoreSource;
}

export type Explanation = IndicatorExplanation | TierExplanation | CompositeExplanation;

function usage(message: string): Error {
  return kpError('KP_ERR_USAGE', message);
}

function subjectOf(kernel: Kernel, q: ExplainQuery): SubjectInfo {
  if ((q.person === undefined) === (q.unit === undefined)) throw usage('explain needs exactly one subject: a person or a unit');
  const dir = kernel.directory;
  if (q.person !== undefined) {
    const p = dir.person(q.person);
    if (!p) throw kpError('KP_ERR_NOT_FOUND', 'Person', q.person);
    return {
      kind: 'person', id: p.id, name: p.name, unitId: p.unitId, unitName: dir.unit(p.unitId)?.name, postId: p.postId,
      ...(p.postName ? { postName: p.postName } : {}), ...(p.politicalStatus ? { politicalStatus: p.politicalStatus } : {}),
    };
  }
  const u = dir.unit(q.unit!);
  if (!u) throw kpError('KP_ERR_NOT_FOUND', 'Unit', q.unit);
  return { kind: 'unit', id: u.id, name: u.name, unitKind: u.kind };
}

function indicatorInfo(ind: LoadedIndicator): IndicatorInfo {
  const d = ind.definition;
  return { id: d.id, title: d.title, version: d.version, domain: d.domain, direction: d.direction };
}

function loadedIndicator(kernel: Kernel, id: string): LoadedIndicator {
  const ind = kernel.indicators().find((i) => i.definition.id === id);
  if (!ind) throw kpError('KP_ERR_NOT_FOUND', 'Started indicator', id);
  return ind;
}

/**
 * Explains a number a user sees (以事见人): an indicator's value and score with its state,
 * params, scale and the records behind it; a tier with its rank, quota, threshold, group and
 * the rules that fired with their records; or, with neither, the composite and its weights.
 * Uses the rows `close` stored when there are some, else computes them from the kept states.
 */
export async function explain(kernel: Kernel, q: ExplainQuery): Promise<Explanation> {
  requireStore(kernel, 'explaining');
  const period = parsePeriod(q.period);
  const subject = subjectOf(kernel, q);
  if (q.indicator !== undefined && q.tier) throw usage('explain one thing at a time: an indicator or the tier');
  const view = new PeriodView(kernel, period.id);
  if (q.tier) return explainTier(kernel, view, period, subject);
  if (q.indicator !== undefined) return explainIndicator(kernel, view, period, subject, q.indicator, q.eventLimit ?? EVIDENCE_ID_LIMIT);
  return explainComposite(kernel, view, period, subject);
}

async function explainIndicator(
  kernel: Kernel, view: PeriodView, period: Period, subject: SubjectInfo, indicatorId: string, limit: number,
): Promise<IndicatorExplanation> {
  const ind = loadedIndicator(kernel, indicatorId);
  const def = ind.definition;
  if (!def.subjects.includes(subject.kind)) {
    throw usage(`indicator ${def.id} (${def.title.zh}) scores ${def.subjects.join(' and ')} subjects, not a ${subject.kind}; explain it for a ${def.subjects[0]}`);
  }
  const { row, source } = await view.result(subject.kind, subject.id, def.id);
  if (!row) throw kpError('KP_ERR_NOT_FOUND', `Result of ${def.id} for ${subject.kind}`, subject.id);
  const person = subject.kind === 'person' ? kernel.directory.person(subject.id) : undefined;
  const applies = !person || typeof def.appliesTo !== 'function' || def.appliesTo(person, ind.params);
  const events = await eventsBehind(kernel, {
    def, params: ind.params, attribution: def.attribution, subjectKind: subject.kind, subjectId: subject.id, period,
  }, limit);
  return {
    kind: 'indicator',
    period: period.id,
    subject,
    indicator: indicatorInfo(ind),
    applies,
    value: row.value,
    score: row.score,
    state: stateOf(kernel.states, ind, subject.kind, subject.id, period.id),
    params: ind.params,
    paramsHash: row.paramsHash,
    indicatorVersion: row.indicatorVersion,
    scale: explainScale(def, ind.params, row),
    events,
    source,
  };
}

interface StoredRuleEvidence {
  rule: string;
  precedence: number;
  tier: number;
  reason: string;
  message: string;
  records: string[];
}

async function explainRules(kernel: Kernel, period: Period, personId: string, fired: readonly StoredRuleEvidence[]): Promise<FiredRuleExplanation[]> {
  const out: FiredRuleExplanation[] = [];
  for (const r of fired) {
    const types = kernel.rules().find((x) => x.definition.id === r.rule)?.definition.consumes ?? [];
    const records = await recordsById(kernel, personId, types, period, r.records);
    const byId = new Map(records.map((e) => [e.id, e]));
    out.push({
      rule: r.rule, precedence: r.precedence, tier: r.tier, reason: r.reason, message: r.message,
      // Keep the rule's own order, and name a record even if the store no longer has it.
      records: r.records.map((id) => {
        const e = byId.get(id);
        return e ? { id, type: e.type, date: localDate(e.occurredAt), attrs: { ...e.attrs } } : { id, type: 'unknown', date: '', attrs: {} };
      }),
    });
  }
  return out;
}

async function explainTier(kernel: Kernel, view: PeriodView, period: Period, subject: SubjectInfo): Promise<TierExplanation> {
  if (subject.kind !== 'person') throw usage('tiers are for people: explain --tier needs a person');
  if (period.kind !== 'year') throw usage(`tiers are annual: explain --tier needs a year such as ${period.year}, not ${period.id}`);
  const { row: tier, source } = await view.tier(subject.id);
  if (!tier) throw kpError('KP_ERR_NOT_FOUND', `Tier of ${period.id} for person`, subject.id);
  const { row: composite } = await view.composite('person', subject.id);
  const config = scoringConfigOf(kernel).tiers;
  const ev = tier.evidence as Record<string, unknown>;
  const quota = typeof ev.quota === 'number' ? ev.quota : config.quota;
  const threshold = typeof ev.threshold === 'number' ? ev.threshold : config.threshold;
  const fired = Array.isArray(ev.rules) ? (ev.rules as StoredRuleEvidence[]) : [];
  const forcedBy = typeof ev.rule === 'string' ? ev.rule : null;
  // The winning rule first, the others in their recorded order.
  const ordered = forcedBy ? [...fired.filter((r) => r.rule === forcedBy), ...fired.filter((r) => r.rule !== forcedBy)] : fired;
  return {
    kind: 'tier',
    period: period.id,
    subject,
    tier: tier.tier,
    reason: tier.reason,
    score: typeof ev.score === 'number' ? ev.score : composite?.composite ?? null,
    rank: tier.rank,
    n: tier.n,
    quota,
    quotaSlots: tier.n === null ? null : tierOneSlots(quota, tier.n),
    tierOneSlots: typeof ev.tierOneSlots === 'number' ? ev.tierOneSlots : null,
    threshold,
    group: { id: tier.group, name: kernel.directory.unit(tier.group)?.name ?? null },
    rules: await explainRules(kernel, period, subject.id, ordered),
    forcedBy,
    composite: { value: composite?.composite ?? null, weights: composite?.weights ?? {} },
    leftOn: typeof ev.leftAt === 'number' ? localDate(ev.leftAt) : null,
    source,
  };
}

async function explainComposite(kernel: Kernel, view: PeriodView, period: Period, subject: SubjectInfo): Promise<CompositeExplanation> {
  const { row: composite, source } = await view.composite(subject.kind, subject.id);
  const { row: results } = await view.results(subject.kind, subject.id);
  const weights = composite?.weights ?? {};
  const indicators = kernel.indicators()
    .filter((i) => i.definition.subjects.includes(subject.kind))
    .map((i) => {
      const r = results?.find((x) => x.indicator === i.definition.id);
      return {
        id: i.definition.id, title: i.definition.title, domain: i.definition.domain,
        value: r?.value ?? null, score: r?.score ?? null, weight: weights[i.definition.id] ?? null,
      };
    });
  return { kind: 'composite', period: period.id, subject, composite: composite?.composite ?? null, weights, indicators, source };
}

import {
  kpError, resultNumber, resultRowsOf, type Composite, type Domain, type OrgUnit, type Period, type Person, type Result, type ResultColumns,
  type ResultKindColumns, type ScaleSpec, type SubjectKind, type Tier,
} from '@kaoping/contract';
import { compositeOf, unitComposite, weightPlan, type WeightPlan } from './composite.js';
import { DEFAULT_SCORING, resolveWeights, type ScoringConfig } from './config-schema.js';
import { indexOrgTree, sumOverSubtrees, type OrgTree } from './org-tree.js';
import { peerGroupKey, tierGroupOf, tierGroupOfUnits, tierGroups } from './peer-groups.js';
import { checkScaleParams, percentileScores, scoreOf, type Direction, type PercentileScore } from './scales.js';
import { assignTiers, type FiredRule } from './tiers.js';

/**
 * Period close as one pure function: values → scores → composites → (for a year) tiers.
 * No store, no registry: the kernel, the CLI and worker threads all call it with plain data.
 * Cost is O(S × I + P log P) for S subjects and I indicators: percentiles sort each peer
 * group once and subtree means come from one bottom-up pass over the tree.
 *
 * Choices where INDICATORS.md is silent:
 * - every person and unit given gets a result per indicator of its kind (null when no value
 *   was given), a composite, and (years only) a tier row — leavers included: who is listed is
 *   the caller's choice; values for subjects not listed are ignored;
 * - percentile peers of a person: same post in the same tier group, leavers included when they
 *   have a value; of a unit (no shipped indicator needs it): units of the same kind;
 * - a unit's own half uses the deployment-wide weights (per-post weights are about people).
 */

/** What scoring needs of an indicator: its definition plus the params in force and their hash. */
export interface ScoringIndicator {
  id: string;
  version: string;
  paramsHash: string;
  domain: Domain;
  subjects: readonly SubjectKind[];
  direction: Direction;
  scale: ScaleSpec;
  /** The params in force (defaults merged with the deployment's), not the params schema. */
  params: Readonly<Record<string, unknown>>;
  /** false ⇒ the person's value is null whatever was computed (party indicators: members only). */
  appliesTo?(person: Person): boolean;
}

export interface IndicatorValue {
  subjectKind: SubjectKind;
  subjectId: string;
  indicator: string;
  value: number | null;
}

/**
 * Values already laid out as columns over the `people` and `units` given to `scorePeriod`, in their
 * order, NaN standing for null: what a close computes straight from its states, without a row object
 * per subject × indicator.
 */
export class ValueColumns {
  readonly byIndicator: ValueIndex = new Map();

  constructor(readonly people: number, readonly units: number) {}

  /** The column of one indicator and subject kind, all NaN until set. */
  column(indicator: string, kind: SubjectKind): Float64Array {
    let columns = this.byIndicator.get(indicator);
    if (!columns) {
      columns = { person: new Float64Array(this.people).fill(NaN), unit: new Float64Array(this.units).fill(NaN) };
      this.byIndicator.set(indicator, columns);
    }
    return columns[kind];
  }
}

export interface ScorePeriodInput {
  period: Period;
  units: readonly OrgUnit[];
  people: readonly Person[];
  indicators: readonly ScoringIndicator[];
  /** Values computed from the kept states; a subject × indicator missing here has value null. */
  values: Iterable<IndicatorValue> | ReadonlyMap<unknown, IndicatorValue> | ValueColumns;
  /** Rules that fired per person in this (annual) period. */
  ruleOutcomes?: ReadonlyMap<string, readonly FiredRule[]>;
  config?: ScoringConfig;
}

export interface ScorePeriodOutput {
  /** The rows of `resultColumns`, built the first time they are read: a close that only stores them never builds them. */
  results: Result[];
  resultColumns: ResultColumns;
  composites: Composite[];
  /** Empty unless the period is a year; in the order of `people`. */
  tiers: Tier[];
}

/** Per-indicator columns over the subjects, NaN standing for null so they stay typed arrays. */
interface SubjectScores {
  /** scores[j][s]: score of subject s on indicator j. */
  scores: Float64Array[];
  values: Float64Array[];
  evidence: Record<string, unknown>[][];
}

export function scorePeriod(input: ScorePeriodInput): ScorePeriodOutput {
  const { period, people, units } = input;
  const config = input.config ?? DEFAULT_SCORING;
  for (const ind of input.indicators) checkScaleParams(ind.id, ind.scale, ind.params);
  const personInds = input.indicators.filter((i) => i.subjects.includes('person'));
  const unitInds = input.indicators.filter((i) => i.subjects.includes('unit'));
  const valueIndex = indexValues(input.values, { person: people, unit: units });
  const tree = indexOrgTree(units);
  const unitGroups = tierGroupOfUnits(tree);
  const personGroup = people.map((p) => tierGroupOf(p, unitGroups));

  const personScores = scoreSubjects(personInds, people, 'person', valueIndex, (p, i) => peerGroupKey(personGroup[i], p.postId), (p, i) => ({
    tierGroup: personGroup[i], post: p.postId,
  }));
  const unitScores = scoreSubjects(unitInds, units, 'unit', valueIndex, (u) => u.kind, (u) => ({ unitKind: u.kind }));

  const resultColumns: ResultColumns = {
    period: period.id,
    kinds: [resultKind('person', people, personInds, personScores), resultKind('unit', units, unitInds, unitScores)],
  };

  const personComposites = composePeople(people, personInds, personScores, config);
  // Literals, not spreads: a spread costs microseconds per object on Node 20, and a province has 31 k of them.
  const composites: Composite[] = people.map((p, i) => ({
    subjectKind: 'person', subjectId: p.id, period: period.id, composite: personComposites[i].composite, weights: personComposites[i].weights,
  }));
  for (const row of composeUnits(tree, people, personComposites, unitInds, unitScores, config)) {
    composites.push({ subjectKind: 'unit', period: period.id, subjectId: row.subjectId, composite: row.composite, weights: row.weights });
  }

  const tiers = period.kind === 'year' ? assignTiers({
    period,
    groups: tierGroups(tree, people),
    composites: new Map(people.map((p, i) => [p.id, personComposites[i].composite])),
    rules: input.ruleOutcomes,
    config: config.tiers,
    // In people order rather than group by group: a close lists people by id, the order a store keeps
    // tiers in, which then has nothing to sort (30 k ids took it 50 ms).
    order: people,
  }) : [];
  return withResultRows({ resultColumns, composites, tiers });
}

/** Adds `results`, the rows of `resultColumns`, built once when first read. */
function withResultRows(out: Omit<ScorePeriodOutput, 'results'>): ScorePeriodOutput {
  let rows: Result[] | undefined;
  return Object.defineProperty(out as ScorePeriodOutput, 'results', {
    enumerable: true,
    get: () => (rows ??= resultRowsOf(out.resultColumns)),
  });
}

type ValueIndex = Map<string, { person: Float64Array; unit: Float64Array }>;

function subjectIndex(subjects: readonly { id: string }[]): Map<string, number> {
  const index = new Map<string, number>();
  subjects.forEach((s, i) => index.set(s.id, i));
  return index;
}

/**
 * Values by indicator, as columns over people and units; NaN = null or not given. Columns are taken
 * as they are: only rows need the subjects' positions looked up (a close's 30 k ids in a map).
 */
function indexValues(values: ScorePeriodInput['values'], subjects: { person: readonly { id: string }[]; unit: readonly { id: string }[] }): ValueIndex {
  if (values instanceof ValueColumns) {
    if (values.people !== subjects.person.length || values.units !== subjects.unit.length) {
      throw kpError('KP_ERR_INTERNAL', `scorePeriod: value columns cover ${values.people} people and ${values.units} units, but ${subjects.person.length} and ${subjects.unit.length} were given; build them over the same subjects`);
    }
    return values.byIndicator;
  }
  const people = subjectIndex(subjects.person);
  const units = subjectIndex(subjects.unit);
  const index: ValueIndex = new Map();
  const rows: Iterable<IndicatorValue> = values instanceof Map ? values.values() : (values as Iterable<IndicatorValue>);
  for (const row of rows) {
    let columns = index.get(row.indicator);
    if (!columns) {
      columns = { person: new Float64Array(people.size).fill(NaN), unit: new Float64Array(units.size).fill(NaN) };
      index.set(row.indicator, columns);
    }
    const at = (row.subjectKind === 'person' ? people : units).get(row.subjectId);
    // A value is a finite number or null (contract); anything else cannot be scored, never as 0.
    if (at !== undefined) columns[row.subjectKind][at] = row.value !== null && Number.isFinite(row.value) ? row.value : NaN;
  }
  return index;
}

function scoreSubjects<T extends { id: string }>(
  indicators: readonly ScoringIndicator[],
  subjects: readonly T[],
  kind: SubjectKind,
  valueIndex: ValueIndex,
  peerKey: (s: T, i: number) => string,
  peerGroup: (s: T, i: number) => Record<string, unknown>,
): SubjectScores {
  const out: SubjectScores = { scores: [], values: [], evidence: [] };
  let peers: Map<string, number[]> | undefined;
  for (const ind of indicators) {
    const base: BaseEvidence = Object.freeze({ scale: ind.scale.kind, direction: ind.direction, params: ind.params });
    const evidence = new Array<Record<string, unknown>>(subjects.length).fill(base);
    const values = valueIndex.get(ind.id)?.[kind].slice() ?? new Float64Array(subjects.length).fill(NaN);
    if (kind === 'person' && ind.appliesTo) {
      const notApplicable = Object.freeze({ ...base, applies: false });
      subjects.forEach((s, i) => {
        if (ind.appliesTo?.(s as unknown as Person)) return;
        values[i] = NaN;
        evidence[i] = notApplicable;
      });
    }
    const scores = new Float64Array(subjects.length).fill(NaN);
    if (ind.scale.kind === 'percentile') {
      peers ??= bucket(subjects, peerKey);
      for (const members of peers.values()) {
        const ranked = percentileScores(members.map((i) => ({ id: i, value: resultNumber(values[i]) })), ind.direction);
        // Members of a bucket share their peer group: one object for all of them, serialised once when stored.
        const group = peerGroup(subjects[members[0]], members[0]);
        for (const r of ranked) {
          if (r.score === null) continue;
          scores[r.id] = r.score;
          evidence[r.id] = percentileEvidence(base, r, group);
        }
      }
    } else {
      for (let i = 0; i < subjects.length; i++) scores[i] = scoreOf(ind.scale, ind.direction, resultNumber(values[i]), ind.params) ?? NaN;
    }
    out.scores.push(scores);
    out.values.push(values);
    out.evidence.push(evidence);
  }
  return out;
}

/** What every result of an indicator shows: its scale, direction and params. */
type BaseEvidence = Readonly<{ scale: string; direction: Direction; params: Readonly<Record<string, unknown>> }>;

/**
 * The base evidence with the rank among peers added after its members (a store keeps only what was
 * added); written out rather than spread, which costs more and a province ranks 27 k people.
 */
function percentileEvidence(base: BaseEvidence, r: PercentileScore<number>, peerGroup: Record<string, unknown>): Record<string, unknown> {
  return { scale: base.scale, direction: base.direction, params: base.params, peerGroup, n: r.n, below: r.below, equal: r.equal };
}

function bucket<T>(subjects: readonly T[], key: (s: T, i: number) => string): Map<string, number[]> {
  const out = new Map<string, number[]>();
  subjects.forEach((s, i) => {
    const k = key(s, i);
    const list = out.get(k);
    if (list) list.push(i);
    else out.set(k, [i]);
  });
  return out;
}

function resultKind(kind: SubjectKind, subjects: readonly { id: string }[], indicators: readonly ScoringIndicator[], s: SubjectScores): ResultKindColumns {
  return {
    subjectKind: kind,
    subjectIds: subjects.map((x) => x.id),
    indicators: indicators.map((ind, j) => ({
      indicator: ind.id, indicatorVersion: ind.version, paramsHash: ind.paramsHash, values: s.values[j], scores: s.scores[j], evidence: s.evidence[j],
    })),
  };
}

function composePeople(people: readonly Person[], indicators: readonly ScoringIndicator[], s: SubjectScores, config: ScoringConfig) {
  const plans = new Map<string, WeightPlan>();
  const row = new Float64Array(indicators.length);
  return people.map((p, i) => {
    let plan = plans.get(p.postId);
    if (!plan) plans.set(p.postId, (plan = weightPlan(indicators, resolveWeights(config, p.postId))));
    for (let j = 0; j < indicators.length; j++) row[j] = s.scores[j][i];
    return compositeOf(plan, row);
  });
}

function composeUnits(
  tree: OrgTree, people: readonly Person[], personComposites: readonly { composite: number | null }[],
  indicators: readonly ScoringIndicator[], s: SubjectScores, config: ScoringConfig,
) {
  const sum = new Float64Array(tree.units.length);
  const count = new Float64Array(tree.units.length);
  people.forEach((p, i) => {
    const u = tree.index.get(p.unitId);
    const c = personComposites[i].composite;
    if (u === undefined || c === null) return;
    sum[u] += c;
    count[u] += 1;
  });
  const subtreeSum = sumOverSubtrees(tree, sum);
  const subtreeCount = sumOverSubtrees(tree, count);
  const plan = weightPlan(indicators, resolveWeights(config, undefined));
  const row = new Float64Array(indicators.length);
  return tree.units.map((unit, u) => {
    for (let j = 0; j < indicators.length; j++) row[j] = s.scores[j][u];
    const peopleMean = subtreeCount[u] > 0 ? subtreeSum[u] / subtreeCount[u] : null;
    const { composite, weights } = unitComposite(peopleMean, compositeOf(plan, row));
    return { subjectId: unit.id, composite, weights };
  });
}

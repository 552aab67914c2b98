import { kpError, type Composite, type PeriodId, type Result, type ResultColumns, type ResultQuery, type Tier } from '@kaoping/contract';
import { packResultColumns, packResults, unpackResults, type FacetRow, type PackedPeriod, type SubjectRow } from './packed-results.js';
import { replacePeriodRows, type PeriodTable } from './period-rows.js';
import { fromJson, whereEquals, type Sql } from './sql.js';

interface CompositeRow { subject_kind: Composite['subjectKind']; subject_id: string; period: string; composite: number | null; weight_set: number }
interface WeightSetRow { weight_set: number; weights: string }
interface TierRow {
  person_id: string; period: string; tier: Tier['tier']; reason: Tier['reason']; rank: number | null;
  n: number | null; tier_group: string; evidence: string;
}

/** What a period close produces: results, composites and tiers, each replaced per period. */
export class Evaluations {
  readonly #sql: Sql;

  constructor(sql: Sql) {
    this.#sql = sql;
  }

  /** Replaces the period's results: its facets and one packed row per subject (packed-results.ts). */
  putResults(period: PeriodId, rows: readonly Result[]): void {
    checkPeriodOf('results', period, rows);
    this.#putPacked(period, packResults(rows));
  }

  /** `putResults` from a close's columns, packed without building their rows. */
  putResultColumns(columns: ResultColumns): void {
    this.#putPacked(columns.period, packResultColumns(columns));
  }

  #putPacked(period: PeriodId, { facets, subjects }: PackedPeriod): void {
    this.#sql.atomic(() => {
      replacePeriodRows(this.#sql, RESULT_FACETS, period, facets, (f, out) => out.push(f.facet, f.indicator, f.indicator_version, f.params_hash, f.evidence));
      replacePeriodRows(this.#sql, SUBJECT_RESULTS, period, subjects, (r, out) => out.push(r.subject_kind, r.subject_id, r.facets, r.numbers, r.evidence));
    });
  }

  listResults(query: ResultQuery): Result[] {
    const { where, params } = whereEquals({ period: query.period, subject_kind: query.subjectKind, subject_id: query.subjectId });
    const subjects = this.#sql.stmt(`SELECT subject_kind, subject_id, facets, numbers, evidence FROM subject_results ${where} ORDER BY subject_kind, subject_id`)
      .all(...params) as SubjectRow[];
    if (subjects.length === 0) return [];
    const facets = this.#sql.stmt('SELECT facet, indicator, indicator_version, params_hash, evidence FROM result_facets WHERE period = ?')
      .all(query.period) as FacetRow[];
    return unpackResults(query.period, facets, subjects, query.indicator);
  }

  /** Replaces the period's composites: its distinct weights once, as weight sets (migration 009), and a row per subject naming its set. */
  putComposites(period: PeriodId, rows: readonly Composite[]): void {
    checkPeriodOf('composites', period, rows);
    const sets = new WeightSets();
    const setOf = rows.map((c) => sets.of(c.weights));
    this.#sql.atomic(() => {
      replacePeriodRows(this.#sql, WEIGHT_SETS, period, sets.texts, (weights, out, i) => out.push(i, weights));
      replacePeriodRows(this.#sql, COMPOSITES, period, rows, (c, out, i) => out.push(c.subjectKind, c.subjectId, c.composite, setOf[i]));
    });
  }

  listComposites(query: ResultQuery): Composite[] {
    // Composites have no indicator; an indicator filter cannot narrow them, so it is ignored.
    const { where, params } = whereEquals({ period: query.period, subject_kind: query.subjectKind, subject_id: query.subjectId });
    const rows = this.#sql.stmt(
      `SELECT subject_kind, subject_id, period, composite, weight_set FROM composites ${where} ORDER BY subject_kind, subject_id`,
    ).all(...params) as CompositeRow[];
    if (rows.length === 0) return [];
    const sets = new Map((this.#sql.stmt('SELECT weight_set, weights FROM composite_weight_sets WHERE period = ?').all(query.period) as WeightSetRow[])
      .map((s) => [s.weight_set, s.weights]));
    return rows.map((r) => {
      const weights = sets.get(r.weight_set);
      if (weights === undefined) throw kpError('KP_ERR_STORE', `reading the composite of ${r.period}/${r.subject_kind}/${r.subject_id}: it names weight set ${r.weight_set}, which period ${r.period} does not have; the composites tables were changed outside Kaoping, close the period again`);
      // Parsed per row, as before weight sets: a caller may change one composite's weights without touching the others.
      return { subjectKind: r.subject_kind, subjectId: r.subject_id, period: r.period, composite: r.composite, weights: JSON.parse(weights) };
    });
  }

  putTiers(period: PeriodId, rows: readonly Tier[]): void {
    checkPeriodOf('tiers', period, rows);
    replacePeriodRows(this.#sql, TIERS, period, rows, (t, out) => out.push(t.personId, t.tier, t.reason, t.rank, t.n, t.group, JSON.stringify(t.evidence)));
  }

  listTiers(query: { period?: PeriodId; personId?: string }): Tier[] {
    const { where, params } = whereEquals({ period: query.period, person_id: query.personId });
    const rows = this.#sql.stmt(
      `SELECT person_id, period, tier, reason, rank, n, tier_group, evidence FROM tiers ${where} ORDER BY period, person_id`,
    ).all(...params) as TierRow[];
    return rows.map((r) => ({
      personId: r.person_id, period: r.period, tier: r.tier, reason: r.reason, rank: r.rank, n: r.n,
      group: r.tier_group, evidence: fromJson<Record<string, unknown>>(r.evidence) ?? {},
    }));
  }
}

/** Every row of one `put…` call belongs to the period it replaces. */
function checkPeriodOf(table: string, period: PeriodId, rows: readonly { period: PeriodId }[]): void {
  const stray = rows.find((r) => r.period !== period);
  if (stray !== undefined) {
    throw kpError('KP_ERR_STORE', `writing ${table} of period ${period}: a row is for period ${stray.period}; write each period separately`);
  }
}

/** The tables a close replaces per period (see `replacePeriodRows`). */
const RESULT_FACETS: PeriodTable = { name: 'result_facets', columns: ['facet', 'indicator', 'indicator_version', 'params_hash', 'evidence'], keyColumns: 1 };
const SUBJECT_RESULTS: PeriodTable = { name: 'subject_results', columns: ['subject_kind', 'subject_id', 'facets', 'numbers', 'evidence'], keyColumns: 2 };
const WEIGHT_SETS: PeriodTable = { name: 'composite_weight_sets', columns: ['weight_set', 'weights'], keyColumns: 1 };
const COMPOSITES: PeriodTable = { name: 'composites', columns: ['subject_kind', 'subject_id', 'composite', 'weight_set'], keyColumns: 2 };
const TIERS: PeriodTable = { name: 'tiers', columns: ['person_id', 'tier', 'reason', 'rank', 'n', 'tier_group', 'evidence'], keyColumns: 1 };

/**
 * A period's distinct composite weights, numbered in the order first seen: a close gives every
 * subject of a post one weights object, so each object is serialised once, and equal texts share a set.
 */
class WeightSets {
  readonly texts: string[] = [];
  readonly #byObject = new Map<unknown, number>();
  readonly #byText = new Map<string, number>();

  of(weights: unknown): number {
    let set = this.#byObject.get(weights);
    if (set !== undefined) return set;
    const text = JSON.stringify(weights);
    set = this.#byText.get(text);
    if (set === undefined) {
      this.#byText.set(text, (set = this.texts.length));
      this.texts.push(text);
    }
    this.#byObject.set(weights, set);
    return set;
  }
}

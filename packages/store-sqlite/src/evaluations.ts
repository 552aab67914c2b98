import { kpError, type Composite, type PeriodId, type Result, type ResultQuery, type Tier } from '@kaoping/contract';
import { fromJson, whereEquals, type Sql } from './sql.js';

interface ResultRow {
  subject_kind: Result['subjectKind']; subject_id: string; indicator: string; indicator_version: string;
  params_hash: string; period: string; value: number | null; score: number | null; evidence: string;
}
interface CompositeRow { subject_kind: Composite['subjectKind']; subject_id: string; period: string; composite: number | null; weights: string }
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

  putResults(period: PeriodId, rows: readonly Result[]): void {
    const insert = this.#sql.stmt(
      `INSERT INTO results (period, subject_kind, subject_id, indicator, indicator_version, params_hash, value, score, evidence)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.#replacePeriod('results', period, rows, (r) =>
      insert.run(period, r.subjectKind, r.subjectId, r.indicator, r.indicatorVersion, r.paramsHash, r.value, r.score, JSON.stringify(r.evidence)));
  }

  listResults(query: ResultQuery): Result[] {
    const { where, params } = whereEquals({
      period: query.period, subject_kind: query.subjectKind, subject_id: query.subjectId, indicator: query.indicator,
    });
    const rows = this.#sql.stmt(
      `SELECT subject_kind, subject_id, indicator, indicator_version, params_hash, period, value, score, evidence
       FROM results ${where} ORDER BY subject_kind, subject_id, indicator`,
    ).all(...params) as ResultRow[];
    return rows.map((r) => ({
      subjectKind: r.subject_kind, subjectId: r.subject_id, indicator: r.indicator, indicatorVersion: r.indicator_version,
      paramsHash: r.params_hash, period: r.period, value: r.value, score: r.score, evidence: JSON.parse(r.evidence),
    }));
  }

  putComposites(period: PeriodId, rows: readonly Composite[]): void {
    const insert = this.#sql.stmt(
      'INSERT INTO composites (period, subject_kind, subject_id, composite, weights) VALUES (?, ?, ?, ?, ?)',
    );
    this.#replacePeriod('composites', period, rows, (c) =>
      insert.run(period, c.subjectKind, c.subjectId, c.composite, JSON.stringify(c.weights)));
  }

  listComposites(query: ResultQuery): Composite[] {
    // Composites have no indicator; an indicator filter cannot narrow them, so it is ignored.
    const { where, params } = whereEquals({ period: query.period, subject_kind: query.subjectKind, subject_id: query.subjectId });
    const rows = this.#sql.stmt(
      `SELECT subject_kind, subject_id, period, composite, weights FROM composites ${where} ORDER BY subject_kind, subject_id`,
    ).all(...params) as CompositeRow[];
    return rows.map((r) => ({
      subjectKind: r.subject_kind, subjectId: r.subject_id, period: r.period, composite: r.composite, weights: JSON.parse(r.weights),
    }));
  }

  putTiers(period: PeriodId, rows: readonly Tier[]): void {
    const insert = this.#sql.stmt(
      'INSERT INTO tiers (period, person_id, tier, reason, rank, n, tier_group, evidence) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    );
    this.#replacePeriod('tiers', period, rows, (t) =>
      insert.run(period, t.personId, t.tier, t.reason, t.rank, t.n, t.group, JSON.stringify(t.evidence)));
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

  /** Deletes the period's rows and writes the new ones, atomically: a close never leaves a mix. */
  #replacePeriod<T extends { period: PeriodId }>(table: string, period: PeriodId, rows: readonly T[], insert: (row: T) => void): void {
    const stray = rows.find((r) => r.period !== period);
    if (stray !== undefined) {
      throw kpError('KP_ERR_STORE', `writing ${table} of period ${period}: a row is for period ${stray.period}; write each period separately`);
    }
    this.#sql.atomic(() => {
      this.#sql.stmt(`DELETE FROM ${table} WHERE period = ?`).run(period);
      for (const r of rows) insert(r);
    });
  }
}

import { kpError, type Composite, type PeriodId, type Result, type ResultColumns, type ResultQuery, type SubjectKind, type Tier } from '@kaoping/contract';
import { COMPOSITE_CHUNKS, packComposites, unpackComposites, type CompositeChunkRow, type PackedComposite } from './packed-composites.js';
import { packColumns, packResults, unpackResults, type FacetRow } from './packed-results.js';
import { TIER_CHUNKS, packTiers, unpackTiers, type TierChunkRow } from './packed-tiers.js';
import { replacePeriodRows, type PeriodTable } from './period-rows.js';
import { RESULT_CHUNKS, chunkColumns, chunkSubjects, subjectsOfChunks, type ResultChunkRow } from './result-chunks.js';
import type { Sql } from './sql.js';
import { readChunks, replaceChunks } from './subject-chunks.js';

interface WeightSetRow { weight_set: number; weights: string }

/** What a period close produces: results, composites and tiers, each replaced per period. */
export class Evaluations {
  readonly #sql: Sql;

  constructor(sql: Sql) {
    this.#sql = sql;
  }

  /** Replaces the period's results: its facets and one packed row per subject (packed-results.ts). */
  putResults(period: PeriodId, rows: readonly Result[]): void {
    checkPeriodOf('results', period, rows);
    const { facets, subjects } = packResults(rows);
    this.#putPacked(period, facets, chunkSubjects(period, subjects));
  }

  /** `putResults` from a close's columns, packed without building their rows, nor a row per subject. */
  putResultColumns(columns: ResultColumns): void {
    const { facets, kinds } = packColumns(columns);
    this.#putPacked(columns.period, facets, chunkColumns(columns.period, kinds));
  }

  /** The facets, and the subjects in chunks (result-chunks.ts, migration 013). */
  #putPacked(period: PeriodId, facets: readonly FacetRow[], chunks: readonly unknown[][]): void {
    this.#sql.atomic(() => {
      replacePeriodRows(this.#sql, RESULT_FACETS, period, facets, (f, out) => out.push(f.facet, f.indicator, f.indicator_version, f.params_hash, f.evidence));
      replaceChunks(this.#sql, RESULT_CHUNKS, period, chunks);
    });
  }

  listResults(query: ResultQuery): Result[] {
    const subjects = subjectsOfChunks(readChunks<ResultChunkRow>(this.#sql, RESULT_CHUNKS, query), query.subjectId);
    if (subjects.length === 0) return [];
    const facets = this.#sql.stmt('SELECT facet, indicator, indicator_version, params_hash, evidence FROM result_facets WHERE period = ?')
      .all(query.period) as FacetRow[];
    return unpackResults(query.period, facets, subjects, query.indicator);
  }

  /**
   * Replaces the period's composites: its distinct weights once, as weight sets (migration 009), and
   * the subjects' composites and sets packed in chunks (packed-composites.ts, migration 011).
   */
  putComposites(period: PeriodId, rows: readonly Composite[]): void {
    checkPeriodOf('composites', period, rows);
    const sets = new WeightSets();
    const byKind = new Map<SubjectKind, PackedComposite[]>();
    for (const c of rows) {
      let mine = byKind.get(c.subjectKind);
      if (mine === undefined) byKind.set(c.subjectKind, (mine = []));
      mine.push({ subjectId: c.subjectId, composite: c.composite, weightSet: sets.of(c.weights) });
    }
    const chunks = [...byKind].flatMap(([kind, mine]) => packComposites(period, kind, mine));
    this.#sql.atomic(() => {
      replacePeriodRows(this.#sql, WEIGHT_SETS, period, sets.texts, (weights, out, i) => out.push(i, weights));
      replaceChunks(this.#sql, COMPOSITE_CHUNKS, period, chunks);
    });
  }

  listComposites(query: ResultQuery): Composite[] {
    // Composites have no indicator; an indicator filter cannot narrow them, so it is ignored.
    const chunks = readChunks<CompositeChunkRow>(this.#sql, COMPOSITE_CHUNKS, query);
    if (chunks.length === 0) return [];
    const sets = new Map((this.#sql.stmt('SELECT weight_set, weights FROM composite_weight_sets WHERE period = ?').all(query.period) as WeightSetRow[])
      .map((s) => [s.weight_set, s.weights]));
    return unpackComposites(chunks, (chunk, subjectId, set) => {
      const weights = sets.get(set);
      if (weights === undefined) throw kpError('KP_ERR_STORE', `reading the composite of ${chunk.period}/${chunk.subject_kind}/${subjectId}: it names weight set ${set}, which period ${chunk.period} does not have; the composites tables were changed outside Kaoping, close the period again`);
      // Parsed per row, as before weight sets: a caller may change one composite's weights without touching the others.
      return JSON.parse(weights) as Composite['weights'];
    }, query.subjectId);
  }

  /** Replaces the period's tiers: packed in chunks of people (packed-tiers.ts, migration 011). */
  putTiers(period: PeriodId, rows: readonly Tier[]): void {
    checkPeriodOf('tiers', period, rows);
    replaceChunks(this.#sql, TIER_CHUNKS, period, packTiers(period, rows));
  }

  listTiers(query: { period?: PeriodId; personId?: string }): Tier[] {
    return unpackTiers(readChunks<TierChunkRow>(this.#sql, TIER_CHUNKS, { period: query.period, subjectId: query.personId }), query.personId);
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
const WEIGHT_SETS: PeriodTable = { name: 'composite_weight_sets', columns: ['weight_set', 'weights'], keyColumns: 1 };

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

import { kpError, resultsBySubject, type PeriodId, type Result, type SubjectKind } from '@kaoping/contract';

/*
 * How a period's results are kept (migration 006): one facet row per distinct (indicator, version,
 * params hash) of the period, holding the evidence its rows share, and one row per subject: the
 * facet of each of its results (`facets`, a JSON array), their values and scores as little-endian
 * doubles (`numbers`: value, score, value, score, …; NaN for null), and the evidence of the results
 * whose evidence differs from their facet's (`evidence`: JSON `[[position, evidence], …]`, or NULL),
 * e.g. a percentile's rank among its peers. A province close so writes 31 k short rows instead of
 * 309 k rows that each repeated their evidence, and no number is ever printed as decimal text.
 */

/** A facet as stored: what many results of one indicator in one period have in common. */
export interface FacetRow { facet: number; indicator: string; indicator_version: string; params_hash: string; evidence: string }

/** A subject's packed results as stored. */
export interface SubjectRow { subject_kind: SubjectKind; subject_id: string; facets: string; numbers: Buffer; evidence: string | null }

export interface PackedPeriod {
  facets: FacetRow[];
  subjects: SubjectRow[];
}

const BYTES_PER_RESULT = 16;

/** Packs a period's rows; the first evidence seen for an (indicator, version, params hash) becomes its facet's. */
export function packResults(rows: readonly Result[]): PackedPeriod {
  const facets = new Facets();
  const numbers = Buffer.allocUnsafe(rows.length * BYTES_PER_RESULT);
  const subjects: SubjectRow[] = [];
  let at = 0;
  for (const group of resultsBySubject(rows)) {
    const start = at;
    const ids: number[] = [];
    let own = '';
    for (let i = 0; i < group.length; i++) {
      const r = group[i];
      const facet = facets.of(r);
      ids.push(facet.row.facet);
      numbers.writeDoubleLE(finiteOrNaN(r.value), at);
      numbers.writeDoubleLE(finiteOrNaN(r.score), at + 8);
      at += BYTES_PER_RESULT;
      if (r.evidence !== facet.source) {
        const text = facets.text(r.evidence);
        if (text !== facet.row.evidence) own += `${own ? ',' : ''}[${i},${text}]`;
      }
    }
    subjects.push({
      subject_kind: group[0].subjectKind, subject_id: group[0].subjectId, facets: `[${ids.join(',')}]`,
      numbers: numbers.subarray(start, at), evidence: own ? `[${own}]` : null,
    });
  }
  return { facets: facets.rows, subjects };
}

/** The facets of one period as rows are packed: one per (indicator, version, params hash). */
class Facets {
  readonly rows: FacetRow[] = [];
  readonly #byIndicator = new Map<string, { row: FacetRow; source: unknown }>();
  readonly #byKey = new Map<string, { row: FacetRow; source: unknown }>();
  readonly #texts = new Map<unknown, string>();

  /** The row's facet, created with the row's evidence when it is the first of its kind. */
  of(r: Result): { row: FacetRow; source: unknown } {
    const usual = this.#byIndicator.get(r.indicator);
    if (usual !== undefined && usual.row.indicator_version === r.indicatorVersion && usual.row.params_hash === r.paramsHash) return usual;
    const key = `${r.indicator}\u0000${r.indicatorVersion}\u0000${r.paramsHash}`;
    let facet = this.#byKey.get(key);
    if (facet === undefined) {
      const row = { facet: this.rows.length, indicator: r.indicator, indicator_version: r.indicatorVersion, params_hash: r.paramsHash, evidence: this.text(r.evidence) };
      facet = { row, source: r.evidence };
      this.rows.push(row);
      this.#byKey.set(key, facet);
      if (usual === undefined) this.#byIndicator.set(r.indicator, facet);
    }
    return facet;
  }

  /** Evidence as JSON, each object serialised once: a close shares one among every subject it applies to. */
  text(evidence: unknown): string {
    let text = this.#texts.get(evidence);
    if (text === undefined) this.#texts.set(evidence, (text = JSON.stringify(evidence)));
    return text;
  }
}

/** A value is a finite number or null (contract); stored as NaN, it reads back as null. */
const finiteOrNaN = (x: number | null): number => (x !== null && Number.isFinite(x) ? x : NaN);
const orNull = (x: number): number | null => (Number.isNaN(x) ? null : x);

/**
 * Unpacks subjects' rows into results ordered by indicator within each subject, keeping only
 * `indicator` when given. Rows that share a facet share its parsed evidence object: read-only.
 */
export function unpackResults(period: PeriodId, facetRows: readonly FacetRow[], subjects: readonly SubjectRow[], indicator?: string): Result[] {
  const facets = new Map<number, FacetRow & { parsed?: Record<string, unknown> }>();
  for (const f of facetRows) facets.set(f.facet, f);
  const out: Result[] = [];
  const mine: Result[] = [];
  for (const s of subjects) {
    const ids = JSON.parse(s.facets) as number[];
    const own = s.evidence === null ? undefined : new Map(JSON.parse(s.evidence) as [number, Record<string, unknown>][]);
    if (s.numbers.length !== ids.length * BYTES_PER_RESULT) throw damaged(period, s, `${ids.length} facets but ${s.numbers.length} bytes of numbers`);
    mine.length = 0;
    for (let i = 0; i < ids.length; i++) {
      const f = facets.get(ids[i]);
      if (f === undefined) throw damaged(period, s, `facet ${ids[i]}, which period ${period} does not have`);
      if (indicator !== undefined && f.indicator !== indicator) continue;
      mine.push({
        subjectKind: s.subject_kind, subjectId: s.subject_id, indicator: f.indicator, indicatorVersion: f.indicator_version,
        paramsHash: f.params_hash, period,
        value: orNull(s.numbers.readDoubleLE(i * BYTES_PER_RESULT)), score: orNull(s.numbers.readDoubleLE(i * BYTES_PER_RESULT + 8)),
        evidence: own?.get(i) ?? (f.parsed ??= JSON.parse(f.evidence) as Record<string, unknown>),
      });
    }
    mine.sort((a, b) => (a.indicator < b.indicator ? -1 : a.indicator > b.indicator ? 1 : 0));
    for (const r of mine) out.push(r);
  }
  return out;
}

function damaged(period: PeriodId, s: SubjectRow, what: string) {
  return kpError('KP_ERR_STORE', `reading results of ${period}/${s.subject_kind}/${s.subject_id}: the row has ${what}; the results tables were changed outside Kaoping, close the period again`);
}

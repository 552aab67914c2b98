import { kpError, resultsBySubject, type PeriodId, type Result, type ResultColumns, type SubjectKind } from '@kaoping/contract';

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
      const facet = facets.of(r.indicator, r.indicatorVersion, r.paramsHash, r.evidence);
      ids.push(facet.row.facet);
      numbers.writeDoubleLE(finiteOrNaN(r.value), at);
      numbers.writeDoubleLE(finiteOrNaN(r.score), at + 8);
      at += BYTES_PER_RESULT;
      if (r.evidence !== facet.source) own = facets.ownEvidence(own, i, facet, r.evidence);
    }
    subjects.push({
      subject_kind: group[0].subjectKind, subject_id: group[0].subjectId, facets: `[${ids.join(',')}]`,
      numbers: numbers.subarray(start, at), evidence: own ? `[${own}]` : null,
    });
  }
  return { facets: facets.rows, subjects };
}

/**
 * Packs columns as `packResults(resultRowsOf(columns))` would, without their rows: the subjects of a
 * kind share one facet list, and their numbers are laid out in one buffer as the columns are read.
 */
export function packResultColumns(columns: ResultColumns): PackedPeriod {
  const facets = new Facets();
  const subjects: SubjectRow[] = [];
  for (const { subjectKind, subjectIds, indicators } of columns.kinds) {
    const n = subjectIds.length;
    const m = indicators.length;
    if (n === 0 || m === 0) continue;
    const mine = indicators.map((c) => facets.of(c.indicator, c.indicatorVersion, c.paramsHash, c.evidence[0]));
    const ids = `[${mine.map((f) => f.row.facet).join(',')}]`;
    const numbers = packedNumbers(indicators, n);
    for (let i = 0; i < n; i++) {
      let own = '';
      for (let j = 0; j < m; j++) {
        const evidence = indicators[j].evidence[i];
        if (evidence !== mine[j].source) own = facets.ownEvidence(own, j, mine[j], evidence);
      }
      subjects.push({
        subject_kind: subjectKind, subject_id: subjectIds[i], facets: ids,
        numbers: numbers.subarray(i * m * BYTES_PER_RESULT, (i + 1) * m * BYTES_PER_RESULT), evidence: own ? `[${own}]` : null,
      });
    }
  }
  return { facets: facets.rows, subjects };
}

const LITTLE_ENDIAN = new Uint8Array(new Float64Array([1]).buffer)[7] === 0x3f;

/** Subject by subject, each indicator's value and score as little-endian doubles (NaN for null or non-finite). */
function packedNumbers(indicators: ResultColumns['kinds'][number]['indicators'], n: number): Buffer {
  const m = indicators.length;
  const doubles = new Float64Array(n * m * 2);
  for (let j = 0; j < m; j++) {
    const { values, scores } = indicators[j];
    for (let i = 0, at = j * 2; i < n; i++, at += m * 2) {
      doubles[at] = finiteOrNaN(values[i]);
      doubles[at + 1] = finiteOrNaN(scores[i]);
    }
  }
  const bytes = Buffer.from(doubles.buffer);
  if (!LITTLE_ENDIAN) bytes.swap64();
  return bytes;
}

/** A facet, with the evidence object its text was made from. */
interface Facet { row: FacetRow; source: unknown }

/** The facets of one period as rows are packed: one per (indicator, version, params hash). */
class Facets {
  readonly rows: FacetRow[] = [];
  readonly #byIndicator = new Map<string, Facet>();
  readonly #byKey = new Map<string, Facet>();
  readonly #texts = new Map<unknown, string>();

  /** A result's facet, created with the result's evidence when it is the first of its kind. */
  of(indicator: string, version: string, paramsHash: string, evidence: unknown): Facet {
    const usual = this.#byIndicator.get(indicator);
    if (usual !== undefined && usual.row.indicator_version === version && usual.row.params_hash === paramsHash) return usual;
    const key = `${indicator}\u0000${version}\u0000${paramsHash}`;
    let facet = this.#byKey.get(key);
    if (facet === undefined) {
      const row = { facet: this.rows.length, indicator, indicator_version: version, params_hash: paramsHash, evidence: this.text(evidence) };
      facet = { row, source: evidence };
      this.rows.push(row);
      this.#byKey.set(key, facet);
      if (usual === undefined) this.#byIndicator.set(indicator, facet);
    }
    return facet;
  }

  /** `own` (a subject's evidence entries so far) with the result at `position`, unless its evidence reads as its facet's. */
  ownEvidence(own: string, position: number, facet: Facet, evidence: unknown): string {
    const text = this.text(evidence);
    return text === facet.row.evidence ? own : `${own}${own ? ',' : ''}[${position},${text}]`;
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

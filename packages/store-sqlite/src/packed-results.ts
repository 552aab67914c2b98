import { kpError, type PeriodId, type Result, type SubjectKind } from '@kaoping/contract';

/*
 * How a period's results are kept (migration 006): one row per subject whose `results` column is a
 * JSON array of `[facet, value, score]` entries, and one facet row per distinct (indicator, version,
 * params hash, evidence) of the period. Every subject of a close shares its indicators' facets, so a
 * province close writes 32 k short rows instead of 309 k rows that each repeat the same evidence.
 */

/** A facet as stored: what many results of one indicator in one period have in common. */
export interface FacetRow { facet: number; indicator: string; indicator_version: string; params_hash: string; evidence: string }

/** A subject's packed results as stored. */
export interface SubjectRow { subject_kind: SubjectKind; subject_id: string; results: string }

/** One packed entry: facet, value, score and, when it differs from the facet's, the row's own evidence. */
type Entry = [number, number | null, number | null] | [number, number | null, number | null, Record<string, unknown>];

export interface PackedPeriod {
  facets: FacetRow[];
  subjects: SubjectRow[];
}

/** JSON for a number as JSON.stringify writes it (a non-finite number is null there too). */
function numberText(x: number | null): string {
  return x === null || !Number.isFinite(x) ? 'null' : String(x);
}

/**
 * Packs a period's rows. The first evidence seen for an (indicator, version, params hash) becomes
 * its facet's; a row with other evidence carries its own. Each evidence object is serialised once,
 * since a close hands the same object to every subject it applies to.
 */
export function packResults(rows: readonly Result[]): PackedPeriod {
  const facets = new Facets();
  const subjects: SubjectRow[] = [];
  const entriesOf = new Map<string, string[]>();
  let last: { kind: SubjectKind; id: string; entries: string[] } | undefined;
  for (const r of rows) {
    // A close hands over each subject's rows one after the other: only a change of subject needs a lookup.
    if (last === undefined || last.id !== r.subjectId || last.kind !== r.subjectKind) {
      const key = `${r.subjectKind}\u0000${r.subjectId}`;
      let entries = entriesOf.get(key);
      if (entries === undefined) {
        entriesOf.set(key, (entries = []));
        subjects.push({ subject_kind: r.subjectKind, subject_id: r.subjectId, results: '' });
      }
      last = { kind: r.subjectKind, id: r.subjectId, entries };
    }
    const facet = facets.of(r);
    const own = r.evidence === facet.source ? '' : facets.ownEvidence(facet, r.evidence);
    last.entries.push(`[${facet.row.facet},${numberText(r.value)},${numberText(r.score)}${own}]`);
  }
  for (const s of subjects) s.results = `[${entriesOf.get(`${s.subject_kind}\u0000${s.subject_id}`)!.join(',')}]`;
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
      const row = { facet: this.rows.length, indicator: r.indicator, indicator_version: r.indicatorVersion, params_hash: r.paramsHash, evidence: this.#text(r.evidence) };
      facet = { row, source: r.evidence };
      this.rows.push(row);
      this.#byKey.set(key, facet);
      if (usual === undefined) this.#byIndicator.set(r.indicator, facet);
    }
    return facet;
  }

  /** `,<evidence>` when a row's evidence differs from its facet's, else nothing. */
  ownEvidence(facet: { row: FacetRow }, evidence: unknown): string {
    const text = this.#text(evidence);
    return text === facet.row.evidence ? '' : `,${text}`;
  }

  /** Each evidence object is serialised once: a close shares one among every subject it applies to. */
  #text(evidence: unknown): string {
    let text = this.#texts.get(evidence);
    if (text === undefined) this.#texts.set(evidence, (text = JSON.stringify(evidence)));
    return text;
  }
}

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
    mine.length = 0;
    for (const [id, value, score, own] of JSON.parse(s.results) as Entry[]) {
      const f = facets.get(id);
      if (f === undefined) {
        throw kpError('KP_ERR_STORE', `reading results of ${period}/${s.subject_kind}/${s.subject_id}: they name facet ${id}, which period ${period} does not have; the results tables were changed outside Kaoping, close the period again`);
      }
      if (indicator !== undefined && f.indicator !== indicator) continue;
      mine.push({
        subjectKind: s.subject_kind, subjectId: s.subject_id, indicator: f.indicator, indicatorVersion: f.indicator_version,
        paramsHash: f.params_hash, period, value, score, evidence: own ?? (f.parsed ??= JSON.parse(f.evidence) as Record<string, unknown>),
      });
    }
    mine.sort((a, b) => (a.indicator < b.indicator ? -1 : a.indicator > b.indicator ? 1 : 0));
    for (const r of mine) out.push(r);
  }
  return out;
}

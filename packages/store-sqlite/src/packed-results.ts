import { kpError, resultDouble, resultDoubles, resultNumber, resultsBySubject, type PeriodId, type Result, type ResultColumns, type SubjectKind } from '@kaoping/contract';

/*
 * How a period's results are kept (migration 006): one facet row per distinct (indicator, version,
 * params hash) of the period, holding the evidence most of its rows share, and one row per subject:
 * the facet of each of its results (`facets`, a JSON array), their values and scores as little-endian
 * doubles (`numbers`: value, score, value, score, …; NaN for null), and the evidence of the results
 * whose evidence differs from their facet's (`evidence`: JSON `[[position, evidence], …]`, or NULL).
 * An entry `[position, members, 1]` is the facet's evidence with `members` added after its own, e.g.
 * a percentile's rank among its peers beside the indicator's scale and params. A province close so
 * writes 31 k short rows instead of 309 k rows that each repeated their evidence, and no number is
 * ever printed as decimal text. Since migration 013 the subjects' rows are kept in chunks of subjects
 * (result-chunks.ts): 31 table rows.
 */

/** A facet as stored: what many results of one indicator in one period have in common. */
export interface FacetRow { facet: number; indicator: string; indicator_version: string; params_hash: string; evidence: string }

/** A subject's packed results as stored. */
export interface SubjectRow { subject_kind: SubjectKind; subject_id: string; facets: string; numbers: Buffer; evidence: string | null }

/** A subject's packed results as read: its row's text, or what a chunk of subjects gave (result-chunks.ts), parsed already. */
export interface PackedSubject {
  subject_kind: SubjectKind;
  subject_id: string;
  facets: string | readonly number[];
  numbers: Buffer;
  evidence: string | readonly OwnEntry[] | null;
}

export interface PackedPeriod {
  facets: FacetRow[];
  subjects: SubjectRow[];
}

const BYTES_PER_RESULT = 16;

/** Packs a period's rows; the evidence most rows of an (indicator, version, params hash) share becomes its facet's. */
export function packResults(rows: readonly Result[]): PackedPeriod {
  const facets = new Facets();
  for (const r of rows) facets.of(r.indicator, r.indicatorVersion, r.paramsHash).count(r.evidence, 1);
  facets.settle();
  const numbers = Buffer.allocUnsafe(rows.length * BYTES_PER_RESULT);
  const subjects: SubjectRow[] = [];
  let at = 0;
  for (const group of resultsBySubject(rows)) {
    const start = at;
    const ids: number[] = [];
    const own: string[] = [];
    for (let i = 0; i < group.length; i++) {
      const r = group[i];
      const facet = facets.of(r.indicator, r.indicatorVersion, r.paramsHash);
      ids.push(facet.row.facet);
      numbers.writeDoubleLE(resultDouble(r.value), at);
      numbers.writeDoubleLE(resultDouble(r.score), at + 8);
      at += BYTES_PER_RESULT;
      if (r.evidence !== facet.source) facets.ownEntry(own, i, facet, r.evidence, own.length === 0);
    }
    subjects.push({
      subject_kind: group[0].subjectKind, subject_id: group[0].subjectId, facets: `[${ids.join(',')}]`,
      numbers: numbers.subarray(start, at), evidence: own.length > 0 ? `[${own.join('')}]` : null,
    });
  }
  return { facets: facets.rows, subjects };
}

/**
 * The subjects of one kind of a close's columns as they pack, read subject by subject (result-chunks.ts
 * writes them a chunk at a time), without an object or a string per subject kept for all of them.
 */
export interface PackedKind {
  subjectKind: SubjectKind;
  subjectIds: readonly string[];
  /** The facet list every subject of the kind has, as JSON. */
  facets: string;
  /** Every subject's numbers one after the other, in the order of `subjectIds`. */
  numbers: Buffer;
  /** Bytes of numbers per subject. */
  width: number;
  /** Pushes the subject's own evidence entries (`[position, evidence]`, comma-separated) onto `out`, in parts. */
  ownEntries(subject: number, out: string[]): void;
}

/** A close's columns packed: the period's facets and its kinds with subjects. */
export interface PackedColumns {
  facets: FacetRow[];
  kinds: PackedKind[];
}

/**
 * Packs columns as `packResults(resultRowsOf(columns))` would, without their rows: the subjects of a
 * kind share one facet list, and their numbers are laid out in one buffer as the columns are read.
 */
export function packColumns(columns: ResultColumns): PackedColumns {
  const facets = new Facets();
  const kinds = columns.kinds.filter((k) => k.subjectIds.length > 0 && k.indicators.length > 0);
  const mine = kinds.map((k) => k.indicators.map((c) => {
    const facet = facets.of(c.indicator, c.indicatorVersion, c.paramsHash);
    // Runs of one object (subjects of a kind mostly share their evidence) are counted at once.
    for (let i = 0, j = 1; i < c.evidence.length; i = j++) {
      while (j < c.evidence.length && c.evidence[j] === c.evidence[i]) j++;
      facet.count(c.evidence[i], j - i);
    }
    return facet;
  }));
  facets.settle();
  return {
    facets: facets.rows,
    kinds: kinds.map(({ subjectKind, subjectIds, indicators }, k) => ({
      subjectKind, subjectIds, facets: `[${mine[k].map((f) => f.row.facet).join(',')}]`,
      numbers: resultDoubles(indicators, subjectIds.length), width: indicators.length * BYTES_PER_RESULT,
      ownEntries: (i: number, out: string[]) => {
        let first = true;
        for (let j = 0; j < indicators.length; j++) {
          const evidence = indicators[j].evidence[i];
          if (evidence !== mine[k][j].source && facets.ownEntry(out, j, mine[k][j], evidence, first)) first = false;
        }
      },
    })),
  };
}

/** `packColumns` as a row per subject, as `packResults` gives them. */
export function packResultColumns(columns: ResultColumns): PackedPeriod {
  const { facets, kinds } = packColumns(columns);
  const subjects: SubjectRow[] = [];
  for (const kind of kinds) {
    kind.subjectIds.forEach((subjectId, i) => {
      const own: string[] = [];
      kind.ownEntries(i, own);
      subjects.push({
        subject_kind: kind.subjectKind, subject_id: subjectId, facets: kind.facets,
        numbers: kind.numbers.subarray(i * kind.width, (i + 1) * kind.width), evidence: own.length > 0 ? `[${own.join('')}]` : null,
      });
    });
  }
  return { facets, subjects };
}

/**
 * A facet while a period is packed: its results' evidence is counted first, then the object most of
 * them share becomes its evidence (`source`), the first seen among equals, so rows and columns of one
 * close choose the same.
 */
class Facet {
  source: unknown = undefined;
  /** The own keys of `source` when it is a plain object: evidence that adds members after them is stored as those members. */
  sourceKeys: string[] | undefined;
  readonly #counts = new Map<unknown, number>();

  constructor(readonly row: FacetRow) {}

  count(evidence: unknown, times: number): void {
    this.#counts.set(evidence, (this.#counts.get(evidence) ?? 0) + times);
  }

  /** Own evidence entries of objects several results share (a member-only indicator's "does not apply"), each made once. */
  readonly entries = new Map<unknown, string>();

  /** The evidence most results share; its text is the facet's. */
  settle(text: (evidence: unknown) => string): void {
    let most = 0;
    for (const [evidence, n] of this.#counts) {
      if (n > most) [this.source, most] = [evidence, n];
      // Marked to be remembered once made; an object of one result (a percentile's rank) is not kept.
      if (n > 1) this.entries.set(evidence, '');
    }
    this.#counts.clear();
    this.row.evidence = text(this.source);
    this.sourceKeys = isPlainObject(this.source) ? Object.keys(this.source) : undefined;
  }

  /**
   * The members `evidence` adds after the facet's, when it has all of the facet's own members first,
   * in order and the same (a percentile's rank: the scale and params, then the peers and the rank),
   * pushed onto `out` in parts as the JSON of an object of them; `text` gives an object member's JSON
   * (a peer group many share). False, with nothing pushed, when evidence is not the facet's with members added.
   */
  addedJson(evidence: unknown, out: string[], text: (member: object) => string, quoted: (key: string) => string): boolean {
    const base = this.sourceKeys;
    if (base === undefined || !isPlainObject(evidence)) return false;
    const source = this.source as Record<string, unknown>;
    const start = out.length;
    // Members walked with for…in (own ones only, a plain object's), not Object.keys: no array per result.
    // The facet's members come first, so nothing is pushed before evidence proves to extend them.
    let k = 0;
    for (const key in evidence) {
      if (k < base.length) {
        if (key !== base[k] || evidence[key] !== source[key]) return false;
      } else {
        // What JSON.stringify of an object of the added members writes, without making the object.
        const v = evidence[key];
        const member: string | undefined = typeof v === 'object' && v !== null ? text(v) : primitiveJson(v);
        if (member !== undefined) out.push(out.length > start ? ',' : '{', quoted(key), ':', member);
      }
      k++;
    }
    if (k <= base.length) return false;
    out.push(out.length > start ? '}' : '{}');
    return true;
  }
}

/**
 * What JSON.stringify writes for a member that is not an object; a number's text made directly, as
 * JSON.stringify's own would be (a percentile's rank is three numbers per person, and each call of
 * JSON.stringify sets up a writer of its own).
 */
function primitiveJson(v: unknown): string | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : 'null';
  return JSON.stringify(v);
}

function isPlainObject(x: unknown): x is Record<string, unknown> {
  if (typeof x !== 'object' || x === null || Array.isArray(x) || typeof (x as { toJSON?: unknown }).toJSON === 'function') return false;
  const proto = Object.getPrototypeOf(x) as unknown;
  return proto === Object.prototype || proto === null;
}

/** The entry of evidence that reads as its facet's: nothing to store. */
const SAME = '=';

/** The facets of one period as rows are packed: one per (indicator, version, params hash). */
class Facets {
  readonly rows: FacetRow[] = [];
  readonly #byIndicator = new Map<string, Facet>();
  readonly #byKey = new Map<string, Facet>();
  readonly #texts = new Map<unknown, string>();

  /** The facet of (indicator, version, params hash), numbered in the order first seen. */
  of(indicator: string, version: string, paramsHash: string): Facet {
    const usual = this.#byIndicator.get(indicator);
    if (usual !== undefined && usual.row.indicator_version === version && usual.row.params_hash === paramsHash) return usual;
    const key = `${indicator}\u0000${version}\u0000${paramsHash}`;
    let facet = this.#byKey.get(key);
    if (facet === undefined) {
      facet = new Facet({ facet: this.rows.length, indicator, indicator_version: version, params_hash: paramsHash, evidence: '' });
      this.rows.push(facet.row);
      this.#byKey.set(key, facet);
      if (usual === undefined) this.#byIndicator.set(indicator, facet);
    }
    return facet;
  }

  /** Chooses each facet's evidence once every result was counted. */
  settle(): void {
    for (const facet of this.#byKey.values()) facet.settle((evidence) => this.text(evidence));
  }

  /**
   * Pushes the entry of the result at `position` onto `out` in parts (`[position, evidence]`, after a
   * comma unless `first`), unless its evidence reads as its facet's: false then, nothing pushed.
   */
  ownEntry(out: string[], position: number, facet: Facet, evidence: unknown, first: boolean): boolean {
    let entry = facet.entries.get(evidence);
    if (entry === '') {
      const parts: string[] = [];
      facet.entries.set(evidence, (entry = this.#entry(parts, facet, evidence) ? parts.join('') : SAME));
    }
    if (entry === SAME) return false;
    const start = out.length;
    out.push(first ? `[${position},` : `,[${position},`);
    // An object of one result (a percentile's rank) is written in parts where it goes, not remembered.
    if (entry !== undefined) out.push(entry);
    else if (!this.#entry(out, facet, evidence)) {
      out.length = start;
      return false;
    }
    out.push(']');
    return true;
  }

  /** Pushes a result's own evidence onto `out` (its members added to the facet's, or all of it); false when it reads as its facet's. */
  #entry(out: string[], facet: Facet, evidence: unknown): boolean {
    const start = out.length;
    if (facet.addedJson(evidence, out, this.#text, this.#quoted)) {
      // Only undefined members added: the facet's evidence as it reads back.
      if (out[out.length - 1] === '{}') {
        out.length = start;
        return false;
      }
      out.push(',1');
      return true;
    }
    const text = this.text(evidence);
    if (text === facet.row.evidence) return false;
    out.push(text);
    return true;
  }

  readonly #text = (member: object): string => this.text(member);

  readonly #keys = new Map<string, string>();
  /** A member's name as JSON: evidence has a few names, each quoted once. */
  readonly #quoted = (key: string): string => {
    let text = this.#keys.get(key);
    if (text === undefined) this.#keys.set(key, (text = JSON.stringify(key)));
    return text;
  };

  /** Evidence as JSON, each object serialised once: a close shares one among every subject it applies to. */
  text(evidence: unknown): string {
    let text = this.#texts.get(evidence);
    if (text === undefined) this.#texts.set(evidence, (text = JSON.stringify(evidence)));
    return text;
  }
}

/** A value is a finite number or null (contract); stored as NaN, it reads back as null. */

/**
 * Unpacks subjects' rows into results ordered by indicator within each subject, keeping only
 * `indicator` when given. Rows that share a facet share its parsed evidence object: read-only.
 */
export function unpackResults(period: PeriodId, facetRows: readonly FacetRow[], subjects: readonly PackedSubject[], indicator?: string): Result[] {
  const facets = new Map<number, FacetRow & { parsed?: Record<string, unknown> }>();
  for (const f of facetRows) facets.set(f.facet, f);
  const out: Result[] = [];
  const mine: Result[] = [];
  for (const s of subjects) {
    const ids = (typeof s.facets === 'string' ? JSON.parse(s.facets) : s.facets) as readonly number[];
    const entries = (typeof s.evidence === 'string' ? JSON.parse(s.evidence) : s.evidence) as readonly OwnEntry[] | null;
    const own = entries === null ? undefined : new Map(entries.map((e) => [e[0], e]));
    if (s.numbers.length !== ids.length * BYTES_PER_RESULT) throw damaged(period, s, `${ids.length} facets but ${s.numbers.length} bytes of numbers`);
    mine.length = 0;
    for (let i = 0; i < ids.length; i++) {
      const f = facets.get(ids[i]);
      if (f === undefined) throw damaged(period, s, `facet ${ids[i]}, which period ${period} does not have`);
      if (indicator !== undefined && f.indicator !== indicator) continue;
      mine.push({
        subjectKind: s.subject_kind, subjectId: s.subject_id, indicator: f.indicator, indicatorVersion: f.indicator_version,
        paramsHash: f.params_hash, period,
        value: resultNumber(s.numbers.readDoubleLE(i * BYTES_PER_RESULT)), score: resultNumber(s.numbers.readDoubleLE(i * BYTES_PER_RESULT + 8)),
        evidence: evidenceOf(own?.get(i), f),
      });
    }
    mine.sort((a, b) => (a.indicator < b.indicator ? -1 : a.indicator > b.indicator ? 1 : 0));
    for (const r of mine) out.push(r);
  }
  return out;
}

/** A subject's own evidence for one result: the whole object, or members added to the facet's (`[position, members, 1]`). */
export type OwnEntry = [number, Record<string, unknown>] | [number, Record<string, unknown>, 1];

function evidenceOf(own: OwnEntry | undefined, f: FacetRow & { parsed?: Record<string, unknown> }): Record<string, unknown> {
  if (own !== undefined && own.length === 2) return own[1];
  const shared = (f.parsed ??= JSON.parse(f.evidence) as Record<string, unknown>);
  return own === undefined ? shared : { ...shared, ...own[1] };
}

function damaged(period: PeriodId, s: PackedSubject, what: string) {
  return kpError('KP_ERR_STORE', `reading results of ${period}/${s.subject_kind}/${s.subject_id}: the row has ${what}; the results tables were changed outside Kaoping, close the period again`);
}

import * as crypto from 'node:crypto';
import { resultCountOf, resultDouble, resultsBySubject, type AuditEntry, type PeriodId, type Result, type ResultColumn, type ResultColumns, type ResultKindColumns, type Store } from '@kaoping/contract';
import { canonicalJson } from '../registry/params-hash.js';
import { hashedAhead } from './audit-hash-thread.js';

/**
 * The audit action that covers result rows: its data holds, per subject it covers, the hash of the
 * subject's rows (`subjects`). Entries written before results were hashed per subject hold one
 * hash per row (`rows`); verify still reads them.
 */
export const RESULTS_RECORDED = 'results.recorded';
/** Subjects per `results.recorded` entry: keeps each entry small while a close writes few entries. */
export const RESULT_SUBJECTS_PER_ENTRY = 5000;

export type AuditReport =
  | { ok: true; rows: number; results: number }
  | { ok: false; seq: number; reason: string };

export function auditEntry(at: number, actor: string, action: string, target: string, data: Record<string, unknown> = {}): AuditEntry {
  return { at, actor, action, target, data };
}

/** How a result row is named in the log and in verify's messages. */
export function resultKey(r: Pick<Result, 'period' | 'subjectKind' | 'subjectId' | 'indicator'>): string {
  return `${r.period}/${r.subjectKind}/${r.subjectId}/${r.indicator}`;
}

/** How a subject's results of one period are named in the log and in verify's messages. */
export function subjectKey(r: Pick<Result, 'period' | 'subjectKind' | 'subjectId'>): string {
  return `${r.period}/${r.subjectKind}/${r.subjectId}`;
}

/**
 * The canonical JSON of a result row's hashed content, given its evidence's canonical text: what
 * `canonicalJson` prints for the row's fields (keys in sorted order), without building an object
 * and sorting its keys for every row of a close.
 */
function resultContent(r: Result, evidence: string): string {
  return `{"evidence":${evidence},"indicator":${canonicalJson(r.indicator)},"indicatorVersion":${canonicalJson(r.indicatorVersion)}`
    + `,"paramsHash":${canonicalJson(r.paramsHash)},"period":${canonicalJson(r.period)},"score":${canonicalJson(r.score)}`
    + `,"subjectId":${canonicalJson(r.subjectId)},"subjectKind":${canonicalJson(r.subjectKind)},"value":${canonicalJson(r.value)}}`;
}

/** One-shot `crypto.hash` (Node ≥ 20.12) when there is one: a close hashes every subject's results, and it is a few times faster than createHash. */
const sha256Hex: (content: string | Uint8Array) => string = typeof crypto.hash === 'function'
  ? (content) => crypto.hash('sha256', content, 'hex')
  : (content) => crypto.createHash('sha256').update(content).digest('hex');

function digest(content: string | Uint8Array): string {
  return sha256Hex(content).slice(0, 32);
}

/**
 * `canonicalJson` of a value as JSON gives it back, which is how a store keeps evidence: members that
 * are undefined or functions dropped, non-finite numbers null, keys sorted at every level. `memo`
 * remembers each nested object's text: a close hands many rows the same params and peer groups.
 */
function storedCanonicalJson(value: unknown, memo?: Map<object, string>, nested = false): string {
  switch (typeof value) {
    case 'number': return Number.isFinite(value) ? String(value) : 'null';
    case 'string': return JSON.stringify(value);
    case 'boolean': return value ? 'true' : 'false';
    case 'object': break;
    default: return 'null';
  }
  if (value === null) return 'null';
  const known = memo?.get(value);
  if (known !== undefined) return known;
  let text: string;
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    text = storedCanonicalJson((value as { toJSON(): unknown }).toJSON(), memo, true);
  } else if (Array.isArray(value)) {
    text = `[${value.map((v) => storedCanonicalJson(v, memo, true)).join(',')}]`;
  } else {
    // Built as one string rather than parts joined: a close has a percentile's rank per person to write.
    text = '{';
    const { sorted, quoted } = sortedKeys(value as Record<string, unknown>);
    for (let k = 0; k < sorted.length; k++) {
      const v = (value as Record<string, unknown>)[sorted[k]];
      if (v === undefined || typeof v === 'function' || typeof v === 'symbol') continue;
      text += `${text.length > 1 ? ',' : ''}${quoted[k]}:${storedCanonicalJson(v, memo, true)}`;
    }
    text += '}';
  }
  // The outermost object is remembered by its caller, if at all (a percentile's rank is seen once).
  if (nested) memo?.set(value, text);
  return text;
}

/** An object's keys in sorted order, and each as JSON. */
interface SortedKeys { sorted: string[]; quoted: string[] }

/** The own keys of the last object, and them sorted: a close's percentile ranks (one object per person) all have the same keys. */
let lastKeys: string[] = [];
let lastSorted: SortedKeys = { sorted: [], quoted: [] };

/** An object's own keys in sorted order; an object with the keys of the last one in the same order is walked, not listed and sorted. */
function sortedKeys(value: Record<string, unknown>): SortedKeys {
  const proto = Object.getPrototypeOf(value) as unknown;
  if (proto === Object.prototype || proto === null) {
    // for…in walks a plain object's own keys, in Object.keys order, without making an array.
    let k = 0;
    let same = true;
    for (const key in value) {
      if (key !== lastKeys[k++]) {
        same = false;
        break;
      }
    }
    if (same && k === lastKeys.length) return lastSorted;
  }
  const keys = Object.keys(value);
  const sorted = [...keys].sort();
  [lastKeys, lastSorted] = [keys, { sorted, quoted: sorted.map((key) => JSON.stringify(key)) }];
  return lastSorted;
}

/** sha256 (128 bits, hex) of a result row's content as the store gives it back (how entries before per-subject hashes covered rows). */
export function resultHash(r: Result): string {
  return digest(resultContent(r, storedCanonicalJson(r.evidence)));
}

/** What a subject's hash writes for one indicator, kept from one subject to the next. */
interface IndicatorLine {
  version: string;
  paramsHash: string;
  /** A line's bytes before its evidence digest: a new line, then `"indicator","version","params hash",` as JSON strings. */
  head: Buffer;
  /** Whole lines as bytes by evidence object, for the few objects most subjects share (its scale and params). */
  lines: Map<unknown, Buffer>;
}

/** Evidence objects per indicator whose lines are kept as bytes; others (a percentile's rank, one per person) are written as text. */
const SHARED_LINES = 8;

/** No evidence seen yet, unlike any a column holds (undefined may be one). */
const NOT_SEEN = Symbol('not seen');

/**
 * How `subjectHash` writes rows, with what one close or verify shares remembered: each evidence
 * object's digest (a close hands one object to every subject it applies to) and each indicator's
 * line. Rows and columns are written by the same steps, so both give the same hashes.
 */
export class SubjectHasher {
  readonly #json = new Map<object, string>();
  readonly #evidence = new Map<unknown, string>();
  readonly #lines = new Map<string, IndicatorLine>();
  /** Reused for every subject: each is hashed before the next is written. */
  #bytes = Buffer.alloc(1 << 16);
  /** `#bytes` for writing doubles without a call into Buffer's methods. */
  #view = new DataView(this.#bytes.buffer, this.#bytes.byteOffset, this.#bytes.length);
  #at = 0;

  /**
   * sha256 (128 bits, hex) of one subject's rows of a period. The content is the subject as JSON
   * strings (period, kind, id), then one line per row in indicator order: indicator, version and
   * params hash as JSON strings and the digest of the evidence's canonical JSON as the store gives
   * it back; then each row's value and score as little-endian doubles (null and non-finite as NaN).
   * One hash per subject rather than per row keeps a province close's log entries to 31 k hashes
   * instead of 309 k, and verify still names the person or unit whose results changed. Sorts `rows`.
   */
  hash(rows: Result[]): string {
    rows.sort(byIndicator);
    const first = rows[0];
    this.#begin(subjectHead(first.period, first.subjectKind), first.subjectId);
    for (const r of rows) this.#line(this.#indicatorLine(r.indicator, r.indicatorVersion, r.paramsHash), r.evidence);
    for (const r of rows) this.#numbers(r.value, r.score);
    return this.#end();
  }

  /**
   * `hash` of each subject of one kind, from columns (`resultRowsOf(columns)` grouped by subject,
   * without the rows): `each(subjectId, hash)` in the order of the subjects, those from `from` to
   * before `to` only when given (a close hashed in parts, see `columnHashes`).
   */
  hashColumns(period: PeriodId, kind: ResultKindColumns, each: (subjectId: string, hash: string) => void, from = 0, to = kind.subjectIds.length): void {
    const { columns, head } = this.#laidOut(period, kind);
    // Each column's indicator line, and the line its last subject had when it was a shared one: the next
    // subject mostly has the same evidence object, and then the same line, without looking it up.
    const known = columns.map((c) => this.#indicatorLine(c.indicator, c.indicatorVersion, c.paramsHash));
    const lastEvidence = new Array<unknown>(columns.length).fill(NOT_SEEN);
    const lastLine = new Array<Buffer | undefined>(columns.length);
    for (let i = from; i < to; i++) {
      const subjectId = kind.subjectIds[i];
      this.#begin(head, subjectId);
      for (let j = 0; j < columns.length; j++) {
        const evidence = columns[j].evidence[i];
        if (evidence === lastEvidence[j]) this.#put(lastLine[j]!);
        else {
          const line = this.#line(known[j], evidence);
          lastEvidence[j] = line === undefined ? NOT_SEEN : evidence;
          lastLine[j] = line;
        }
      }
      for (const c of columns) this.#numbers(c.values[i], c.scores[i]);
      each(subjectId, this.#end());
    }
  }

  #kind: { kind: ResultKindColumns; columns: ResultColumn[]; head: string } | undefined;

  /** A kind's columns in indicator order, kept for its next part. */
  #laidOut(period: PeriodId, kind: ResultKindColumns): { columns: ResultColumn[]; head: string } {
    if (this.#kind?.kind !== kind) this.#kind = { kind, columns: [...kind.indicators].sort(byIndicator), head: subjectHead(period, kind.subjectKind) };
    return this.#kind;
  }

  /** What lines of an indicator share, made again when its version or params hash is not the last one's. */
  #indicatorLine(indicator: string, version: string, paramsHash: string): IndicatorLine {
    let known = this.#lines.get(indicator);
    if (known === undefined || known.version !== version || known.paramsHash !== paramsHash) {
      const head = Buffer.from(`\n${JSON.stringify(indicator)},${JSON.stringify(version)},${JSON.stringify(paramsHash)},`, 'utf8');
      this.#lines.set(indicator, (known = { version, paramsHash, head, lines: new Map() }));
    }
    return known;
  }

  #begin(head: string, subjectId: string): void {
    this.#at = 0;
    this.#write(head);
    this.#write(JSON.stringify(subjectId));
  }

  /** Writes a row's line; gives back its bytes when they are a shared line (kept for evidence many share), not written as text. */
  #line(known: IndicatorLine, evidence: unknown): Buffer | undefined {
    let line = known.lines.get(evidence);
    if (line === undefined && known.lines.size < SHARED_LINES && this.#shared(evidence)) {
      known.lines.set(evidence, (line = Buffer.concat([known.head, Buffer.from(this.#evidenceDigest(evidence), 'latin1')])));
    }
    if (line === undefined) {
      this.#put(known.head);
      this.#write(this.#evidenceDigest(evidence));
      return undefined;
    }
    this.#put(line);
    return line;
  }

  #put(bytes: Buffer): void {
    this.#room(bytes.length);
    this.#bytes.set(bytes, this.#at);
    this.#at += bytes.length;
  }

  /** Whether evidence is seen a second time: then most likely by many subjects. */
  #shared(evidence: unknown): boolean {
    return this.#evidence.has(evidence);
  }

  #numbers(value: number | null, score: number | null): void {
    this.#room(16);
    this.#view.setFloat64(this.#at, resultDouble(value), true);
    this.#view.setFloat64(this.#at + 8, resultDouble(score), true);
    this.#at += 16;
  }

  /** Text as UTF-8; ASCII (ids, digests, the usual JSON) copied a character at a time, cheaper than a call into Buffer's write for a few bytes. */
  #write(text: string): void {
    this.#room(text.length * 3);
    const bytes = this.#bytes;
    let at = this.#at;
    for (let k = 0; k < text.length; k++) {
      const c = text.charCodeAt(k);
      if (c >= 0x80) {
        this.#at += bytes.write(text, this.#at, 'utf8');
        return;
      }
      bytes[at++] = c;
    }
    this.#at = at;
  }

  #room(bytes: number): void {
    if (this.#at + bytes <= this.#bytes.length) return;
    const grown = Buffer.alloc(2 * (this.#at + bytes));
    this.#bytes.copy(grown, 0, 0, this.#at);
    this.#bytes = grown;
    this.#view = new DataView(grown.buffer, grown.byteOffset, grown.length);
  }

  #end(): string {
    return digest(this.#bytes.subarray(0, this.#at));
  }

  #evidenceDigest(evidence: unknown): string {
    let d = this.#evidence.get(evidence);
    if (d === undefined) this.#evidence.set(evidence, (d = digest(storedCanonicalJson(evidence, this.#json))));
    return d;
  }
}

/** What a subject's content begins with, before its id: the period and kind as JSON strings. */
function subjectHead(period: PeriodId, kind: string): string {
  return `${JSON.stringify(period)},${JSON.stringify(kind)},`;
}

const byIndicator = (a: { indicator: string }, b: { indicator: string }): number => (a.indicator < b.indicator ? -1 : a.indicator > b.indicator ? 1 : 0);

/** `SubjectHasher.hash` on its own, leaving `rows` in their order. */
export function subjectHash(rows: readonly Result[]): string {
  return new SubjectHasher().hash([...rows]);
}

/** A close's results as columns rather than rows. */
export function isResultColumns(rows: readonly Result[] | ResultColumns): rows is ResultColumns {
  return !Array.isArray(rows);
}

/** Keys of what the log covers, each with its hash at the same index (two arrays, not an object per subject of a close). */
interface Hashed { keys: string[]; hashes: readonly string[] }

/** Each subject's key and hash, in the order of the rows (columns: subject by subject, as `resultRowsOf` lists them). */
function subjectHashes(rows: readonly Result[] | ResultColumns, hashes?: readonly string[]): Hashed {
  if (!isResultColumns(rows)) {
    const hasher = new SubjectHasher();
    const bySubject = resultsBySubject(rows);
    return { keys: bySubject.map((mine) => subjectKey(mine[0])), hashes: bySubject.map((mine) => hasher.hash(mine)) };
  }
  const keys: string[] = [];
  const { period } = rows;
  for (const { subjectKind, subjectIds, indicators } of rows.kinds) {
    if (indicators.length === 0) continue;
    for (const subjectId of subjectIds) keys.push(subjectKey({ period, subjectKind, subjectId }));
  }
  return { keys, hashes: hashes ?? columnHashes(rows) };
}

/**
 * Each subject's hash of a close's columns, kind by kind (kinds without indicators have no rows),
 * subject by subject; those from the `from`th to before the `to`th in that order when given, so that
 * two threads can share a close (audit-hash-thread.ts) with a `hasher` each.
 */
export function columnHashes(columns: ResultColumns, from = 0, to = Number.POSITIVE_INFINITY, hasher = new SubjectHasher()): string[] {
  const out: string[] = [];
  let start = 0;
  for (const kind of columns.kinds) {
    if (kind.indicators.length === 0) continue;
    const n = kind.subjectIds.length;
    const mine = [Math.max(from - start, 0), Math.min(to - start, n)];
    if (mine[0] < mine[1]) hasher.hashColumns(columns.period, kind, (_, hash) => out.push(hash), mine[0], mine[1]);
    start += n;
  }
  return out;
}

/** How many result rows `rows` stands for. */
function rowCount(rows: readonly Result[] | ResultColumns): number {
  return isResultColumns(rows) ? resultCountOf(rows) : rows.length;
}

/**
 * Records the results of a period in the audit log, `RESULT_SUBJECTS_PER_ENTRY` subject hashes per
 * entry. The first entry of a period supersedes what earlier entries said about it: a re-close
 * replaces the period's results. `written`: the rows (or a close's columns) just written by
 * `putResults`, hashed as the store will give them back (storedCanonicalJson); without it the rows
 * are read back from the store.
 */
export async function auditResults(store: Store, period: PeriodId, actor: string, at: number, written?: readonly Result[] | ResultColumns): Promise<number> {
  const rows = written ?? await store.listResults({ period });
  // A close's columns may have been hashed on the audit thread while they were written (hashColumnsAhead).
  const hashed = isResultColumns(rows) ? await hashedAhead(rows) : undefined;
  const { keys, hashes } = subjectHashes(rows, hashed);
  const parts = Math.max(1, Math.ceil(keys.length / RESULT_SUBJECTS_PER_ENTRY));
  const entries: AuditEntry[] = [];
  for (let part = 0; part < parts; part++) {
    const covered: Record<string, string> = {};
    const end = Math.min(keys.length, (part + 1) * RESULT_SUBJECTS_PER_ENTRY);
    for (let i = part * RESULT_SUBJECTS_PER_ENTRY; i < end; i++) covered[keys[i]] = hashes[i];
    entries.push(auditEntry(at, actor, RESULTS_RECORDED, `results/${period}`, { period, part, parts, subjects: covered }));
  }
  await store.appendAudit(entries);
  return rowCount(rows);
}

interface Covered { seq: number; hash: string }
interface Broken { seq: number; key: string; reason: string }
/** What the latest record of a period covers: hashes by subject, or by row in entries written before. */
interface PeriodCoverage { perSubject: boolean; covered: Map<string, Covered>; lastSeq: number }

/** Result rows the log covers, by period, as the latest entries about each period say. */
async function coverage(store: Store, pageSize: number): Promise<Map<PeriodId, PeriodCoverage>> {
  const byPeriod = new Map<PeriodId, PeriodCoverage>();
  let after = 0;
  for (;;) {
    const page = await store.listAudit({ afterSeq: after, limit: pageSize });
    for (const e of page) {
      after = e.seq ?? after;
      if (e.action !== RESULTS_RECORDED) continue;
      const period = String(e.data.period);
      const perSubject = e.data.subjects !== undefined;
      let c = byPeriod.get(period);
      if (e.data.part === 0 || c === undefined) byPeriod.set(period, (c = { perSubject, covered: new Map(), lastSeq: after }));
      const hashes = ((perSubject ? e.data.subjects : e.data.rows) ?? {}) as Record<string, string>;
      for (const [key, hash] of Object.entries(hashes)) c.covered.set(key, { seq: after, hash });
      c.lastSeq = after;
    }
    if (page.length < pageSize) return byPeriod;
  }
}

/** What verify compares for one period: each subject's rows, or each row as entries before per-subject hashes did. */
function hashedUnits(rows: readonly Result[], perSubject: boolean): Hashed {
  if (!perSubject) return { keys: rows.map(resultKey), hashes: rows.map(resultHash) };
  return subjectHashes(rows);
}

/** Verify's sentences about what was covered: one row, or a subject's rows. */
function wording(perSubject: boolean) {
  return perSubject
    ? {
      added: (key: string, seq: number, period: PeriodId) => `the results of ${key} are not in audit row ${seq}, which records period ${period}: they were added outside Kaoping`,
      changed: (key: string, seq: number) => `audit row ${seq}: the results of ${key} no longer match the hash the log recorded; a row was changed outside Kaoping`,
      deleted: (key: string, seq: number) => `audit row ${seq}: the results of ${key} are missing from the results table; they were deleted outside Kaoping`,
    }
    : {
      added: (key: string, seq: number, period: PeriodId) => `result ${key} is not in audit row ${seq}, which records period ${period}: it was added outside Kaoping`,
      changed: (key: string, seq: number) => `audit row ${seq}: result ${key} no longer matches the hash the log recorded; the row was changed outside Kaoping`,
      deleted: (key: string, seq: number) => `audit row ${seq}: result ${key} is missing from the results table; it was deleted outside Kaoping`,
    };
}

/** Every covered row that no longer matches the log: edited, deleted, or added beside it. */
async function brokenResults(store: Store, pageSize: number): Promise<{ broken: Broken[]; checked: number }> {
  const broken: Broken[] = [];
  let checked = 0;
  for (const [period, { perSubject, covered, lastSeq }] of await coverage(store, pageSize)) {
    const say = wording(perSubject);
    const seen = new Set<string>();
    const rows = await store.listResults({ period });
    checked += rows.length;
    const { keys, hashes } = hashedUnits(rows, perSubject);
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i];
      const hash = hashes[i];
      seen.add(key);
      const c = covered.get(key);
      if (c === undefined) broken.push({ seq: lastSeq, key, reason: say.added(key, lastSeq, period) });
      else if (c.hash !== hash) broken.push({ seq: c.seq, key, reason: say.changed(key, c.seq) });
    }
    for (const [key, c] of covered) {
      if (!seen.has(key)) broken.push({ seq: c.seq, key, reason: say.deleted(key, c.seq) });
    }
  }
  broken.sort((a, b) => a.seq - b.seq || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return { broken, checked };
}

/**
 * Verifies the audit log: its hash chain (the store walks it), and that every result row the log
 * covers still hashes to what the log recorded. Names the first broken link, by audit seq.
 */
export async function verifyAudit(store: Store, pageSize = 1000): Promise<AuditReport> {
  const chain = await store.verifyAuditChain();
  const { broken, checked } = await brokenResults(store, pageSize);
  const first = broken[0];
  if (!chain.ok && (first === undefined || chain.seq <= first.seq)) return chain;
  if (first !== undefined) return { ok: false, seq: first.seq, reason: first.reason };
  return { ok: true, rows: chain.ok ? chain.rows : 0, results: checked };
}

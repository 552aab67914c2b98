import * as crypto from 'node:crypto';
import type { AuditEntry, PeriodId, Result, Store } from '@kaoping/contract';
import { canonicalJson } from '../registry/params-hash.js';

/** The audit action that covers result rows: its data holds the hash of each row it covers. */
export const RESULTS_RECORDED = 'results.recorded';
/** Rows per `results.recorded` entry: keeps each entry small while a close writes few entries. */
export const RESULT_ROWS_PER_ENTRY = 5000;

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

/** One-shot `crypto.hash` (Node ≥ 20.12) when there is one: a close hashes every result row, and it is a few times faster than createHash. */
const sha256Hex: (content: string) => string = typeof crypto.hash === 'function'
  ? (content) => crypto.hash('sha256', content, 'hex')
  : (content) => crypto.createHash('sha256').update(content).digest('hex');

function digest(content: string): string {
  return sha256Hex(content).slice(0, 32);
}

/** sha256 (128 bits, hex) of a result row's content as the store gives it back. */
export function resultHash(r: Result): string {
  return digest(resultContent(r, canonicalJson(r.evidence)));
}

/**
 * Hashes rows about to be stored as `resultHash` will hash them once read back: the store keeps
 * evidence as JSON, so it is hashed as JSON gives it back (undefined members dropped, non-finite
 * numbers null). A close shares one evidence object among many rows: each is serialised once.
 */
function storedResultHasher(): (r: Result) => string {
  const texts = new Map<unknown, string>();
  return (r) => {
    let text = texts.get(r.evidence);
    if (text === undefined) {
      text = canonicalJson(JSON.parse(JSON.stringify(r.evidence ?? null)));
      texts.set(r.evidence, text);
    }
    return digest(resultContent(r, text));
  };
}

/**
 * Records the results of a period in the audit log, `RESULT_ROWS_PER_ENTRY` row hashes per entry.
 * The first entry of a period supersedes what earlier entries said about it: a re-close replaces
 * the period's results. `written`: the rows just written by `putResults`, hashed as the store will
 * give them back; without it the rows are read back from the store.
 */
export async function auditResults(store: Store, period: PeriodId, actor: string, at: number, written?: readonly Result[]): Promise<number> {
  const rows = written ?? await store.listResults({ period });
  const hash = written ? storedResultHasher() : resultHash;
  const parts = Math.max(1, Math.ceil(rows.length / RESULT_ROWS_PER_ENTRY));
  const entries: AuditEntry[] = [];
  for (let part = 0; part < parts; part++) {
    const covered: Record<string, string> = {};
    for (let i = part * RESULT_ROWS_PER_ENTRY; i < Math.min(rows.length, (part + 1) * RESULT_ROWS_PER_ENTRY); i++) {
      covered[resultKey(rows[i])] = hash(rows[i]);
    }
    entries.push(auditEntry(at, actor, RESULTS_RECORDED, `results/${period}`, { period, part, parts, rows: covered }));
  }
  await store.appendAudit(entries);
  return rows.length;
}

interface Covered { seq: number; hash: string }
interface Broken { seq: number; key: string; reason: string }

/** Result rows the log covers, by period, as the latest entries about each period say. */
async function coverage(store: Store, pageSize: number): Promise<{ byPeriod: Map<PeriodId, Map<string, Covered>>; lastSeq: Map<PeriodId, number> }> {
  const byPeriod = new Map<PeriodId, Map<string, Covered>>();
  const lastSeq = new Map<PeriodId, number>();
  let after = 0;
  for (;;) {
    const page = await store.listAudit({ afterSeq: after, limit: pageSize });
    for (const e of page) {
      after = e.seq ?? after;
      if (e.action !== RESULTS_RECORDED) continue;
      const period = String(e.data.period);
      if (e.data.part === 0 || !byPeriod.has(period)) byPeriod.set(period, new Map());
      const rows = (e.data.rows ?? {}) as Record<string, string>;
      const map = byPeriod.get(period)!;
      for (const [key, hash] of Object.entries(rows)) map.set(key, { seq: after, hash });
      lastSeq.set(period, after);
    }
    if (page.length < pageSize) return { byPeriod, lastSeq };
  }
}

/** Every covered row that no longer matches the log: edited, deleted, or added beside it. */
async function brokenResults(store: Store, pageSize: number): Promise<{ broken: Broken[]; checked: number }> {
  const { byPeriod, lastSeq } = await coverage(store, pageSize);
  const broken: Broken[] = [];
  let checked = 0;
  for (const [period, covered] of byPeriod) {
    const seen = new Set<string>();
    for (const row of await store.listResults({ period })) {
      const key = resultKey(row);
      seen.add(key);
      checked += 1;
      const c = covered.get(key);
      if (c === undefined) {
        broken.push({ seq: lastSeq.get(period)!, key, reason: `result ${key} is not in audit row ${lastSeq.get(period)}, which records period ${period}: it was added outside Kaoping` });
      } else if (c.hash !== resultHash(row)) {
        broken.push({ seq: c.seq, key, reason: `audit row ${c.seq}: result ${key} no longer matches the hash the log recorded; the row was changed outside Kaoping` });
      }
    }
    for (const [key, c] of covered) {
      if (!seen.has(key)) broken.push({ seq: c.seq, key, reason: `audit row ${c.seq}: result ${key} is missing from the results table; it was deleted outside Kaoping` });
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

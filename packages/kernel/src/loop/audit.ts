import { createHash } from 'node:crypto';
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

/** sha256 (128 bits, hex) of a result row's content as the store gives it back. */
export function resultHash(r: Result): string {
  const content = canonicalJson({
    period: r.period, subjectKind: r.subjectKind, subjectId: r.subjectId, indicator: r.indicator,
    indicatorVersion: r.indicatorVersion, paramsHash: r.paramsHash, value: r.value, score: r.score, evidence: r.evidence,
  });
  return createHash('sha256').update(content).digest('hex').slice(0, 32);
}

/**
 * Records the results of a period as they now stand in the store (read back, so the hash is of
 * exactly what verify will read). The first entry of a period supersedes what earlier entries
 * said about it: a re-close replaces the period's results.
 */
export async function auditResults(store: Store, period: PeriodId, actor: string, at: number): Promise<number> {
  const rows = await store.listResults({ period });
  const parts = Math.max(1, Math.ceil(rows.length / RESULT_ROWS_PER_ENTRY));
  const entries: AuditEntry[] = [];
  for (let part = 0; part < parts; part++) {
    const covered: Record<string, string> = {};
    for (const r of rows.slice(part * RESULT_ROWS_PER_ENTRY, (part + 1) * RESULT_ROWS_PER_ENTRY)) covered[resultKey(r)] = resultHash(r);
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

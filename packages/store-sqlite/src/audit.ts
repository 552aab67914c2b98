import { createHash } from 'node:crypto';
import type { AuditChainReport, AuditEntry, Store } from '@kaoping/contract';
import { canonicalJson } from './canonical-json.js';
import { limitClause, type Sql } from './sql.js';

/** The prevHash of the first row: there is nothing before it. */
export const GENESIS_HASH = '0'.repeat(64);

interface AuditRow { seq: number; at: number; actor: string; action: string; target: string; data: string; prev_hash: string; hash: string }

type HashedFields = { seq: number; at: number; actor: string; action: string; target: string };

/** sha256(prevHash + canonical JSON of the row's content), hex. Any store can chain with it. */
export function auditHash(prevHash: string, entry: HashedFields & { data: unknown }): string {
  return chainHash(prevHash, entry, canonicalJson(entry.data));
}

/**
 * `auditHash` with the data already in canonical text: the content is spliced in sorted key order,
 * exactly as `canonicalJson` of the whole row prints it, so a large entry (a close's result hashes)
 * is serialised once, not once for storing and again for hashing.
 */
function chainHash(prevHash: string, entry: HashedFields, dataText: string): string {
  const members: string[] = [];
  const add = (key: string, text: string): void => { members.push(`"${key}":${text}`); };
  for (const [key, value] of [['action', entry.action], ['actor', entry.actor], ['at', entry.at]] as const) {
    if (value !== undefined) add(key, canonicalJson(value));
  }
  add('data', dataText);
  for (const [key, value] of [['seq', entry.seq], ['target', entry.target]] as const) {
    if (value !== undefined) add(key, canonicalJson(value));
  }
  return createHash('sha256').update(prevHash).update(`{${members.join(',')}}`).digest('hex');
}

/** The audit log: append-only by convention, tamper-evident by its hash chain. */
export class AuditLog {
  readonly #sql: Sql;

  constructor(sql: Sql) {
    this.#sql = sql;
  }

  append(entries: readonly AuditEntry[]): void {
    const insert = this.#sql.stmt(
      'INSERT INTO audit_log (seq, at, actor, action, target, data, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    );
    this.#sql.atomic(() => {
      // Read the tail inside the transaction: another writer cannot slip a row in between.
      const tail = this.#sql.stmt('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as
        | { seq: number; hash: string }
        | undefined;
      let seq = tail?.seq ?? 0;
      let prevHash = tail?.hash ?? GENESIS_HASH;
      for (const e of entries) {
        seq += 1;
        // Store the data in canonical form so re-hashing the stored text gives the same digest.
        const data = canonicalJson(e.data ?? {});
        const hash = chainHash(prevHash, { seq, at: e.at, actor: e.actor, action: e.action, target: e.target }, data);
        insert.run(seq, e.at, e.actor, e.action, e.target, data, prevHash, hash);
        prevHash = hash;
      }
    });
  }

  list(query: { afterSeq?: number; limit?: number } = {}): AuditEntry[] {
    const params: unknown[] = [query.afterSeq ?? 0];
    const limit = limitClause(query.limit, params);
    const rows = this.#sql.stmt(
      `SELECT seq, at, actor, action, target, data, prev_hash, hash FROM audit_log WHERE seq > ? ORDER BY seq ${limit}`,
    ).all(...params) as AuditRow[];
    return rows.map((r) => ({
      seq: r.seq, at: r.at, actor: r.actor, action: r.action, target: r.target,
      data: JSON.parse(r.data) as Record<string, unknown>, prevHash: r.prev_hash, hash: r.hash,
    }));
  }
}

export type { AuditChainReport };

/**
 * Walks the whole audit log of any store and names the first row whose chain is broken: its
 * content no longer matches its hash (edited), or its prevHash is not the hash of the row before
 * (a row was removed, inserted or re-chained). Removing rows from the end cannot be seen from the
 * log alone; keep the last hash elsewhere if that matters.
 */
export async function verifyAuditChain(store: Pick<Store, 'listAudit'>, pageSize = 1000): Promise<AuditChainReport> {
  let prevHash = GENESIS_HASH;
  let prevSeq = 0;
  let rows = 0;
  for (;;) {
    const page = await store.listAudit({ afterSeq: prevSeq, limit: pageSize });
    for (const e of page) {
      const seq = e.seq ?? Number.NaN;
      if (e.prevHash !== prevHash) {
        return { ok: false, seq, reason: `audit row ${seq}: prev_hash does not match the hash of the row before it (row ${prevSeq}); a row was removed, inserted or re-chained` };
      }
      const expected = auditHash(prevHash, { seq, at: e.at, actor: e.actor, action: e.action, target: e.target, data: e.data });
      if (e.hash !== expected) {
        return { ok: false, seq, reason: `audit row ${seq}: hash does not match the row's content; the row was changed after it was written` };
      }
      prevHash = e.hash;
      prevSeq = seq;
      rows += 1;
    }
    if (page.length < pageSize) return { ok: true, rows };
  }
}

import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';

/** A digest of a table's rows in a fixed order: two stores hold the same rows iff digests match. */
export function tableDigest(dbFile: string, sql: string): { rows: number; sha256: string } {
  const db = new Database(dbFile, { readonly: true });
  try {
    const hash = createHash('sha256');
    let rows = 0;
    for (const row of db.prepare(sql).raw().iterate()) {
      hash.update(JSON.stringify(row));
      hash.update('\n');
      rows++;
    }
    return { rows, sha256: hash.digest('hex') };
  } finally {
    db.close();
  }
}

export const EVENTS_SQL = 'SELECT source, id, type, actor_id, unit_id, occurred_at, attrs FROM events ORDER BY source, id';
export const STATES_SQL = 'SELECT period, indicator, subject_kind, subject_id, state FROM states ORDER BY period, indicator, subject_kind, subject_id';

export function countRows(dbFile: string, table: string): number {
  const db = new Database(dbFile, { readonly: true, fileMustExist: true });
  try {
    return (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  } finally {
    db.close();
  }
}

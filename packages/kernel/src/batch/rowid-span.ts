import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import { kpError } from '@kaoping/contract';
import type Database from 'better-sqlite3';

const requireCjs = createRequire(import.meta.url);

/**
 * Each end in its own subquery: SQLite reads a lone min() or max() off one end of the table, but a
 * query asking for both scans every row (3 s of a province's 31 M events, while every worker waited).
 */
export const ROWID_SPAN_SQL = 'SELECT (SELECT min(rowid) FROM events) AS min, (SELECT max(rowid) FROM events) AS max';

/** The rowid span of the events table (nulls when empty); the store's own connection is not needed for two numbers. */
export function rowidSpan(dbPath: string): { min: number | null; max: number | null } {
  if (!existsSync(dbPath)) throw kpError('KP_ERR_STORE', `cannot open database ${dbPath}: no such file`);
  const Sqlite = requireCjs('better-sqlite3') as typeof Database;
  const db = new Sqlite(dbPath, { readonly: true, fileMustExist: true });
  try {
    return db.prepare(ROWID_SPAN_SQL).get() as { min: number | null; max: number | null };
  } finally {
    db.close();
  }
}

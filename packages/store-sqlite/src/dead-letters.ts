import type { DeadLetter, DeadLetterQuery } from '@kaoping/contract';
import { limitClause, whereEquals, type Sql } from './sql.js';

/**
 * Rejected records with their reason, kept in arrival order so nothing is silently lost; the same
 * line rejected again by a later import is kept once.
 */
export class DeadLetters {
  readonly #sql: Sql;

  constructor(sql: Sql) {
    this.#sql = sql;
  }

  add(rows: readonly DeadLetter[]): void {
    const stmt = this.#sql.stmt(
      'INSERT OR IGNORE INTO dead_letters (source, file, line, raw, code, reason, at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    this.#sql.atomic(() => {
      for (const d of rows) stmt.run(d.source, d.file, d.line, d.raw, d.code, d.reason, d.at);
    });
  }

  list(query: DeadLetterQuery = {}): DeadLetter[] {
    const { where, params } = whereEquals({ source: query.source, code: query.code });
    const limit = limitClause(query.limit, params);
    return this.#sql.stmt(
      `SELECT source, file, line, raw, code, reason, at FROM dead_letters ${where} ORDER BY seq ${limit}`,
    ).all(...params) as DeadLetter[];
  }

  count(query: DeadLetterQuery = {}): number {
    const { where, params } = whereEquals({ source: query.source, code: query.code });
    const n = this.#sql.stmt(`SELECT count(*) FROM dead_letters ${where}`, 'pluck').get(...params) as number;
    return query.limit === undefined ? n : Math.min(n, query.limit);
  }
}

import type { Sql } from './sql.js';

/** Meta key holding the CREATE INDEX statements dropped for a bulk load, until they are rebuilt. */
export const DEFERRED_INDEXES_KEY = 'deferred_event_indexes';

/**
 * A bulk load's secondary indexes on the event log. Events arrive grouped by person with times
 * spread over the year, so every time- or type-ordered index takes a random insert per event: each
 * batch dirties thousands of scattered pages, which the WAL then writes whole. Building those
 * indexes once, sorted, after the load is several times cheaper. The UNIQUE (source, id) index stays:
 * it is what makes appends idempotent.
 *
 * The dropped definitions are written to meta first, so a crash mid-load leaves a note that the next
 * open acts on (`restore`), and the statements are copied from sqlite_master, so later migrations
 * that change an index are honoured.
 */
export class DeferredIndexes {
  readonly #sql: Sql;

  constructor(sql: Sql) {
    this.#sql = sql;
  }

  get deferred(): boolean {
    return this.#pending() !== undefined;
  }

  drop(): void {
    this.#sql.atomic(() => {
      const indexes = this.#sql.db
        .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'events' AND sql IS NOT NULL ORDER BY name")
        .all() as { name: string; sql: string }[];
      const pending = [...(this.#pending() ?? []), ...indexes.map((i) => i.sql)];
      this.#sql.stmt('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value')
        .run(DEFERRED_INDEXES_KEY, JSON.stringify(pending));
      for (const i of indexes) this.#sql.db.exec(`DROP INDEX "${i.name.replaceAll('"', '""')}"`);
    });
  }

  /** Rebuilds whatever a bulk load dropped (also after a crash); returns how many indexes were built. */
  restore(): number {
    const pending = this.#pending();
    if (pending === undefined) return 0;
    this.#sql.atomic(() => {
      for (const create of pending) this.#sql.db.exec(create.replace(/^CREATE INDEX /i, 'CREATE INDEX IF NOT EXISTS '));
      this.#sql.stmt('DELETE FROM meta WHERE key = ?').run(DEFERRED_INDEXES_KEY);
    });
    return pending.length;
  }

  #pending(): string[] | undefined {
    const value = this.#sql.stmt('SELECT value FROM meta WHERE key = ?', 'pluck').get(DEFERRED_INDEXES_KEY) as string | undefined;
    return value === undefined ? undefined : (JSON.parse(value) as string[]);
  }
}

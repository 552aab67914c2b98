import type { Database, Statement } from 'better-sqlite3';

/** How long a `data_version` read is trusted. */
const DATA_VERSION_TTL_MS = 1;

/**
 * The one connection plus a cache of prepared statements. Preparing is the expensive part of
 * a query in better-sqlite3, so every repository asks for its SQL through `stmt()` and gets the
 * same compiled statement back on the next call.
 */
export class Sql {
  readonly db: Database;
  readonly #cache = new Map<string, Statement>();
  readonly #begin: Statement;
  readonly #commit: Statement;
  readonly #rollback: Statement;
  readonly #dataVersion: Statement;
  readonly #rolledBack: (() => void)[] = [];
  /** The last `data_version` read, and when (performance.now()). */
  #version = 0;
  #versionReadAt = -Infinity;

  constructor(db: Database) {
    this.db = db;
    this.#begin = db.prepare('BEGIN IMMEDIATE');
    this.#commit = db.prepare('COMMIT');
    this.#rollback = db.prepare('ROLLBACK');
    this.#dataVersion = db.prepare('PRAGMA data_version').pluck(true);
  }

  /**
   * SQLite's `data_version`: changes when another connection (another process) commits, never for
   * this connection's own commits. What a cache of stored rows compares to know it may be stale.
   * Read at most once a millisecond: outside a transaction the pragma opens a read transaction (file
   * locks), a few percent of a hook call's server thread when the token cache read it per request.
   * Another connection's commit is so seen within a millisecond.
   */
  dataVersion(): number {
    const now = performance.now();
    if (now - this.#versionReadAt >= DATA_VERSION_TTL_MS) {
      this.#version = this.#dataVersion.get() as number;
      this.#versionReadAt = now;
    }
    return this.#version;
  }

  /** Calls `listener` after every rollback: caches that follow this connection's writes must forget them. */
  onRollback(listener: () => void): void {
    this.#rolledBack.push(listener);
  }

  /**
   * The prepared statement for `sql`, returning rows as objects, or as arrays (`raw`), or just
   * the first column (`pluck`). The mode is part of the cache key: better-sqlite3's raw()/pluck()
   * switch a statement for every later caller, so callers never toggle a shared statement.
   */
  stmt(sql: string, mode: 'object' | 'raw' | 'pluck' = 'object'): Statement {
    const key = mode === 'object' ? sql : `${mode}\u0000${sql}`;
    let s = this.#cache.get(key);
    if (s === undefined) {
      s = this.db.prepare(sql);
      if (mode === 'raw') s.raw(true);
      else if (mode === 'pluck') s.pluck(true);
      this.#cache.set(key, s);
    }
    return s;
  }

  /**
   * Runs a synchronous unit of work atomically. Outside a transaction it opens one (IMMEDIATE, so
   * a concurrent writer waits on busy_timeout instead of failing at the first write); inside one it
   * joins it, as nested async transactions do: a throw reaches the code that opened the outer
   * transaction, which rolls all of it back. Not a SAVEPOINT: inside one, SQLite copies every page a
   * statement changes into a sub-journal first, which made a close's result writes seven times
   * slower (309 k rows: 18 s instead of 2.5 s) and held the copies in memory.
   */
  atomic<T>(fn: () => T): T {
    if (this.db.inTransaction) return fn();
    this.#begin.run();
    try {
      const result = fn();
      this.#commit.run();
      return result;
    } catch (e) {
      this.rollback();
      throw e;
    }
  }

  begin(): void {
    this.#begin.run();
  }

  commit(): void {
    this.#commit.run();
  }

  rollback(): void {
    if (this.db.inTransaction) this.#rollback.run();
    for (const listener of this.#rolledBack) listener();
  }
}

/** `WHERE a = ? AND b = ?` from the filters that are set; undefined filters are left out. */
export function whereEquals(filters: Record<string, unknown>): { where: string; params: unknown[] } {
  const clauses: string[] = [];
  const params: unknown[] = [];
  for (const [column, value] of Object.entries(filters)) {
    if (value === undefined) continue;
    clauses.push(`${column} = ?`);
    params.push(value);
  }
  return { where: clauses.length === 0 ? '' : `WHERE ${clauses.join(' AND ')}`, params };
}

/** `LIMIT ?` when a limit is given; SQLite needs a LIMIT before any OFFSET, we never use OFFSET. */
export function limitClause(limit: number | undefined, params: unknown[]): string {
  if (limit === undefined) return '';
  params.push(limit);
  return 'LIMIT ?';
}

/** JSON columns: null stays SQL NULL so `IS NULL` queries work. */
export function toJson(value: unknown): string | null {
  return value === undefined || value === null ? null : JSON.stringify(value);
}

export function fromJson<T>(text: string | null): T | null {
  return text === null ? null : (JSON.parse(text) as T);
}

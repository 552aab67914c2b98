import type { OpenRiskMatch, Risk } from '@kaoping/contract';
import type { Sql } from './sql.js';
import { TableVersion } from './table-version.js';

interface Entry { dedupKey: string; subject: string }

const subjectKey = (subjectId: string, period: string): string => `${subjectId}\u0000${period}`;

/**
 * Which risks are open, by dedup key and by (subject, period): their ids, read once and then kept
 * in step with this connection's risk writes, and the rows of those asked for since. After every
 * hook group the closed loop asks which of a few keys and subjects have open risks: the answer is
 * mostly "none", else the same few warnings again, and the index gives both without a query. It is
 * read again after another connection commits a change to risks (SQLite's `data_version` moved, and
 * the `risks.version` counter with it) and after a rollback, which may have undone writes it followed.
 */
export class OpenRiskIndex {
  readonly #sql: Sql;
  readonly #byId = new Map<string, Entry>();
  readonly #byDedup = new Map<string, Set<string>>();
  readonly #bySubject = new Map<string, Set<string>>();
  /** Rows of open risks read or written since the index was read (a province has tens of thousands open; few are asked for). */
  readonly #rows = new Map<string, Risk>();
  #loaded = false;
  /** Another connection's writes to risks (this connection's own too, seen again then once). */
  readonly #risks: TableVersion;
  /** How many times the open risks were read (tests). */
  reads = 0;

  constructor(sql: Sql) {
    this.#sql = sql;
    this.#risks = new TableVersion(sql, 'risks');
    sql.onRollback(() => { this.#loaded = false; });
  }

  /**
   * The open risks matching any key or (subject, period) of `match`, by raisedAt then id; `read`
   * gives the rows of the ids not yet kept. The rows are shared: read-only.
   */
  match(match: OpenRiskMatch, read: (ids: string[]) => Risk[]): Risk[] {
    this.#fresh();
    const ids = new Set<string>();
    for (const key of match.dedupKeys ?? []) for (const id of this.#byDedup.get(key) ?? []) ids.add(id);
    for (const s of match.subjects ?? []) for (const id of this.#bySubject.get(subjectKey(s.subjectId, s.period)) ?? []) ids.add(id);
    if (ids.size === 0) return [];
    const missing = [...ids].filter((id) => !this.#rows.has(id));
    if (missing.length > 0) for (const r of read(missing)) this.#rows.set(r.id, r);
    const out: Risk[] = [];
    for (const id of ids) {
      const r = this.#rows.get(id);
      if (r !== undefined) out.push(r);
    }
    return out.sort((a, b) => a.raisedAt - b.raisedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  /** Follows rows this connection just wrote (the caller's transaction may still roll them back: see onRollback). */
  written(rows: readonly Risk[]): void {
    if (!this.#loaded) return;
    for (const r of rows) {
      this.#remove(r.id);
      if (r.status === 'open') {
        this.#add(r.id, r.dedupKey, subjectKey(r.subject.id, r.period));
        this.#rows.set(r.id, r);
      }
    }
  }

  #fresh(): void {
    // Most other commits are the background writer's hook groups, which leave the risks as they were.
    const moved = this.#risks.moved();
    if (this.#loaded && !moved) return;
    this.#byId.clear();
    this.#byDedup.clear();
    this.#bySubject.clear();
    this.#rows.clear();
    const rows = this.#sql.stmt("SELECT id, dedup_key, subject_id, period FROM risks WHERE status = 'open'", 'raw').all() as [string, string, string, string][];
    for (const [id, dedupKey, subjectId, period] of rows) this.#add(id, dedupKey, subjectKey(subjectId, period));
    this.#loaded = true;
    this.reads++;
  }

  #add(id: string, dedupKey: string, subject: string): void {
    this.#byId.set(id, { dedupKey, subject });
    addTo(this.#byDedup, dedupKey, id);
    addTo(this.#bySubject, subject, id);
  }

  #remove(id: string): void {
    const e = this.#byId.get(id);
    if (e === undefined) return;
    this.#byId.delete(id);
    this.#rows.delete(id);
    removeFrom(this.#byDedup, e.dedupKey, id);
    removeFrom(this.#bySubject, e.subject, id);
  }
}

function addTo(map: Map<string, Set<string>>, key: string, id: string): void {
  const ids = map.get(key);
  if (ids === undefined) map.set(key, new Set([id]));
  else ids.add(id);
}

function removeFrom(map: Map<string, Set<string>>, key: string, id: string): void {
  const ids = map.get(key);
  if (ids === undefined) return;
  ids.delete(id);
  if (ids.size === 0) map.delete(key);
}

import type { OpenRiskMatch, Risk } from '@kaoping/contract';
import type { Sql } from './sql.js';

interface Entry { dedupKey: string; subject: string }

const subjectKey = (subjectId: string, period: string): string => `${subjectId}\u0000${period}`;

/**
 * Which risks are open, by dedup key and by (subject, period): ids only, read once and then kept
 * in step with this connection's risk writes. After every hook group the closed loop asks which of
 * a few keys and subjects have open risks, and the answer is nearly always "none"; the index answers
 * that without a query, and names the few rows to read otherwise. It is read again after another
 * connection commits (SQLite's `data_version`) and after a rollback, which may have undone writes it
 * followed.
 */
export class OpenRiskIndex {
  readonly #sql: Sql;
  readonly #byId = new Map<string, Entry>();
  readonly #byDedup = new Map<string, Set<string>>();
  readonly #bySubject = new Map<string, Set<string>>();
  #loaded = false;
  #dataVersion = -1;

  constructor(sql: Sql) {
    this.#sql = sql;
    sql.onRollback(() => { this.#loaded = false; });
  }

  /** The ids of the open risks matching any key or (subject, period) of `match`. */
  ids(match: OpenRiskMatch): string[] {
    this.#fresh();
    const out = new Set<string>();
    for (const key of match.dedupKeys ?? []) for (const id of this.#byDedup.get(key) ?? []) out.add(id);
    for (const s of match.subjects ?? []) for (const id of this.#bySubject.get(subjectKey(s.subjectId, s.period)) ?? []) out.add(id);
    return [...out];
  }

  /** Follows rows this connection just wrote (the caller's transaction may still roll them back: see onRollback). */
  written(rows: readonly Risk[]): void {
    if (!this.#loaded) return;
    for (const r of rows) {
      this.#remove(r.id);
      if (r.status === 'open') this.#add(r.id, r.dedupKey, subjectKey(r.subject.id, r.period));
    }
  }

  #fresh(): void {
    const version = this.#sql.dataVersion();
    if (this.#loaded && version === this.#dataVersion) return;
    this.#byId.clear();
    this.#byDedup.clear();
    this.#bySubject.clear();
    const rows = this.#sql.stmt("SELECT id, dedup_key, subject_id, period FROM risks WHERE status = 'open'", 'raw').all() as [string, string, string, string][];
    for (const [id, dedupKey, subjectId, period] of rows) this.#add(id, dedupKey, subjectKey(subjectId, period));
    this.#loaded = true;
    this.#dataVersion = version;
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

import Database from 'better-sqlite3';

/** How long one read transaction serves duplicate checks by default; as long as Sql.dataVersion is trusted. */
const SNAPSHOT_MS = 1;

/**
 * Duplicate checks (`EventLog.has`) on a read-only connection of their own, in a read transaction
 * kept for up to a millisecond. Outside a transaction every look-up on the serving connection began
 * and ended a read transaction of its own, whose file locks cost as much as the look-up itself (half
 * of a hook call's duplicate check). A snapshot that old still sees every event this process stored:
 * the store ends it whenever its own connection appends events and when the background writer has
 * committed a group (the hook's journal keeps a group's keys as pending until then). Another
 * process's events are so seen within a millisecond, as its token and risk changes are. The timer ends
 * an idle snapshot, so no read transaction is left open to hold back the WAL's checkpoints.
 */
export class EventKeySnapshot {
  readonly #db: Database.Database;
  readonly #begin: Database.Statement;
  readonly #end: Database.Statement;
  readonly #has: Database.Statement;
  readonly #keepMs: number;
  #openedAt = 0;
  #open = false;
  readonly #expire = (): void => this.end();

  /** `keepMs`: how long one read transaction serves (tests lengthen it to see what else ends it). */
  constructor(path: string, busyTimeoutMs: number, keepMs = SNAPSHOT_MS) {
    this.#keepMs = keepMs;
    this.#db = new Database(path, { readonly: true, fileMustExist: true });
    this.#db.pragma(`busy_timeout = ${busyTimeoutMs}`);
    this.#begin = this.#db.prepare('BEGIN');
    this.#end = this.#db.prepare('COMMIT');
    this.#has = this.#db.prepare('SELECT 1 FROM events WHERE source = ? AND id = ?').pluck(true);
  }

  has(source: string, id: string): boolean {
    const now = performance.now();
    if (this.#open && now - this.#openedAt >= this.#keepMs) this.end();
    if (!this.#open) {
      this.#begin.run();
      this.#open = true;
      this.#openedAt = now;
      setTimeout(this.#expire, this.#keepMs).unref();
    }
    return this.#has.get(source, id) !== undefined;
  }

  /** Ends the read transaction: the next check sees everything committed by then. */
  end(): void {
    if (!this.#open) return;
    this.#open = false;
    this.#end.run();
  }

  close(): void {
    this.end();
    if (this.#db.open) this.#db.close();
  }
}

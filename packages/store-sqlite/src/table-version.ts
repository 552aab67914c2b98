import type { Sql } from './sql.js';

/**
 * Whether another connection may have written a table, from its write counter (migrations'
 * `writeCounter`): `data_version` first (no read while no other connection committed), then the
 * counter, read only when it did. This connection's own writes are the caller's to follow.
 */
export class TableVersion {
  readonly #sql: Sql;
  readonly #key: string;
  #dataVersion = -1;
  #value: string | undefined;

  constructor(sql: Sql, table: string) {
    this.#sql = sql;
    this.#key = `${table}.version`;
  }

  /**
   * True the first time, then whenever the table's counter moved since the last call that read it;
   * a write of this connection's own is so also reported, once, after another connection's commit.
   */
  moved(): boolean {
    const version = this.#sql.dataVersion();
    if (version === this.#dataVersion) return false;
    this.#dataVersion = version;
    const value = this.#sql.stmt('SELECT value FROM meta WHERE key = ?', 'pluck').get(this.#key) as string | undefined;
    if (value === this.#value && value !== undefined) return false;
    this.#value = value;
    return true;
  }
}

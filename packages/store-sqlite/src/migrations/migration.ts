import type { Database } from 'better-sqlite3';

/**
 * One schema step. `version` numbers are consecutive from 1; `up` is plain SQL run once, then
 * `data`, when a step must rewrite rows in a way SQL cannot express (binary columns), in the same
 * transaction.
 */
export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly up: string;
  readonly data?: (db: Database) => void;
}

import type { PeriodId, StoredState } from '@kaoping/contract';
import { whereEquals, type Sql } from './sql.js';

/** The meta key of the checkpoint: the largest event rowid the kept states cover (migration 008). */
const CHECKPOINT_KEY = 'states.events_through';

/** Writes one state; the parameters are `stateParams`'s. */
export const UPSERT_STATE_SQL = `INSERT INTO states (period, indicator, subject_kind, subject_id, state) VALUES (?, ?, ?, ?, ?)
  ON CONFLICT (period, indicator, subject_kind, subject_id) DO UPDATE SET state = excluded.state`;

/**
 * Moves the checkpoint to the last stored event, read inside the writing transaction: run it after
 * the states of a table that has counted every event stored so far. Text, as migration 008 keeps it.
 */
export const MOVE_CHECKPOINT_SQL = `UPDATE meta SET value = (SELECT CAST(coalesce(max(rowid), 0) AS TEXT) FROM events) WHERE key = '${CHECKPOINT_KEY}'`;

/** A state's values for `UPSERT_STATE_SQL`, the state as JSON: made on the caller's thread, whichever connection writes them. */
export function stateParams(r: StoredState): unknown[] {
  return [r.period, r.indicator, r.subjectKind, r.subjectId, JSON.stringify(r.state)];
}

/** subject_kind, subject_id, indicator, period, state. */
type StateRow = [StoredState['subjectKind'], string, string, string, string];

/**
 * Indicator and rule states per subject and period, as JSON. States are the plain data the
 * contract requires; note JSON turns Infinity/NaN into null and drops undefined.
 */
export class States {
  readonly #sql: Sql;

  constructor(sql: Sql) {
    this.#sql = sql;
  }

  /** Writes states and moves the checkpoint (MOVE_CHECKPOINT_SQL): the caller's table has counted every event stored so far. */
  put(rows: readonly StoredState[]): void {
    const stmt = this.#sql.stmt(UPSERT_STATE_SQL);
    this.#sql.atomic(() => {
      for (const r of rows) stmt.run(stateParams(r));
      this.#sql.stmt(MOVE_CHECKPOINT_SQL).run();
    });
  }

  /** The largest event rowid the kept states cover. */
  eventsThrough(): number {
    return Number(this.#sql.stmt('SELECT value FROM meta WHERE key = ?', 'pluck').get(CHECKPOINT_KEY) ?? 0);
  }

  /**
   * The distinct periods, found by seeking the primary key from one period to the next (a
   * handful of index probes), not by reading every state.
   */
  periods(): PeriodId[] {
    const rows = this.#sql.stmt(
      `WITH RECURSIVE p(period) AS (
         SELECT MIN(period) FROM states
         UNION ALL
         SELECT (SELECT MIN(period) FROM states WHERE period > p.period) FROM p WHERE p.period IS NOT NULL
       ) SELECT period FROM p WHERE period IS NOT NULL`,
    ).all() as { period: string }[];
    return rows.map((r) => r.period);
  }

  /**
   * Row by row, not `all()` then a copy: a province year's quarter of a million rows would outlive
   * several young-generation collections as a second array of row objects, and each collection
   * would move them to the old generation, whose next full collection then fell into the close.
   */
  load(query: { period?: PeriodId; indicator?: string } = {}): StoredState[] {
    const { where, params } = whereEquals({ period: query.period, indicator: query.indicator });
    const rows = this.#sql.stmt(
      `SELECT subject_kind, subject_id, indicator, period, state FROM states ${where}
       ORDER BY period, indicator, subject_kind, subject_id`,
      'raw',
    ).iterate(...params) as IterableIterator<StateRow>;
    const out: StoredState[] = [];
    for (const r of rows) out.push({ subjectKind: r[0], subjectId: r[1], indicator: r[2], period: r[3], state: JSON.parse(r[4]) });
    return out;
  }
}

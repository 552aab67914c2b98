import type { PeriodId } from '@kaoping/contract';
import type { Sql } from './sql.js';

/**
 * A table whose rows a close replaces period by period: its columns after `period`, the first
 * `keyColumns` of which tell a row apart within its period (the table's primary key after `period`).
 */
export interface PeriodTable {
  name: string;
  columns: readonly string[];
  keyColumns: number;
}

/** Rows per multi-row statement (× at most 8 columns, well under SQLite's limit of bound values). */
const ROWS_PER_STATEMENT = 100;

/**
 * Replaces a period's rows of `table` with `rows`, atomically: a close never leaves a mix. Rows are
 * written over the ones with the same key (an upsert) rather than all deleted and inserted again: a
 * re-close mostly writes the same keys, and then neither the rows' places nor a secondary index move
 * (half the work of a province's 30 k tiers). Rows of the period that `rows` no longer has are deleted
 * after. `values(row, out, i)` pushes a row's values in `table.columns` order, without the period.
 * Rows with the same key twice are refused by SQLite's UNIQUE constraint, as when they were inserted.
 */
export function replacePeriodRows<T>(sql: Sql, table: PeriodTable, period: PeriodId, rows: readonly T[], values: (row: T, out: unknown[], index: number) => void): void {
  sql.atomic(() => {
    const keys = new Set<string>();
    const written = writeRows(sql, table, upsertStatement(table), period, rows, values, keys);
    if (!written) {
      // A key came twice: write them as inserts, so that SQLite refuses them as it always did.
      sql.stmt(`DELETE FROM ${table.name} WHERE period = ?`).run(period);
      writeRows(sql, table, `INSERT INTO ${table.name} (period, ${table.columns.join(', ')})`, period, rows, values);
      return;
    }
    const count = sql.stmt(`SELECT count(*) FROM ${table.name} WHERE period = ?`, 'pluck').get(period) as number;
    if (count > keys.size) deleteOthers(sql, table, period, keys);
  });
}

/** `INSERT … ON CONFLICT (period, key) DO UPDATE` of every other column (the statement text without its VALUES). */
function upsertStatement(table: PeriodTable): string {
  const key = table.columns.slice(0, table.keyColumns);
  const rest = table.columns.slice(table.keyColumns);
  const update = rest.length === 0 ? 'NOTHING' : `UPDATE SET ${rest.map((c) => `${c} = excluded.${c}`).join(', ')}`;
  return `INSERT INTO ${table.name} (period, ${table.columns.join(', ')}) %VALUES% ON CONFLICT (period, ${key.join(', ')}) DO ${update}`;
}

/**
 * Writes `rows` with `statement` (`%VALUES%` stands for where the VALUES go, or they go at the end),
 * `ROWS_PER_STATEMENT` at a time, then one by one. With `keys`, collects each row's key and stops
 * before writing a batch that repeats one: false then.
 */
function writeRows<T>(
  sql: Sql, table: PeriodTable, statement: string, period: PeriodId, rows: readonly T[],
  values: (row: T, out: unknown[], index: number) => void, keys?: Set<string>,
): boolean {
  const width = table.columns.length + 1;
  const tuple = `(${new Array(width).fill('?').join(', ')})`;
  const text = (tuples: number): string => {
    const list = `VALUES ${new Array(tuples).fill(tuple).join(', ')}`;
    return statement.includes('%VALUES%') ? statement.replace('%VALUES%', list) : `${statement} ${list}`;
  };
  const params: unknown[] = [];
  const batch = (from: number, to: number): boolean => {
    params.length = 0;
    for (let j = from; j < to; j++) {
      const at = params.length;
      params.push(period);
      values(rows[j], params, j);
      if (keys === undefined) continue;
      const key = keyText(params, at + 1, table.keyColumns);
      if (keys.has(key)) return false;
      keys.add(key);
    }
    return true;
  };
  let i = 0;
  if (rows.length >= ROWS_PER_STATEMENT) {
    const many = sql.stmt(text(ROWS_PER_STATEMENT));
    for (; i + ROWS_PER_STATEMENT <= rows.length; i += ROWS_PER_STATEMENT) {
      if (!batch(i, i + ROWS_PER_STATEMENT)) return false;
      many.run(params);
    }
  }
  const one = sql.stmt(text(1));
  for (; i < rows.length; i++) {
    if (!batch(i, i + 1)) return false;
    one.run(params);
  }
  return true;
}

/** Deletes the period's rows whose key is not in `keys` (subjects a re-close no longer has). */
function deleteOthers(sql: Sql, table: PeriodTable, period: PeriodId, keys: ReadonlySet<string>): void {
  const key = table.columns.slice(0, table.keyColumns);
  const stored = sql.stmt(`SELECT ${key.join(', ')} FROM ${table.name} WHERE period = ?`, 'raw').all(period) as unknown[][];
  const remove = sql.stmt(`DELETE FROM ${table.name} WHERE period = ? AND ${key.map((c) => `${c} = ?`).join(' AND ')}`);
  for (const values of stored) {
    if (!keys.has(keyText(values, 0, values.length))) remove.run(period, ...values);
  }
}

/** A row's key values (`count` from `from`) as one string, the same for the values written and those read back. */
function keyText(values: readonly unknown[], from: number, count: number): string {
  let text = String(values[from]);
  for (let k = 1; k < count; k++) text += `\u0000${String(values[from + k])}`;
  return text;
}

import type { PeriodId } from '@kaoping/contract';
import { replacePeriodRows, type PeriodTable } from './period-rows.js';
import type { Sql } from './sql.js';

/*
 * How a period's tiers and composites are kept (migration 011): their rows in id order, cut into
 * chunks of up to SUBJECTS_PER_CHUNK subjects, one table row per chunk keyed by the chunk's first id.
 * A province close so writes a few dozen rows instead of 61 k, and a reader of one subject reads the
 * one chunk whose first id is the greatest at or before its id. The ids are a JSON array, the numbers
 * little-endian doubles (NaN for null), what else a row has is up to its table (packed-tiers.ts,
 * packed-composites.ts).
 */

export const SUBJECTS_PER_CHUNK = 1024;

/**
 * A chunk table: its columns after `period`, its key first — `subject_kind` when it is `byKind`,
 * then `first_id`.
 */
export interface ChunkTable extends PeriodTable {
  byKind: boolean;
}

/**
 * SQLite's order of text (BINARY: UTF-8 bytes, so code points); JavaScript's `<` compares UTF-16
 * units, which only differs when both characters are past U+D7FF.
 */
export function byCodePoint(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x === y) continue;
    if (x >= 0xd800 && y >= 0xd800) [x, y] = [utf8Rank(x), utf8Rank(y)];
    return x - y;
  }
  return a.length - b.length;
}

/** A UTF-16 unit past U+D7FF ranked as UTF-8 ranks what it encodes: surrogates (code points past U+FFFF) after U+E000–U+FFFF. */
function utf8Rank(unit: number): number {
  return unit >= 0xe000 ? unit - 0x800 : unit + 0x2000;
}

/** A character past U+D7FF: where JavaScript's order of text and SQLite's may part. */
const PAST_D7FF = /[\uD800-\uFFFF]/;

function byUnit(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The positions of `ids` in code point order (a close gives them sorted already, which is checked
 * first). An id given twice is refused with `twice(id)`: a period has one row per subject.
 */
export function idOrder(ids: readonly string[], twice: (id: string) => Error): number[] {
  // Staff and unit codes have no character past U+D7FF: then JavaScript's own comparison is SQLite's order.
  const compare = ids.some((id) => PAST_D7FF.test(id)) ? byCodePoint : byUnit;
  const order = new Array<number>(ids.length);
  for (let i = 0; i < ids.length; i++) order[i] = i;
  let sorted = true;
  for (let i = 1; i < ids.length && sorted; i++) sorted = compare(ids[i - 1], ids[i]) < 0;
  if (!sorted) order.sort((a, b) => compare(ids[a], ids[b]));
  for (let i = 1; i < order.length; i++) {
    if (ids[order[i - 1]] === ids[order[i]]) throw twice(ids[order[i]]);
  }
  return order;
}

/** The positions of a chunk's `ids` a reader wants: all of them, or `subjectId`'s (none when it is not there). */
export function wantedIn(ids: readonly string[], subjectId?: string): { from: number; to: number } {
  if (subjectId === undefined) return { from: 0, to: ids.length };
  const at = ids.indexOf(subjectId);
  return at < 0 ? { from: 0, to: 0 } : { from: at, to: at + 1 };
}

/** `order` cut into runs of up to SUBJECTS_PER_CHUNK positions. */
export function chunksOf(order: readonly number[]): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < order.length; i += SUBJECTS_PER_CHUNK) out.push(order.slice(i, i + SUBJECTS_PER_CHUNK));
  return out;
}

/**
 * A number as an INTEGER or REAL column of SQLite gives it back, as a double: null and NaN as NaN
 * (SQLite stores NULL), -0 as 0, anything else as it is. `storedNumber` reads it back.
 */
export function sqlDouble(x: number | null): number {
  return x === null || Number.isNaN(x) ? Number.NaN : x === 0 ? 0 : x;
}

export function storedNumber(x: number): number | null {
  return Number.isNaN(x) ? null : x;
}

const LITTLE_ENDIAN = new Uint8Array(new Float64Array([1]).buffer)[7] === 0x3f;

/** Doubles as little-endian bytes (the array's own memory on a little-endian machine). */
export function doubleBytes(doubles: Float64Array): Buffer {
  const bytes = Buffer.from(doubles.buffer, doubles.byteOffset, doubles.byteLength);
  if (!LITTLE_ENDIAN) bytes.swap64();
  return bytes;
}

/**
 * Replaces a period's chunks of `table` with `rows` (each its values after the period, in
 * `table.columns` order), written over the chunks with the same key as other period rows are
 * (period-rows.ts): SQLite then writes only the pages whose bytes changed, none for a chunk a
 * re-close leaves as it was, where deleting and inserting wrote every page of every chunk again.
 */
export function replaceChunks(sql: Sql, table: ChunkTable, period: PeriodId, rows: readonly unknown[][]): void {
  replacePeriodRows(sql, table, period, rows, (row, out) => {
    for (const value of row) out.push(value);
  });
}

/**
 * The chunks of `table` that hold what a query asks, in the order of their key: all of them, a
 * period's, a kind's, or the one chunk per period (and kind) that would hold `subjectId`.
 */
export function readChunks<T>(sql: Sql, table: ChunkTable, query: { period?: PeriodId; subjectKind?: string; subjectId?: string }): T[] {
  const key = table.byKind ? ['period', 'subject_kind'] : ['period'];
  const columns = `period, ${table.columns.join(', ')}`;
  const where: string[] = [];
  const params: unknown[] = [];
  if (query.period !== undefined) (where.push('c.period = ?'), params.push(query.period));
  if (table.byKind && query.subjectKind !== undefined) (where.push('c.subject_kind = ?'), params.push(query.subjectKind));
  if (query.subjectId !== undefined) {
    // The chunk whose first id is the greatest at or before the subject's, in its period (and kind).
    const same = key.map((k) => `o.${k} = c.${k}`).join(' AND ');
    where.push(`c.first_id = (SELECT max(o.first_id) FROM ${table.name} o WHERE ${same} AND o.first_id <= ?)`);
    params.push(query.subjectId);
  }
  const text = `SELECT ${columns} FROM ${table.name} c ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY ${key.join(', ')}, first_id`;
  return sql.stmt(text).all(...params) as T[];
}

import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { replacePeriodRows, type PeriodTable } from './period-rows.js';
import { Sql } from './sql.js';
import { tempDir } from './test-support.js';

/** A table of the shape a close replaces per period (as result_facets and composite_weight_sets are). */
const SCORES: PeriodTable = { name: 'scores', columns: ['subject_id', 'score', 'note'], keyColumns: 1 };

interface Score { id: string; score: number; note: string | null }

const ids = (n: number, from = 0): string[] => Array.from({ length: n }, (_, i) => `P${String(i + from).padStart(4, '0')}`);

describe("a period's rows written over by a re-close", () => {
  let cleanup = (): void => {};
  afterEach(() => cleanup());

  function open(): Sql {
    const t = tempDir();
    const db = new Database(t.file);
    db.exec('CREATE TABLE scores (period TEXT NOT NULL, subject_id TEXT NOT NULL, score REAL, note TEXT, PRIMARY KEY (period, subject_id)) WITHOUT ROWID');
    cleanup = () => { db.close(); t.remove(); };
    return new Sql(db);
  }

  const put = (sql: Sql, period: string, rows: readonly Score[]) => replacePeriodRows(sql, SCORES, period, rows, (r, out) => out.push(r.id, r.score, r.note));
  const read = (sql: Sql, period: string) => sql.db.prepare('SELECT subject_id AS id, score, note FROM scores WHERE period = ? ORDER BY subject_id').all(period);

  it('keeps the rows a re-close writes again, changes what changed, deletes what it no longer has, and leaves other periods alone', () => {
    const sql = open();
    // 250 rows: two multi-row statements and 50 single rows.
    const first = ids(250).map((id, i) => ({ id, score: i, note: i % 2 ? 'odd' : null }));
    put(sql, '2026', first);
    put(sql, '2025', first);
    // The re-close drops P0000..P0009, changes every score and note, and adds P0250..P0254.
    const again = ids(245, 10).map((id, i) => ({ id, score: 245 - i, note: i % 2 ? null : 'even' }));
    put(sql, '2026', again);
    expect(read(sql, '2026')).toEqual(again);
    expect(read(sql, '2025')).toEqual(first);
  });

  it('refuses two rows with the same key as SQLite always did, and keeps the rows the period had', () => {
    const sql = open();
    const before = ids(150).map((id, i) => ({ id, score: i, note: null }));
    put(sql, '2026', before);
    const twice = [...ids(120).map((id, i) => ({ id, score: i + 1, note: null })), { id: 'P0007', score: 0, note: null }];
    expect(() => put(sql, '2026', twice)).toThrow('UNIQUE constraint failed: scores.period, scores.subject_id');
    expect(read(sql, '2026')).toEqual(before);
  });
});

import { resultRowsOf, type Result, type ResultColumn, type ResultColumns } from '@kaoping/contract';
import { describe, expect, it } from 'vitest';
import { openSqliteStore } from './open-sqlite-store.js';
import { packColumns, packResults, unpackResults, type SubjectRow } from './packed-results.js';
import { chunkColumns, chunkSubjects } from './result-chunks.js';
import { SUBJECTS_PER_CHUNK } from './subject-chunks.js';
import { fileBeforeMigration, storesPerTest } from './test-support.js';

const linear = Object.freeze({ scale: 'linear', params: { floor: 0.6 } });
const percentile = Object.freeze({ scale: 'percentile', direction: 'higher' });
const id = (i: number) => `P${String(i).padStart(5, '0')}`;

function column(indicator: string, n: number, evidence: (i: number) => Record<string, unknown>): ResultColumn {
  return {
    indicator, indicatorVersion: '1.0.0', paramsHash: `h-${indicator}`,
    values: Float64Array.from({ length: n }, (_, i) => (i % 9 === 0 ? Number.NaN : i / n)), scores: Float64Array.from({ length: n }, (_, i) => i % 100), evidence: Array.from({ length: n }, (_, i) => evidence(i)),
  };
}

/** A close's columns: people in id order over three chunks, a percentile rank each, and units. */
function closeColumns(n: number): ResultColumns {
  const people = Array.from({ length: n }, (_, i) => id(i));
  return {
    period: '2026',
    kinds: [
      { subjectKind: 'person', subjectIds: people, indicators: [column('a.rate', n, () => linear), column('b.rank', n, (i) => ({ ...percentile, n, below: i }))] },
      { subjectKind: 'unit', subjectIds: ['U2', 'U1'], indicators: [column('a.rate', 2, () => linear)] },
    ],
  };
}

const bySubject = (a: SubjectRow, b: SubjectRow): number => (a.subject_kind + a.subject_id < b.subject_kind + b.subject_id ? -1 : 1);

/** What a row per subject gave back (migration 006's layout): its rows, subject by subject in kind and id order. */
function asRowsGaveThem(rows: readonly Result[]): Result[] {
  const packed = packResults(rows);
  return unpackResults('2026', packed.facets, [...packed.subjects].sort(bySubject));
}

describe('results stored in chunks of subjects (migration 013)', () => {
  const { open, later } = storesPerTest();

  it("reads back a close's results as a row per subject did, and finds a subject, a kind and an indicator", () => {
    const t = open();
    const n = 2 * SUBJECTS_PER_CHUNK + 7;
    const columns = closeColumns(n);
    t.store.putResultColumns(columns);
    const expected = asRowsGaveThem(resultRowsOf(columns));
    expect(t.store.listResults({ period: '2026' })).toEqual(expected);
    expect(t.store.db.prepare("SELECT count(*) FROM result_chunks WHERE period = '2026'").pluck().get()).toBe(4);
    // The people of a chunk share one list of facets.
    expect(t.store.db.prepare("SELECT facets FROM result_chunks WHERE subject_kind = 'person'").pluck().all()).toEqual(['[[0,1]]', '[[0,1]]', '[[0,1]]']);
    for (const i of [0, SUBJECTS_PER_CHUNK - 1, SUBJECTS_PER_CHUNK, n - 1]) {
      expect(t.store.listResults({ period: '2026', subjectKind: 'person', subjectId: id(i) })).toEqual(expected.filter((r) => r.subjectId === id(i)));
    }
    expect(t.store.listResults({ period: '2026', subjectId: 'U1', indicator: 'a.rate' })).toEqual(expected.filter((r) => r.subjectId === 'U1'));
    expect(t.store.listResults({ period: '2026', subjectKind: 'unit' })).toEqual(expected.filter((r) => r.subjectKind === 'unit'));
    expect(t.store.listResults({ period: '2026', subjectId: 'P0000' })).toEqual([]);
    expect(t.store.listResults({ period: '2025' })).toEqual([]);
  });

  it("chunks a close's columns as it chunks the same results' rows: ids out of order, subjects without own evidence, several entries of one subject", () => {
    const n = SUBJECTS_PER_CHUNK + 5;
    const columns = closeColumns(n);
    const people = columns.kinds[0];
    // Every third person's rate does not apply, so some people have two own entries and the units none.
    people.indicators[0].evidence = people.indicators[0].evidence.map((e, i) => (i % 3 === 0 ? { ...e, applies: false } : e));
    const shuffled = { ...columns, kinds: [{ ...people, subjectIds: [...people.subjectIds].reverse() }, columns.kinds[1]] };
    for (const c of [columns, shuffled]) {
      const chunks = chunkColumns('2026', packColumns(c).kinds);
      expect(chunks).toEqual(chunkSubjects('2026', packResults(resultRowsOf(c)).subjects));
      expect(chunks.map((chunk) => (chunk[4] as Buffer).toString('hex'))).toEqual(chunkSubjects('2026', packResults(resultRowsOf(c)).subjects).map((chunk) => (chunk[4] as Buffer).toString('hex')));
    }
    expect(chunkColumns('2026', packColumns(columns).kinds).map((chunk) => chunk[5] === null)).toEqual([false, false, true]);
  });

  it('keeps a list of facets per subject when subjects differ in their indicators, and replaces the period on a re-close', () => {
    const t = open();
    const row = (subjectId: string, indicator: string, value: number, evidence: Record<string, unknown> = linear): Result => ({
      subjectKind: 'person', subjectId, indicator, indicatorVersion: '1.0.0', paramsHash: `h-${indicator}`, period: '2026', value, score: value * 10, evidence,
    });
    const rows = [row('P3', 'a.rate', 1), row('P3', 'b.rank', 2, { n: 3 }), row('P1', 'b.rank', 3), row('P2', 'a.rate', 4)];
    t.store.putResults('2026', rows);
    expect(t.store.listResults({ period: '2026' })).toEqual(asRowsGaveThem(rows));
    expect(t.store.db.prepare('SELECT facets FROM result_chunks').pluck().get()).toBe('[[1],[0],[0,1]]');
    t.store.putResults('2026', [rows[3]]);
    expect(t.store.listResults({ period: '2026' })).toEqual([rows[3]]);
  });

  it('refuses a subject given twice, naming it, and keeps the rows the period had', async () => {
    const t = open();
    t.store.putResultColumns(closeColumns(10));
    const before = t.store.listResults({ period: '2026' });
    const columns = closeColumns(10);
    const twice = { ...columns, kinds: [columns.kinds[0], { ...columns.kinds[1], subjectIds: ['U2', 'U2'] }] };
    await expect(t.store.transaction(() => t.store.putResultColumns(twice))).rejects.toThrow(
      'Store error: writing results of period 2026: unit U2 has two rows of results; give each subject one',
    );
    expect(t.store.listResults({ period: '2026' })).toEqual(before);
  });

  it('names the chunk whose numbers do not fit its subjects, and says what to do', () => {
    const t = open();
    t.store.putResultColumns(closeColumns(3));
    t.store.db.prepare("UPDATE result_chunks SET numbers = substr(numbers, 1, 32) WHERE subject_kind = 'person'").run();
    expect(() => t.store.listResults({ period: '2026' })).toThrow(
      'Store error: reading results of 2026/person from P00000: the chunk has numbers for 96 bytes in 32; the results tables were changed outside Kaoping, close the period again',
    );
  });

  it('carries results packed a row per subject (migration 006) into chunks, bytes unchanged', () => {
    const t = fileBeforeMigration(13);
    later(t.remove);
    const rows = resultRowsOf(closeColumns(SUBJECTS_PER_CHUNK + 2));
    const packed = packResults(rows);
    const insertFacet = t.db.prepare('INSERT INTO result_facets (period, facet, indicator, indicator_version, params_hash, evidence) VALUES (?, ?, ?, ?, ?, ?)');
    const insertSubject = t.db.prepare('INSERT INTO subject_results (period, subject_kind, subject_id, facets, numbers, evidence) VALUES (?, ?, ?, ?, ?, ?)');
    // One transaction: the raw connection would sync every row on its own.
    t.db.transaction(() => {
      for (const period of ['2026', '2026-Q1']) {
        for (const f of packed.facets) insertFacet.run(period, f.facet, f.indicator, f.indicator_version, f.params_hash, f.evidence);
        for (const s of packed.subjects) insertSubject.run(period, s.subject_kind, s.subject_id, s.facets, s.numbers, s.evidence);
      }
    })();
    t.db.close();
    const store = openSqliteStore(t.file);
    const expected = asRowsGaveThem(rows);
    expect(store.listResults({ period: '2026' })).toEqual(expected);
    expect(store.listResults({ period: '2026-Q1', subjectId: id(5) })).toEqual(expected.filter((r) => r.subjectId === id(5)).map((r) => ({ ...r, period: '2026-Q1' })));
    expect(store.db.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'subject_results'").pluck().get()).toBe(0);
    store.close();
  });
});

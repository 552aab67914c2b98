import type { Composite } from '@kaoping/contract';
import { describe, expect, it } from 'vitest';
import { openSqliteStore } from './open-sqlite-store.js';
import { SUBJECTS_PER_CHUNK } from './subject-chunks.js';
import { fileBeforeMigration, storesPerTest } from './test-support.js';

const clerk = { 'a.rate': 0.5, 'b.count': 0.5 };
const manager = { 'a.rate': 0.25, 'b.count': 0.75 };
const id = (i: number) => `P${String(i).padStart(5, '0')}`;

function person(subjectId: string, composite: number | null, weights: Record<string, number> = clerk, period = '2026'): Composite {
  return { subjectKind: 'person', subjectId, period, composite, weights };
}

describe('composites stored in chunks of subjects (migration 011)', () => {
  const { open, later } = storesPerTest();

  it('reads back a close-sized period by kind and id as a row per subject did, and finds each subject', () => {
    const t = open();
    const n = SUBJECTS_PER_CHUNK + 30;
    const people = Array.from({ length: n }, (_, i) => person(id((i * 7919) % n), i % 5 ? i / 7 : null, i % 2 ? clerk : manager));
    // Numbers a REAL column does not keep: NaN (NULL) and negative zero.
    people[3] = { ...people[3], composite: Number.NaN };
    people[4] = { ...people[4], composite: -0 };
    const units: Composite[] = [{ subjectKind: 'unit', subjectId: 'U2', period: '2026', composite: 75, weights: {} }, { subjectKind: 'unit', subjectId: 'U1', period: '2026', composite: null, weights: {} }];
    // Units first, as a caller may give them: they are read back after the people, as kinds sort.
    t.store.putComposites('2026', [...units, ...people]);
    const asRowGaveIt = (c: Composite): Composite => ({ ...c, composite: c.composite === null || Number.isNaN(c.composite) ? null : c.composite === 0 ? 0 : c.composite });
    const sorted = [...people].sort((a, b) => (a.subjectId < b.subjectId ? -1 : 1)).map(asRowGaveIt);
    expect(t.store.listComposites({ period: '2026' })).toEqual([...sorted, units[1], units[0]]);
    expect(t.store.listComposites({ period: '2026', subjectKind: 'unit' })).toEqual([units[1], units[0]]);
    expect(t.store.listComposites({ period: '2026', subjectId: 'U2' })).toEqual([units[0]]);
    for (const i of [0, SUBJECTS_PER_CHUNK - 1, SUBJECTS_PER_CHUNK, n - 1]) {
      expect(t.store.listComposites({ period: '2026', subjectKind: 'person', subjectId: sorted[i].subjectId })).toEqual([sorted[i]]);
    }
    expect(t.store.listComposites({ period: '2026', subjectId: 'P0000' })).toEqual([]);
    expect(t.store.listComposites({ period: '2025' })).toEqual([]);
    expect(t.store.db.prepare('SELECT count(*) FROM composite_chunks').pluck().get()).toBe(3);
  });

  it('refuses a subject given twice, naming it, and keeps the rows the period had', async () => {
    const t = open();
    const before = [person('P1', 80), person('P2', 70)];
    t.store.putComposites('2026', before);
    await expect(t.store.transaction(() => t.store.putComposites('2026', [person('P3', 1), person('P1', 2), person('P3', 3)]))).rejects.toThrow(
      'Store error: writing composites of period 2026: person P3 has two composites; give each subject one',
    );
    expect(t.store.listComposites({ period: '2026' })).toEqual(before);
  });

  it('names the chunk whose numbers do not fit its subjects, and says what to do', () => {
    const t = open();
    t.store.putComposites('2026', [person('P1', 80), person('P2', 70)]);
    t.store.db.prepare('UPDATE composite_chunks SET numbers = substr(numbers, 1, 16)').run();
    expect(() => t.store.listComposites({ period: '2026' })).toThrow(
      'Store error: reading composites of 2026/person from P1: the chunk has 2 subjects but 16 bytes of numbers; the composites table was changed outside Kaoping, close the period again',
    );
  });

  it('carries composites written a row per subject (migration 011) into chunks, with their weight sets', () => {
    const t = fileBeforeMigration(11);
    later(t.remove);
    const insertSet = t.db.prepare('INSERT INTO composite_weight_sets (period, weight_set, weights) VALUES (?, ?, ?)');
    insertSet.run('2026', 0, JSON.stringify(clerk));
    insertSet.run('2026', 1, JSON.stringify(manager));
    insertSet.run('2026-Q1', 0, '{}');
    const insert = t.db.prepare('INSERT INTO composites (period, subject_kind, subject_id, composite, weight_set) VALUES (?, ?, ?, ?, ?)');
    const rows: Composite[] = Array.from({ length: SUBJECTS_PER_CHUNK + 3 }, (_, i) => person(id(i), i % 4 ? i + 0.25 : null, i % 3 ? clerk : manager));
    // One transaction: the raw connection would sync every row on its own.
    t.db.transaction(() => { for (const c of rows) insert.run(c.period, c.subjectKind, c.subjectId, c.composite, c.weights === clerk ? 0 : 1); })();
    insert.run('2026', 'unit', 'U1', 61.5, 1);
    insert.run('2026-Q1', 'unit', 'U1', null, 0);
    t.db.close();
    const store = openSqliteStore(t.file);
    expect(store.listComposites({ period: '2026' })).toEqual([...rows, { subjectKind: 'unit', subjectId: 'U1', period: '2026', composite: 61.5, weights: manager }]);
    expect(store.listComposites({ period: '2026-Q1' })).toEqual([{ subjectKind: 'unit', subjectId: 'U1', period: '2026-Q1', composite: null, weights: {} }]);
    expect(store.db.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'composites'").pluck().get()).toBe(0);
    store.close();
  });
});

import type { Composite } from '@kaoping/contract';
import { describe, expect, it } from 'vitest';
import { openSqliteStore } from './open-sqlite-store.js';
import { fileBeforeMigration, storesPerTest } from './test-support.js';

describe('composite weights stored once per period (weight sets, migration 009)', () => {
  const { open, later } = storesPerTest();

  it('keeps each distinct weights text once per period; every composite reads back its own weights, equal to what was written', () => {
    const t = open();
    const clerk = { 'a.rate': 0.5, 'b.count': 0.5 };
    const manager = { 'a.rate': 0.25, 'b.count': 0.75 };
    const rows: Composite[] = [
      { subjectKind: 'person', subjectId: 'P1', period: '2026', composite: 80, weights: clerk },
      { subjectKind: 'person', subjectId: 'P2', period: '2026', composite: null, weights: manager },
      // Another object with the same text as clerk's shares its set.
      { subjectKind: 'person', subjectId: 'P3', period: '2026', composite: 70.125, weights: { ...clerk } },
      { subjectKind: 'unit', subjectId: 'U1', period: '2026', composite: 75, weights: {} },
    ];
    t.store.putComposites('2026', rows);
    t.store.putComposites('2026-Q1', [{ ...rows[1], period: '2026-Q1' }]);
    expect(t.store.listComposites({ period: '2026' })).toEqual(rows);
    expect(t.store.listComposites({ period: '2026', subjectId: 'P3' })).toEqual([rows[2]]);
    expect(t.store.listComposites({ period: '2026-Q1' })).toEqual([{ ...rows[1], period: '2026-Q1' }]);
    expect(t.store.db.prepare("SELECT weights FROM composite_weight_sets WHERE period = '2026' ORDER BY weight_set").pluck().all())
      .toEqual([JSON.stringify(clerk), JSON.stringify(manager), '{}']);
    const [first, second] = t.store.listComposites({ period: '2026', subjectId: 'P1' }).concat(t.store.listComposites({ period: '2026', subjectId: 'P3' }));
    expect(first.weights).not.toBe(second.weights);

    // A re-close replaces the period's sets with its own.
    t.store.putComposites('2026', [rows[1]]);
    expect(t.store.listComposites({ period: '2026' })).toEqual([rows[1]]);
    expect(t.store.db.prepare("SELECT count(*) FROM composite_weight_sets WHERE period = '2026'").pluck().get()).toBe(1);
    expect(t.store.db.prepare("SELECT count(*) FROM composite_weight_sets WHERE period = '2026-Q1'").pluck().get()).toBe(1);
  });

  it('names the composite whose weight set is missing, and says what to do', () => {
    const t = open();
    t.store.putComposites('2026', [{ subjectKind: 'person', subjectId: 'P1', period: '2026', composite: 80, weights: { x: 1 } }]);
    t.store.db.prepare('DELETE FROM composite_weight_sets').run();
    expect(() => t.store.listComposites({ period: '2026' })).toThrow(
      'reading the composite of 2026/person/P1: it names weight set 0, which period 2026 does not have; the composites tables were changed outside Kaoping, close the period again',
    );
  });

  it('carries composites written with their weights on every row into weight sets, period by period', () => {
    const t = fileBeforeMigration(9);
    later(t.remove);
    const { db } = t;
    const insert = db.prepare('INSERT INTO composites (period, subject_kind, subject_id, composite, weights) VALUES (?, ?, ?, ?, ?)');
    const rows = [
      ['2026', 'person', 'P1', 80.5, '{"b":0.5,"a":0.5}'],
      ['2026', 'person', 'P2', null, '{"a":1}'],
      ['2026', 'person', 'P3', 61, '{"b":0.5,"a":0.5}'],
      ['2026', 'unit', 'U1', 70, '{}'],
      ['2026-Q1', 'person', 'P1', 90, '{"a":1}'],
    ] as const;
    for (const r of rows) insert.run(...r);
    db.close();
    const store = openSqliteStore(t.file);
    const asRow = (c: Composite) => [c.period, c.subjectKind, c.subjectId, c.composite, JSON.stringify(c.weights)];
    expect([...store.listComposites({ period: '2026' }), ...store.listComposites({ period: '2026-Q1' })].map(asRow)).toEqual(rows);
    expect(store.db.prepare("SELECT count(*) FROM composite_weight_sets WHERE period = '2026'").pluck().get()).toBe(3);
    expect(store.db.prepare("SELECT count(*) FROM composite_weight_sets WHERE period = '2026-Q1'").pluck().get()).toBe(1);
    store.close();
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ActivityEvent } from '@kaoping/contract';
import { openSqliteStore, type SqliteStore } from '@kaoping/store-sqlite';
import { afterAll, describe, expect, it } from 'vitest';
import { ROWID_SPAN_SQL, rowidSpan } from './rowid-span.js';

const dir = mkdtempSync(join(tmpdir(), 'kp-rowid-span-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const rating = (i: number): ActivityEvent => ({
  id: `R${i}`, source: 'tax-collection', type: 'tax.rating.submitted', actorId: 'P1', unitId: null, occurredAt: 1_767_225_600_000 + i, attrs: { score: 5 },
});

function storeWith(name: string, events: number): { store: SqliteStore; file: string } {
  const file = join(dir, `${name}.db`);
  const store = openSqliteStore(file);
  store.transactionSync(() => store.appendEvents(Array.from({ length: events }, (_, i) => rating(i))));
  return { store, file };
}

describe('rowidSpan', () => {
  it('gives the first and last rowid of the events, and nulls for none', () => {
    const some = storeWith('some', 50);
    const none = storeWith('none', 0);
    try {
      expect(rowidSpan(some.file)).toEqual({ min: 1, max: 50 });
      expect(rowidSpan(none.file)).toEqual({ min: null, max: null });
    } finally {
      some.store.close();
      none.store.close();
    }
  });

  it('reads each end off the table instead of scanning it (the store\'s own schema and indexes)', () => {
    const { store } = storeWith('plan', 10);
    try {
      const plan = (store.db.prepare(`EXPLAIN QUERY PLAN ${ROWID_SPAN_SQL}`).all() as { detail: string }[]).map((r) => r.detail);
      expect(plan.filter((d) => d.includes('events'))).toEqual(['SEARCH events', 'SEARCH events']);
      // What one query with both aggregates does, for contrast: a scan of every row.
      const both = (store.db.prepare('EXPLAIN QUERY PLAN SELECT min(rowid), max(rowid) FROM events').all() as { detail: string }[]).map((r) => r.detail);
      expect(both.some((d) => d.startsWith('SCAN events'))).toBe(true);
    } finally {
      store.close();
    }
  });

  it('names the file it cannot find', () => {
    expect(() => rowidSpan(join(dir, 'missing.db'))).toThrow(`cannot open database ${join(dir, 'missing.db')}: no such file`);
  });
});

import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { openSqliteStore } from './open-sqlite-store.js';
import type { SqliteStore } from './sqlite-store.js';
import { event, openTestStore } from './test-support.js';

describe('transactions on a real file', () => {
  let store: SqliteStore;
  let file: string;
  let cleanup = (): void => {};
  afterEach(() => cleanup());
  const open = (): void => {
    ({ store, file, cleanup } = openTestStore('file'));
  };

  it('commits an async transaction so another connection sees every write', async () => {
    open();
    const answer = await store.transaction(async () => {
      store.appendEvents([event('A', 1)]);
      await sleep(5);
      store.setMeta('k', 'v');
      return 42;
    });
    expect(answer).toBe(42);
    const other = openSqliteStore(file);
    expect(other.countEvents()).toBe(1);
    expect(other.getMeta('k')).toBe('v');
    other.close();
  });

  it('rolls everything back when the function throws, after an await or synchronously', async () => {
    open();
    await expect(store.transaction(async () => {
      store.appendEvents([event('A', 1), event('B', 2)]);
      store.putResults('2026', []);
      store.appendAudit([{ at: 1, actor: 'x', action: 'y', target: 'z', data: {} }]);
      await sleep(1);
      throw new Error('boom');
    })).rejects.toThrow('boom');
    await expect(store.transaction(() => {
      store.setMeta('k', 'v');
      throw new Error('sync boom');
    })).rejects.toThrow('sync boom');
    expect(store.countEvents()).toBe(0);
    expect(store.listAudit()).toEqual([]);
    expect(store.getMeta('k')).toBeUndefined();
    expect(store.db.inTransaction).toBe(false);
  });

  it('runs nested calls inside the outer transaction: an outer failure undoes the inner writes too', async () => {
    open();
    await expect(store.transaction(async () => {
      const inner = await store.transaction(async () => {
        store.appendEvents([event('A', 1)]);
        return 'inner';
      });
      expect(inner).toBe('inner');
      expect(store.countEvents()).toBe(1);
      throw new Error('outer fails');
    })).rejects.toThrow('outer fails');
    expect(store.countEvents()).toBe(0);
  });

  it('queues a second top-level transaction until the first ends, so neither commits the other', async () => {
    open();
    const order: string[] = [];
    const first = store.transaction(async () => {
      order.push('first:start');
      store.appendEvents([event('F', 1)]);
      await sleep(20);
      order.push('first:end');
      throw new Error('first fails');
    });
    const second = store.transaction(async () => {
      order.push('second:start');
      store.appendEvents([event('S', 2)]);
    });
    await expect(first).rejects.toThrow('first fails');
    await second;
    expect(order).toEqual(['first:start', 'first:end', 'second:start']);
    expect(store.getEvents([{ source: 'tax-collection', id: 'F' }, { source: 'tax-collection', id: 'S' }]).map((e) => e.id)).toEqual(['S']);
  });

  it('rolls the whole transaction back when a write inside it fails (writes join it, no savepoints)', async () => {
    open();
    await expect(store.transaction(() => {
      store.appendEvents([event('A', 1)]);
      store.appendEvents([event('B', 2), event('C', 2.5)]);
      store.appendEvents([event('D', 3)]);
    })).rejects.toThrow('CHECK constraint failed');
    expect(store.getEvents(['A', 'B', 'C', 'D'].map((id) => ({ source: 'tax-collection', id })))).toEqual([]);
    expect(store.db.inTransaction).toBe(false);
  });

  it('offers a synchronous atomic section too', () => {
    open();
    expect(() => store.transactionSync(() => {
      store.appendEventsSync([event('A', 1)]);
      throw new Error('no');
    })).toThrow('no');
    expect(store.transactionSync(() => store.appendEventsSync([event('A', 1)]))).toEqual([true]);
    expect(store.countEvents()).toBe(1);
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { openSqliteStore } from './open-sqlite-store.js';
import type { SqliteStore } from './sqlite-store.js';
import { event, openTestStore } from './test-support.js';

const EVENT_INDEXES = ['events_by_actor_time', 'events_by_time', 'events_by_type_time'];

function eventIndexes(store: SqliteStore): string[] {
  return store.db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'events' AND sql IS NOT NULL ORDER BY name")
    .pluck().all() as string[];
}

describe('bulk loads on a real file', () => {
  let store: SqliteStore;
  let file: string;
  let cleanup = (): void => {};
  afterEach(() => cleanup());
  const open = (): void => {
    ({ store, file, cleanup } = openTestStore('file'));
  };

  it('drops the secondary event indexes during the load, keeps dedup working, and rebuilds them after', async () => {
    open();
    store.appendEvents([event('A', 5)]);
    const fresh = await store.bulkLoad(async () => {
      expect(eventIndexes(store)).toEqual([]);
      const r = store.appendEventsSync([event('B', 3), event('A', 5), event('C', 1)]);
      const scanned: string[] = [];
      for await (const batch of store.scanEvents({ types: ['tax.matter.completed'] }, 2)) scanned.push(...batch.map((e) => e.id));
      expect(scanned).toEqual(['C', 'B', 'A']);
      return r;
    });
    expect(fresh).toEqual([true, false, true]);
    expect(eventIndexes(store)).toEqual(EVENT_INDEXES);
    expect(store.getMeta('deferred_event_indexes')).toBeUndefined();
    const plan = store.db.prepare("EXPLAIN QUERY PLAN SELECT * FROM events WHERE actor_id = 'P001'").all() as { detail: string }[];
    expect(plan.map((p) => p.detail).join()).toContain('events_by_actor_time');
  });

  it('rebuilds the indexes when the loader throws, and nested loads just run', async () => {
    open();
    await expect(store.bulkLoad(async () => {
      await store.bulkLoad(() => store.appendEvents([event('A', 1)]));
      expect(eventIndexes(store)).toEqual([]);
      throw new Error('adapter failed');
    })).rejects.toThrow('adapter failed');
    expect(eventIndexes(store)).toEqual(EVENT_INDEXES);
    expect(store.bulkLoadSync(() => store.appendEventsSync([event('A', 1)]))).toEqual([false]);
    expect(eventIndexes(store)).toEqual(EVENT_INDEXES);
  });

  it('rebuilds on the next open what an interrupted load left dropped', async () => {
    open();
    // The process "dies" mid-load: the connection goes away before the rebuild can run.
    await expect(store.bulkLoad(() => store.db.close())).rejects.toThrow(/not open/);
    const again = openSqliteStore(file);
    expect(eventIndexes(again)).toEqual(EVENT_INDEXES);
    expect(again.getMeta('deferred_event_indexes')).toBeUndefined();
    again.close();
  });
});

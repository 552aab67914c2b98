import { statSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { BackgroundWriter } from './background-writer.js';
import { openSqliteStore } from './open-sqlite-store.js';
import { event, storesPerTest, tempDir } from './test-support.js';

async function until(condition: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
  for (const start = Date.now(); !condition(); await sleep(25)) {
    if (Date.now() - start > timeoutMs) throw new Error(`gave up waiting for ${what}`);
  }
}

describe('background writer', () => {
  const { open, later } = storesPerTest({ backgroundCheckpoint: true });

  it('leaves commits to append to the WAL and copies it into the database from its own thread', async () => {
    const { store, file } = open();
    expect(store.db.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
    const before = statSync(file).size;
    store.transactionSync(() => store.appendEvents(Array.from({ length: 5000 }, (_, i) => event(`E${i}`, i))));
    // The commit itself wrote only the WAL; the database file grows once the worker has copied it.
    expect(statSync(file).size).toBe(before);
    await until(() => statSync(file).size > before, 'the worker to checkpoint');
    expect(store.countEvents()).toBe(5000);
  }, 20_000);

  it('gives checkpoints back to the connection when stopped', async () => {
    const t = tempDir();
    const store = openSqliteStore(t.file);
    later(() => { store.close(); t.remove(); });
    const checkpoint = new BackgroundWriter(store.db, t.file, 10);
    expect(store.db.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
    await checkpoint.stop();
    expect(store.db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
  });

  it('is not used for an in-memory store', () => {
    const store = openSqliteStore(':memory:', { backgroundCheckpoint: true });
    later(() => store.close());
    expect(store.db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
  });

  it('appends a hook group on its own connection, and a transaction begun after the call finds it committed', async () => {
    const { store } = open();
    const group = [event('G1', 1), event('G2', 2)];
    let taken = false;
    const appended = store.appendEventsDetached(() => { taken = true; return group; });
    // Queued behind the group: it must see the group committed, as an import batch's states must.
    const seen = store.transaction(() => store.countEvents());
    expect(await appended).toEqual({ events: group, own: true });
    expect(taken).toBe(true);
    expect(await seen).toBe(2);
    expect(store.hasEventSync('tax-collection', 'G2')).toBe(true);
  });

  it('takes the events when its turn comes: a transaction queued before the call writes them itself', async () => {
    const { store } = open();
    let pending = [event('P1', 1)];
    const take = () => { const t = pending; pending = []; return t; };
    const before = store.transaction(async () => { store.appendEvents(take()); });
    const group = await store.appendEventsDetached(take);
    await before;
    expect(group).toEqual({ events: [], own: true });
    expect(store.countEvents()).toBe(1);
  });

  it('joins the caller\'s transaction when called inside one, so its rollback takes the group back', async () => {
    const { store } = open();
    await expect(store.transaction(async () => {
      expect(await store.appendEventsDetached(() => [event('J1', 1)])).toEqual({ events: [event('J1', 1)], own: false });
      throw new Error('import batch failed');
    })).rejects.toThrow('import batch failed');
    expect(store.hasEventSync('tax-collection', 'J1')).toBe(false);
  });

  it('refuses a group while its thread dies, then appends on the store\'s own connection', async () => {
    const t = tempDir();
    const store = openSqliteStore(t.file);
    later(() => { store.close(); t.remove(); });
    const writer = new BackgroundWriter(store.db, t.file, 60_000);
    store.writeInBackground(writer);
    const dying = writer.terminate();
    await dying;
    await until(() => !writer.writing, 'the writer to notice its end');
    expect(await store.appendEventsDetached(() => [event('D1', 1)])).toEqual({ events: [event('D1', 1)], own: true });
    expect(store.hasEventSync('tax-collection', 'D1')).toBe(true);
    await expect(writer.append([])).rejects.toThrow('the background writer is not running');
  });

  it('writes a checkpoint, a group with its states, on its own connection and moves the states\' checkpoint past it', async () => {
    const { store } = open();
    store.transactionSync(() => store.appendEvents([event('E1', 1)]));
    const state = { subjectKind: 'person', subjectId: 'P1', indicator: 'business.on-time-rate', period: '2026-03', state: { n: 2, late: [1, 2] } } as const;
    const written = store.checkpointDetached(() => ({ events: [event('E2', 2)], states: [state] }));
    const seen = store.transaction(() => ({ states: store.loadStates({ period: '2026-03' }), after: store.eventsAfterStatesSync() }));
    expect(await written).toEqual({ events: [event('E2', 2)], own: true });
    expect(await seen).toEqual({ states: [state], after: [] });
    expect(store.hasEventSync('tax-collection', 'E2')).toBe(true);
    store.transactionSync(() => store.appendEvents([event('E3', 3)]));
    expect(store.eventsAfterStatesSync().map((e) => e.id)).toEqual(['E3']);
  });

  it('stores neither the events nor the states of a checkpoint the worker could not store, and leaves the checkpoint', async () => {
    const { store } = open();
    store.transactionSync(() => store.appendEvents([event('E1', 1)]));
    const state = { subjectKind: 'person', subjectId: 'P1', indicator: 'business.on-time-rate', period: '2026-03', state: { n: 1 } } as const;
    const failed = store.checkpointDetached(() => ({ events: [{ ...event('B1', 2), occurredAt: 1.5 }], states: [state] }));
    await expect(failed).rejects.toThrow('cannot append a group of events in the background: CHECK constraint failed');
    expect(store.loadStates()).toEqual([]);
    expect(store.eventsAfterStatesSync().map((e) => e.id)).toEqual(['E1']);
  });

  it('reports a group the worker could not store, naming why, and stores none of it', async () => {
    const { store } = open();
    const bad = { ...event('B2', 2), occurredAt: 1.5 };
    const failed = store.appendEventsDetached(() => [event('B1', 1), bad]);
    await expect(failed).rejects.toMatchObject({ code: 'KP_ERR_STORE' });
    await expect(failed).rejects.toThrow('cannot append a group of events in the background: CHECK constraint failed');
    expect(store.hasEventSync('tax-collection', 'B1')).toBe(false);
  });
});

import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { EventKeySnapshot } from './event-key-snapshot.js';
import { openSqliteStore } from './open-sqlite-store.js';
import type { SqliteStore } from './sqlite-store.js';
import { event, storesPerTest } from './test-support.js';

/** Past the snapshot's millisecond, and its idle timer's turn. */
const pastSnapshot = () => sleep(5);

describe('duplicate checks on their own read connection (a store with the background writer)', () => {
  const { open, later } = storesPerTest({ backgroundCheckpoint: true });

  /** A snapshot kept for a minute unless something ends it: what the store ends it for. */
  function openKeeping(): SqliteStore {
    const { store, file } = open();
    store.checkDuplicatesOn(new EventKeySnapshot(file, 5000, 60_000));
    return store;
  }

  it('sees an event as soon as the store has appended it on its own connection, committed or inside the transaction', async () => {
    const store = openKeeping();
    expect(store.hasEventSync('tax-collection', 'E1')).toBe(false);
    store.appendEvents([event('E1', 1)]);
    expect(store.hasEventSync('tax-collection', 'E1')).toBe(true);
    await store.transaction(() => {
      store.appendEvents([event('E2', 2)]);
      expect(store.hasEventSync('tax-collection', 'E2')).toBe(true);
    });
    expect(store.hasEventSync('tax-collection', 'E2')).toBe(true);
  });

  it('sees a hook group as soon as the background writer has committed it', async () => {
    const store = openKeeping();
    expect(store.hasEventSync('tax-collection', 'G1')).toBe(false);
    const appended = store.appendEventsDetached(() => [event('G1', 1)]);
    // The snapshot begun before the group's commit is ended when the writer answers.
    expect(store.hasEventSync('tax-collection', 'G1')).toBe(false);
    await appended;
    expect(store.hasEventSync('tax-collection', 'G1')).toBe(true);
  });

  it('sees another process\'s events within a millisecond', async () => {
    const { store, file } = open();
    const other = openSqliteStore(file);
    later(() => other.close());
    expect(store.hasEventSync('tax-collection', 'X1')).toBe(false);
    other.appendEvents([event('X1', 1)]);
    await pastSnapshot();
    expect(store.hasEventSync('tax-collection', 'X1')).toBe(true);
  });

  it('leaves no read transaction open when idle: a checkpoint can then copy the whole WAL and reset it', async () => {
    const { store, file } = open();
    const other = openSqliteStore(file);
    later(() => other.close());
    other.appendEvents([event('X1', 1)]);
    expect(store.hasEventSync('tax-collection', 'X2')).toBe(false);
    await pastSnapshot();
    other.appendEvents([event('X2', 2)]);
    // busy 0: no reader held a snapshot older than the last commit.
    expect(other.db.pragma('wal_checkpoint(TRUNCATE)')).toEqual([{ busy: 0, log: 0, checkpointed: 0 }]);
  });
});

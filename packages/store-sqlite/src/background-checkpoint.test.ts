import { statSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { BackgroundCheckpoint } from './background-checkpoint.js';
import { openSqliteStore } from './open-sqlite-store.js';
import type { SqliteStore } from './sqlite-store.js';
import { event, tempDir } from './test-support.js';

async function until(condition: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
  for (const start = Date.now(); !condition(); await sleep(25)) {
    if (Date.now() - start > timeoutMs) throw new Error(`gave up waiting for ${what}`);
  }
}

describe('background checkpoint', () => {
  const cleanups: (() => void)[] = [];
  afterEach(() => { for (const c of cleanups.splice(0)) c(); });

  function open(): { store: SqliteStore; file: string } {
    const t = tempDir();
    const store = openSqliteStore(t.file, { backgroundCheckpoint: true });
    cleanups.push(() => { store.close(); t.remove(); });
    return { store, file: t.file };
  }

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
    cleanups.push(() => { store.close(); t.remove(); });
    const checkpoint = new BackgroundCheckpoint(store.db, t.file, 10);
    expect(store.db.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
    await checkpoint.stop();
    expect(store.db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
  });

  it('is not used for an in-memory store', () => {
    const store = openSqliteStore(':memory:', { backgroundCheckpoint: true });
    cleanups.push(() => store.close());
    expect(store.db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
  });
});

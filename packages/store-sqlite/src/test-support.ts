import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ActivityEvent } from '@kaoping/contract';
import { afterEach } from 'vitest';
import Database from 'better-sqlite3';
import { migrate } from './migrate.js';
import { MIGRATIONS } from './migrations/index.js';
import { openSqliteStore, type SqliteStoreOptions } from './open-sqlite-store.js';
import type { SqliteStore } from './sqlite-store.js';

/** A fresh folder in the OS temp dir and a remover, for tests that need a real database file. */
export function tempDir(): { dir: string; file: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'kaoping-store-'));
  return { dir, file: join(dir, 'kaoping.db'), remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * A database file as a release before migration `version` left it (the steps before it only), open
 * on a raw connection for the test to write old-format rows; close it, then open the store to migrate.
 */
export function fileBeforeMigration(version: number): { db: Database.Database; file: string; remove: () => void } {
  const t = tempDir();
  const db = new Database(t.file);
  migrate(db, t.file, MIGRATIONS.filter((m) => m.version < version));
  return { db, file: t.file, remove: t.remove };
}

/** Opens a store on a real file (or in memory) and gives back a cleanup that closes and deletes it. */
export function openTestStore(where: 'file' | 'memory', options: SqliteStoreOptions = {}): { store: SqliteStore; file: string; cleanup: () => void } {
  if (where === 'memory') {
    const store = openSqliteStore(':memory:');
    return { store, file: ':memory:', cleanup: () => store.close() };
  }
  const t = tempDir();
  const store = openSqliteStore(t.file, options);
  return { store, file: t.file, cleanup: () => { store.close(); t.remove(); } };
}

export function event(id: string, occurredAt: number, over: Partial<ActivityEvent> = {}): ActivityEvent {
  return {
    id, source: 'tax-collection', type: 'tax.matter.completed', actorId: 'P001', unitId: 'U01', occurredAt,
    attrs: { matterId: id, deadlineAt: occurredAt + 10, done: true, note: null },
    ...over,
  };
}

/**
 * For a describe block: `open()` opens a store on a file of its own with `options`; `later(fn)`
 * queues any other cleanup. After each test every store is closed, its folder removed, and the
 * queue run.
 */
export function storesPerTest(options: SqliteStoreOptions = {}): { open: () => { store: SqliteStore; file: string }; later: (cleanup: () => void) => void } {
  const cleanups: (() => void)[] = [];
  afterEach(() => { for (const c of cleanups.splice(0)) c(); });
  const later = (cleanup: () => void): void => { cleanups.push(cleanup); };
  return {
    open: () => {
      const opened = openTestStore('file', options);
      later(opened.cleanup);
      return opened;
    },
    later,
  };
}

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ActivityEvent } from '@kaoping/contract';
import { openSqliteStore } from './open-sqlite-store.js';
import type { SqliteStore } from './sqlite-store.js';

/** A fresh folder in the OS temp dir and a remover, for tests that need a real database file. */
export function tempDir(): { dir: string; file: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'kaoping-store-'));
  return { dir, file: join(dir, 'kaoping.db'), remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Opens a store on a real file (or in memory) and gives back a cleanup that closes and deletes it. */
export function openTestStore(where: 'file' | 'memory'): { store: SqliteStore; file: string; cleanup: () => void } {
  if (where === 'memory') {
    const store = openSqliteStore(':memory:');
    return { store, file: ':memory:', cleanup: () => store.close() };
  }
  const t = tempDir();
  const store = openSqliteStore(t.file);
  return { store, file: t.file, cleanup: () => { store.close(); t.remove(); } };
}

export function event(id: string, occurredAt: number, over: Partial<ActivityEvent> = {}): ActivityEvent {
  return {
    id, source: 'tax-collection', type: 'tax.matter.completed', actorId: 'P001', unitId: 'U01', occurredAt,
    attrs: { matterId: id, deadlineAt: occurredAt + 10, done: true, note: null },
    ...over,
  };
}

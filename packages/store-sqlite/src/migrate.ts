import { kpError } from '@kaoping/contract';
import type { Database } from 'better-sqlite3';
import { MIGRATIONS, type Migration } from './migrations/index.js';

const VERSION_KEY = 'schema_version';

/** The schema version recorded in the file; 0 for a fresh file (no meta table yet). */
export function readSchemaVersion(db: Database): number {
  const hasMeta = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'meta'").get();
  if (hasMeta === undefined) return 0;
  const row = db.prepare('SELECT value FROM meta WHERE key = ?').get(VERSION_KEY) as { value: string } | undefined;
  return row === undefined ? 0 : Number(row.value);
}

/**
 * Brings the file up to the newest schema. All pending steps run in one IMMEDIATE transaction and
 * the version is re-read inside it, so two processes opening the same new file do not both migrate.
 * Returns the versions applied (empty when the file was already current).
 */
export function migrate(db: Database, file: string, migrations: readonly Migration[] = MIGRATIONS): number[] {
  const latest = migrations.length === 0 ? 0 : migrations[migrations.length - 1].version;
  const applied: number[] = [];
  db.exec('BEGIN IMMEDIATE');
  try {
    const current = readSchemaVersion(db);
    if (current > latest) {
      throw kpError(
        'KP_ERR_STORE',
        `database ${file} has schema version ${current}, but this @kaoping/store-sqlite knows versions up to ${latest}; upgrade Kaoping to open it, or point the store at another file`,
      );
    }
    for (const m of migrations) {
      if (m.version <= current) continue;
      db.exec(m.up);
      m.data?.(db);
      db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value')
        .run(VERSION_KEY, String(m.version));
      applied.push(m.version);
    }
    db.exec('COMMIT');
  } catch (e) {
    if (db.inTransaction) db.exec('ROLLBACK');
    throw e;
  }
  return applied;
}

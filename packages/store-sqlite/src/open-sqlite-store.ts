import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { kpError } from '@kaoping/contract';
import Database from 'better-sqlite3';
import { BackgroundWriter } from './background-writer.js';
import { EventKeySnapshot } from './event-key-snapshot.js';
import { migrate } from './migrate.js';
import { SqliteStore } from './sqlite-store.js';

/** The file a Kaoping installation keeps everything in, relative to its working folder. */
export const DEFAULT_DB_FILE = 'kaoping.db';

export interface SqliteStoreOptions {
  /** How long a writer waits for another process's lock before failing (ms). Default 5000. */
  busyTimeoutMs?: number;
  /** Page cache size in MiB. Default 64. */
  cacheSizeMiB?: number;
  /**
   * Copy the WAL into the database from a worker thread rather than inside the commit that fills it,
   * and write the hook's event groups there too (`appendEventsDetached`); a file database only. For
   * servers, whose tail latency those commits would make and whose request thread the groups' writes
   * would slow. Duplicate checks then also read a connection of their own (EventKeySnapshot).
   * Default false.
   */
  backgroundCheckpoint?: boolean;
}

/**
 * Opens (creating if needed) a Kaoping SQLite store and migrates it to the current schema.
 * `':memory:'` gives a private in-memory database, handy in tests.
 */
export function openSqliteStore(path: string, options: SqliteStoreOptions = {}): SqliteStore {
  const memory = path === ':memory:';
  let db: Database.Database;
  try {
    if (!memory) mkdirSync(dirname(path), { recursive: true });
    db = new Database(path);
  } catch (e) {
    throw kpError('KP_ERR_STORE', `cannot open database ${path}: ${(e as Error).message}`);
  }
  try {
    configure(db, options);
    migrate(db, path);
  } catch (e) {
    db.close();
    if ((e as { code?: string }).code === 'KP_ERR_STORE') throw e;
    throw kpError('KP_ERR_STORE', `cannot prepare database ${path}: ${(e as Error).message}`);
  }
  const store = new SqliteStore(db);
  try {
    store.restoreDeferredIndexes();
  } catch (e) {
    store.close();
    throw kpError('KP_ERR_STORE', `cannot rebuild the event indexes of ${path} left by an interrupted bulk load: ${(e as Error).message}`);
  }
  if (options.backgroundCheckpoint && !memory) {
    store.writeInBackground(new BackgroundWriter(db, path));
    store.checkDuplicatesOn(new EventKeySnapshot(path, db.pragma('busy_timeout', { simple: true }) as number));
  }
  return store;
}

// WAL lets readers (the dashboard) run while an import writes; with WAL, synchronous=NORMAL only
// risks the last transactions on power loss, never corruption, and makes commits cheap.
function configure(db: Database.Database, options: SqliteStoreOptions): void {
  db.pragma(`busy_timeout = ${Math.max(0, Math.trunc(options.busyTimeoutMs ?? 5000))}`);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma(`cache_size = ${-1024 * Math.max(1, Math.trunc(options.cacheSizeMiB ?? 64))}`);
  db.pragma('temp_store = MEMORY');
}

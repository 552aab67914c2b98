/**
 * The least any importer into the SQLite store must spend: the events an import stored, read back
 * into memory first (not timed), appended to a fresh store in transactions of 20,000 through the
 * store's own bulk load — unique key checked, attrs serialised, secondary indexes rebuilt at the
 * end — with no reading, mapping, validation or states. Prints the seconds as JSON.
 */
import type { ActivityEvent } from '@kaoping/contract';
import { openSqliteStore } from '@kaoping/store-sqlite';
import Database from 'better-sqlite3';

const BATCH = 20_000;
const [importedDb, freshDb] = process.argv.slice(2);

type Row = [string, string, string, string | null, string | null, number, string];

function storedEvents(path: string): ActivityEvent[] {
  const db = new Database(path, { readonly: true });
  try {
    const rows = db.prepare('SELECT source, id, type, actor_id, unit_id, occurred_at, attrs FROM events ORDER BY rowid').raw(true).all() as Row[];
    return rows.map(([source, id, type, actorId, unitId, occurredAt, attrs]) => ({ source, id, type, actorId, unitId, occurredAt, attrs: JSON.parse(attrs) }));
  } finally {
    db.close();
  }
}

const events = storedEvents(importedDb);
const store = openSqliteStore(freshDb);
const started = process.hrtime.bigint();
store.bulkLoadSync(() => {
  for (let i = 0; i < events.length; i += BATCH) {
    const chunk = events.slice(i, i + BATCH);
    store.transactionSync(() => store.appendEventsSync(chunk));
  }
});
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
store.close();
console.log(JSON.stringify({ seconds, events: events.length }));

import { kpError, type ActivityEvent, type AttrValue, type EventQuery } from '@kaoping/contract';
import type { Statement } from 'better-sqlite3';
import { EVENT_COLUMNS, eventWhere, scanIndex, type EventCursor, type ScanIndex } from './event-query.js';
import type { EventKeySnapshot } from './event-key-snapshot.js';
import type { Sql } from './sql.js';

/** A type filter matching at most this many batches' worth of events is scanned through the type index. */
const FEW_BATCHES = 20;
/**
 * Events per multi-row INSERT, largest first: one statement step for many rows saves most of the
 * per-call cost of better-sqlite3 (binding, stepping, crossing into native code), a third of an
 * import's insert time. The smaller sizes serve the hook's group commits (tens of events).
 */
const ROWS_PER_INSERT = [50, 16, 4] as const;
const EVENT_PARAMS = 7;

type EventRow = [source: string, id: string, type: string, actorId: string | null, unitId: string | null, occurredAt: number, attrs: string];
/** A scanned row: the event's columns, then its rowid (the scan's tie-breaker and cursor). */
type ScanRow = [...EventRow, rowid: number];

/**
 * The INSERT of `rows` events, skipping those already stored. ON CONFLICT (source, id) rather than
 * INSERT OR IGNORE: OR IGNORE would also skip rows that break NOT NULL or CHECK, and a malformed
 * event would be reported as a mere duplicate.
 */
export function insertEventsSql(rows: number): string {
  return `INSERT INTO events (${EVENT_COLUMNS}) VALUES ${new Array<string>(rows).fill('(?, ?, ?, ?, ?, ?, ?)').join(', ')} ON CONFLICT (source, id) DO NOTHING`;
}

/** Writes an event's values, in EVENT_COLUMNS order (attrs as JSON text), into `p` from `at`. */
function putEventParams(p: unknown[], at: number, e: ActivityEvent): void {
  p[at] = e.source;
  p[at + 1] = e.id;
  p[at + 2] = e.type;
  p[at + 3] = e.actorId ?? null;
  p[at + 4] = e.unitId ?? null;
  p[at + 5] = e.occurredAt;
  p[at + 6] = JSON.stringify(e.attrs);
}

/** An event's values for one row of `insertEventsSql(1)`. */
export function eventParams(e: ActivityEvent): unknown[] {
  const p = new Array<unknown>(EVENT_PARAMS);
  putEventParams(p, 0, e);
  return p;
}

/** The append-only event log: idempotent appends, keyset-paged scans. */
export class EventLog {
  /** Off while a bulk load has dropped the indexes the scan hints name. */
  indexHints = true;
  readonly #sql: Sql;
  readonly #insert: Statement;
  /** Per size of ROWS_PER_INSERT: its statement and its reused parameter array. */
  readonly #insertMany: { rows: number; stmt: Statement; params: unknown[] }[];
  readonly #maxRowid: Statement;
  readonly #insertedAfter: Statement;
  readonly #getOne: Statement;
  readonly #hasOne: Statement;
  #snapshot: EventKeySnapshot | undefined;

  constructor(sql: Sql) {
    this.#sql = sql;
    this.#insert = sql.db.prepare(insertEventsSql(1));
    this.#insertMany = ROWS_PER_INSERT.map((rows) => ({ rows, stmt: sql.db.prepare(insertEventsSql(rows)), params: new Array<unknown>(rows * EVENT_PARAMS) }));
    this.#maxRowid = sql.db.prepare('SELECT coalesce(max(rowid), 0) FROM events').pluck(true);
    this.#insertedAfter = sql.db.prepare('SELECT source, id FROM events WHERE rowid > ?').raw(true);
    this.#getOne = sql.db.prepare(`SELECT ${EVENT_COLUMNS} FROM events WHERE source = ? AND id = ?`).raw(true);
    this.#hasOne = sql.db.prepare('SELECT 1 FROM events WHERE source = ? AND id = ?').pluck(true);
  }

  /** Duplicate checks outside a transaction go to `snapshot` (see EventKeySnapshot). */
  checkDuplicatesOn(snapshot: EventKeySnapshot): void {
    this.#snapshot = snapshot;
  }

  /** Events were committed elsewhere (the background writer): duplicate checks must see them now. */
  committedElsewhere(): void {
    this.#snapshot?.end();
  }

  /** Per event: true if it was stored now, false if `(source, id)` was already there. */
  append(events: readonly ActivityEvent[]): boolean[] {
    const fresh = new Array<boolean>(events.length);
    // Checks inside this transaction read this connection; after its commit, a snapshot begun anew.
    this.#snapshot?.end();
    this.#sql.atomic(() => {
      let i = 0;
      try {
        // Appends never delete, so the rows a statement stores take the rowids right after the
        // largest one before it: that tells which events were new when some were duplicates.
        let last: number | undefined;
        for (const many of this.#insertMany) {
          while (events.length - i >= many.rows) {
            last ??= this.lastRowid();
            const next = this.#appendMany(many, events, i, last, fresh);
            // A statement that failed stored nothing: row by row from there names the event at fault.
            if (next === undefined) break;
            last = next;
            i += many.rows;
          }
          if (events.length - i >= many.rows) break;
        }
        for (; i < events.length; i++) fresh[i] = this.#appendOne(events[i]);
      } catch (err) {
        const e = events[i];
        throw kpError('KP_ERR_STORE', `cannot append event ${e?.source}/${e?.id} (#${i} of the batch): ${(err as Error).message}`);
      }
    });
    return fresh;
  }

  #appendOne(e: ActivityEvent): boolean {
    return this.#insert.run(eventParams(e)).changes === 1;
  }

  /** Stores events[from, from + many.rows) in one statement; the largest rowid after it, undefined if it failed. */
  #appendMany(many: { rows: number; stmt: Statement; params: unknown[] }, events: readonly ActivityEvent[], from: number, last: number, fresh: boolean[]): number | undefined {
    const { rows, stmt, params: p } = many;
    for (let j = 0; j < rows; j++) putEventParams(p, j * EVENT_PARAMS, events[from + j]);
    let changes: number;
    try {
      changes = stmt.run(p).changes;
    } catch {
      return undefined;
    }
    if (changes === rows) fresh.fill(true, from, from + rows);
    else this.#markStored(events, from, from + rows, last, fresh);
    return last + changes;
  }

  /** Which of a statement's events (events[from, to)) were stored: the rows after `last`, each claimed by its first event. */
  #markStored(events: readonly ActivityEvent[], from: number, to: number, last: number, fresh: boolean[]): void {
    const stored = new Set<string>();
    for (const [source, id] of this.#insertedAfter.iterate(last) as IterableIterator<[string, string]>) stored.add(`${source}\u0000${id}`);
    for (let j = from; j < to; j++) fresh[j] = stored.delete(`${events[j].source}\u0000${events[j].id}`);
  }

  /**
   * Streams matching events ordered by occurredAt, ties in the order they were stored (rowid).
   * Each batch is its own short query
   * resuming after the previous batch's last row, drained before it is yielded: the connection is
   * free while the caller works on a batch (better-sqlite3 refuses writes while a cursor is open),
   * and memory holds one batch, never the whole log.
   */
  async *scan(query: EventQuery, batchSize: number): AsyncGenerator<ActivityEvent[]> {
    if (!(batchSize >= 1)) throw kpError('KP_ERR_STORE', `scanEvents batch size must be at least 1, got ${batchSize}`);
    let remaining = query.limit ?? Infinity;
    let after: EventCursor | undefined;
    const index = this.planScan(query, batchSize);
    while (remaining > 0) {
      const take = Math.min(batchSize, remaining);
      const { batch, cursor } = this.#page(query, index, after, take);
      if (cursor === undefined) return;
      remaining -= batch.length;
      after = cursor;
      yield batch;
      if (batch.length < take) return;
    }
  }

  /**
   * The index a scan will walk (undefined: left to SQLite, while a bulk load has dropped the
   * indexes). A type filter is counted first through the type index — an index-only count, cheap
   * next to the scan — to tell a rare type from a common one.
   */
  planScan(query: EventQuery, batchSize: number): ScanIndex | undefined {
    if (!this.indexHints) return undefined;
    const typeMatches = query.types !== undefined && query.actorId === undefined && !query.attrs?.length
      ? this.#countTypes(query, FEW_BATCHES * batchSize + 1)
      : undefined;
    return scanIndex(query, typeMatches, FEW_BATCHES * batchSize);
  }

  #countTypes(query: EventQuery, cap: number): number {
    const { where, params } = eventWhere({ from: query.from, to: query.to, types: query.types });
    return this.#sql.stmt(
      `SELECT count(*) FROM (SELECT 1 FROM events INDEXED BY events_by_type_time ${where} LIMIT ?)`,
      'pluck',
    ).get(...params, cap) as number;
  }

  #page(
    query: EventQuery, index: ScanIndex | undefined, after: EventCursor | undefined, take: number,
  ): { batch: ActivityEvent[]; cursor: EventCursor | undefined } {
    const { where, params } = eventWhere(query, after);
    const stmt = this.#sql.stmt(
      `SELECT ${EVENT_COLUMNS}, rowid FROM events ${index === undefined ? '' : `INDEXED BY ${index}`} ${where} ORDER BY occurred_at, rowid LIMIT ?`,
      'raw',
    );
    const batch: ActivityEvent[] = [];
    let cursor: EventCursor | undefined;
    for (const row of stmt.iterate(...params, take) as IterableIterator<ScanRow>) {
      batch.push(toEvent(row));
      cursor = [row[5], row[7]];
    }
    return { batch, cursor };
  }

  /** The largest rowid stored (0 for none): events are never deleted, so later appends lie above it. */
  lastRowid(): number {
    return this.#maxRowid.get() as number;
  }

  /** The events stored after `rowid`, in the order they were stored. */
  after(rowid: number): ActivityEvent[] {
    const rows = this.#sql.stmt(`SELECT ${EVENT_COLUMNS} FROM events WHERE rowid > ? ORDER BY rowid`, 'raw').all(rowid) as EventRow[];
    return rows.map(toEvent);
  }

  /** Whether `(source, id)` is stored: one look-up in the unique index, no row read. */
  has(source: string, id: string): boolean {
    // Inside a transaction only this connection sees the events it has written and not committed.
    if (this.#snapshot !== undefined && !this.#sql.db.inTransaction) return this.#snapshot.has(source, id);
    return this.#hasOne.get(source, id) !== undefined;
  }

  /** The stored events for the given keys, in the order asked; unknown keys are skipped. */
  get(keys: readonly { source: string; id: string }[]): ActivityEvent[] {
    const found: ActivityEvent[] = [];
    for (const k of keys) {
      const row = this.#getOne.get(k.source, k.id) as EventRow | undefined;
      if (row !== undefined) found.push(toEvent(row));
    }
    return found;
  }

  /** With `limit`, counts no further than it: "is there any event" reads one row, not 31 M. */
  count(query: EventQuery = {}): number {
    const { where, params } = eventWhere(query);
    if (query.limit === undefined) return this.#sql.stmt(`SELECT count(*) FROM events ${where}`, 'pluck').get(...params) as number;
    return this.#sql.stmt(`SELECT count(*) FROM (SELECT 1 FROM events ${where} LIMIT ?)`, 'pluck').get(...params, Math.max(0, Math.trunc(query.limit))) as number;
  }
}

function toEvent(row: EventRow | ScanRow): ActivityEvent {
  return {
    id: row[1],
    source: row[0],
    type: row[2],
    actorId: row[3],
    unitId: row[4],
    occurredAt: row[5],
    attrs: JSON.parse(row[6]) as Record<string, AttrValue>,
  };
}

import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { encodeSegment, type ColumnarSegment, type EventRow } from './columnar-segment.js';
import type { FileBuffer } from './file-buffer.js';
import { readSegment, writeSegment } from './segment-file.js';

/** The folder of a database's columnar copy: beside the file, named after it. */
export function defaultCacheDir(dbPath: string): string {
  return `${dbPath}.columnar`;
}

interface RangeKey {
  maxRowid: number;
  lastKey: string;
}

/**
 * What the events table holds in a rowid range now, found in two b-tree descents. The table is
 * append-only (triggers refuse UPDATE and DELETE) and each insert takes the next rowid, so a range
 * fills from its low end without gaps and its highest rowid says how much of it is there; the
 * (source, id) of that row tells this database from another one with the same row counts.
 */
function rangeKey(db: Database.Database, from: number, to: number): RangeKey {
  const last = db.prepare('SELECT rowid AS maxRowid, source, id FROM events WHERE rowid BETWEEN ? AND ? ORDER BY rowid DESC LIMIT 1').get(from, to) as { maxRowid: number; source: string; id: string } | undefined;
  return last === undefined ? { maxRowid: 0, lastKey: '' } : { maxRowid: last.maxRowid, lastKey: `${last.source}\u0000${last.id}` };
}

function current(seg: ColumnarSegment | undefined, key: RangeKey): seg is ColumnarSegment {
  return seg !== undefined && seg.maxRowid === key.maxRowid && seg.lastKey === key.lastKey;
}

/**
 * The columnar segment of a rowid range: read from the cache folder when it is current, else
 * built from the events table (the one pass that parses attrs JSON) and written for next time.
 * A folder that cannot be written only costs the caching, never the evaluation. With `buffer`, a
 * segment read from the folder lives in that reused buffer, so it is good until the buffer's next read.
 */
export function loadSegment(db: Database.Database, cacheDir: string, from: number, to: number, buffer?: FileBuffer): { segment: ColumnarSegment; built: boolean } {
  const file = join(cacheDir, `events-${from}-${to}.seg`);
  const key = rangeKey(db, from, to);
  const cached = readSegment(file, buffer);
  if (current(cached, key)) return { segment: cached, built: false };
  const rows = db.prepare('SELECT rowid, source, id, type, actor_id, unit_id, occurred_at, attrs FROM events NOT INDEXED WHERE rowid BETWEEN ? AND ?').raw(true).iterate(from, to) as IterableIterator<EventRow>;
  const segment = encodeSegment(from, to, rows);
  try {
    mkdirSync(cacheDir, { recursive: true });
    writeSegment(file, segment);
  } catch {
    // Read-only folder or full disk: evaluate from memory this time.
  }
  return { segment, built: true };
}

import { kpError, type AttrCondition, type EventQuery } from '@kaoping/contract';

/** The position of the last row a scan returned: scans resume strictly after it. */
export type EventCursor = readonly [occurredAt: number, rowid: number];

export const EVENT_COLUMNS = 'source, id, type, actor_id, unit_id, occurred_at, attrs';

/**
 * The WHERE clause for an EventQuery. `unitIds` matches the event's own unit, or — for an event
 * without one — the actor's unit in the directory, the same fallback the kernel applies.
 */
export function eventWhere(query: EventQuery, after?: EventCursor): { where: string; params: unknown[] } {
  const clauses: string[] = [];
  const params: unknown[] = [];
  // Once a scan has a cursor, the cursor is the lower bound (it is ≥ from); keeping `from` beside it
  // would make SQLite range-scan from `from` on every batch and filter, quadratic over a long scan.
  if (query.from !== undefined && after === undefined) {
    clauses.push('occurred_at >= ?');
    params.push(query.from);
  }
  if (query.to !== undefined) {
    clauses.push('occurred_at < ?');
    params.push(query.to);
  }
  if (query.types !== undefined) {
    clauses.push(`type IN (${placeholders(query.types.length)})`);
    params.push(...query.types);
  }
  if (query.actorId !== undefined) {
    clauses.push('actor_id = ?');
    params.push(query.actorId);
  }
  if (query.unitIds !== undefined) {
    clauses.push(
      `COALESCE(unit_id, (SELECT p.unit_id FROM people p WHERE p.id = events.actor_id)) IN (${placeholders(query.unitIds.length)})`,
    );
    params.push(...query.unitIds);
  }
  if (query.source !== undefined) {
    clauses.push('source = ?');
    params.push(query.source);
  }
  for (const c of query.attrs ?? []) attrClauses(c, clauses, params);
  if (after !== undefined) {
    clauses.push('(occurred_at, rowid) > (?, ?)');
    params.push(...after);
  }
  return { where: clauses.length === 0 ? '' : `WHERE ${clauses.join(' AND ')}`, params };
}

const NUMBER = "json_type(attrs, ?) IN ('integer', 'real')";

/** SQL for an attribute condition, with the contract's meaning: a JSON true or a numeric text is not a number. */
function attrClauses(c: AttrCondition, clauses: string[], params: unknown[]): void {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(c.name)) {
    throw kpError('KP_ERR_STORE', `event query: attribute name ${JSON.stringify(c.name)} is not a plain identifier (letters, digits, _); ask for one of the event's own attribute names`);
  }
  const path = `$.${c.name}`;
  if (c.atMost !== undefined) {
    clauses.push(`(${NUMBER} AND json_extract(attrs, ?) <= ?)`);
    params.push(path, path, c.atMost);
  }
  if (c.absentOrAbove !== undefined) {
    clauses.push(`(NOT COALESCE(${NUMBER}, 0) OR json_extract(attrs, ?) > ?)`);
    params.push(path, path, c.absentOrAbove);
  }
}

export type ScanIndex = 'events_by_actor_time' | 'events_by_type_time' | 'events_by_time';

/**
 * Which index a scan walks. Each batch is a fresh query ordered by (occurred_at, rowid):
 * - the time index yields that order directly, so a batch is a range read — right when many rows match;
 * - the actor or type index finds few matching rows fast but must sort them again for every batch,
 *   which only pays when the matches are few (one person's events; a rare type such as sanctions,
 *   which the time index would find only by visiting every event of the window).
 * `typeMatches` is the number of events of the wanted types in the window, when the caller counted it.
 * A type filter with attribute conditions walks the type index without counting.
 */
export function scanIndex(query: EventQuery, typeMatches?: number, fewRows = Infinity): ScanIndex {
  if (query.actorId !== undefined) return 'events_by_actor_time';
  // Attribute conditions keep few of a type's events (open matters near their deadline), as a rare
  // type does; through the time index SQLite would read every event of every type in the window.
  if (query.types !== undefined && query.attrs?.length) return 'events_by_type_time';
  if (typeMatches !== undefined && typeMatches <= fewRows) return 'events_by_type_time';
  return 'events_by_time';
}

function placeholders(n: number): string {
  // An empty list must match nothing, as `IN ()` would mean in set terms; SQLite rejects `IN ()`.
  return n === 0 ? 'NULL' : new Array<string>(n).fill('?').join(', ');
}

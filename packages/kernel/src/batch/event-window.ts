import type { Period } from '@kaoping/contract';
import type { DispatchTable } from '../engine/dispatch.js';

/**
 * Which stored events can count in one period, as a filter SQLite applies before a row is decoded:
 * event-time consumers read [start, end); period-end consumers (stocks) read everything before the
 * end, earlier years included. `accumulate` still decides exactly; this only skips rows it would
 * ignore anyway, so the JSON of most other periods' events is never parsed.
 */
export interface EventWindow {
  /** Types some period-end consumer reads: any event before `end`. */
  openTypes: string[];
  /** Types only event-time consumers read: events in [start, end). */
  windowTypes: string[];
  start: number;
  end: number;
}

export function eventWindow(dispatch: DispatchTable, period: Period): EventWindow {
  const open = new Set<string>();
  const windowed = new Set<string>();
  for (const c of dispatch.consumers()) {
    // A consumer whose period kinds cannot hold this period (a rule, for a quarter) builds nothing.
    if (!c.periods.kinds.includes(period.kind)) continue;
    for (const type of c.def.consumes) (c.attribution === 'period-end' ? open : windowed).add(type);
  }
  for (const type of open) windowed.delete(type);
  return { openTypes: [...open].sort(), windowTypes: [...windowed].sort(), start: period.start, end: period.end };
}

/**
 * The query for one rowid range. NOT INDEXED keeps SQLite on the rowid range: left to itself it
 * prefers the (type, occurred_at) index for the type filter and then walks every partition's worth
 * of the whole table once per partition.
 */
export function windowQuery(w: EventWindow): { sql: string; params: (from: number, to: number) => unknown[] } {
  const marks = (n: number) => new Array<string>(n).fill('?').join(', ');
  const alternatives: string[] = [];
  if (w.openTypes.length) alternatives.push(`type IN (${marks(w.openTypes.length)})`);
  if (w.windowTypes.length) alternatives.push(`(occurred_at >= ? AND type IN (${marks(w.windowTypes.length)}))`);
  const match = alternatives.length ? alternatives.join(' OR ') : '0';
  const sql = `SELECT source, id, type, actor_id, unit_id, occurred_at, attrs FROM events NOT INDEXED WHERE rowid BETWEEN ? AND ? AND occurred_at < ? AND (${match})`;
  const fixed: unknown[] = [w.end, ...w.openTypes, ...(w.windowTypes.length ? [w.start, ...w.windowTypes] : [])];
  return { sql, params: (from, to) => [from, to, ...fixed] };
}

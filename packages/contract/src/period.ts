import { kpError } from './errors.js';
import type { Period, PeriodId, PeriodKind } from './model.js';

/** Periods are read in Asia/Shanghai local time (UTC+8, no daylight saving). */
export const LOCAL_OFFSET_MS = 8 * 3_600_000;

const PERIOD_RE = /^(\d{4})(?:-(?:Q([1-4])|(0[1-9]|1[0-2])))?$/;

function localMonthStart(year: number, month0: number): number {
  return Date.UTC(year, month0, 1) - LOCAL_OFFSET_MS;
}

function makePeriod(id: PeriodId, kind: PeriodKind, year: number, month0: number, months: number): Period {
  return Object.freeze({
    id,
    kind,
    year,
    start: localMonthStart(year, month0),
    end: localMonthStart(year, month0 + months),
    months,
  });
}

const cache = new Map<string, Period>();

/** Parses `2026`, `2026-Q3` or `2026-11`; throws KP_ERR_PERIOD_INVALID otherwise. */
export function parsePeriod(id: PeriodId): Period {
  const hit = cache.get(id);
  if (hit) return hit;
  const m = PERIOD_RE.exec(id);
  if (!m) throw kpError('KP_ERR_PERIOD_INVALID', id);
  const year = Number(m[1]);
  let p: Period;
  if (m[2]) p = makePeriod(id, 'quarter', year, (Number(m[2]) - 1) * 3, 3);
  else if (m[3]) p = makePeriod(id, 'month', year, Number(m[3]) - 1, 1);
  else p = makePeriod(id, 'year', year, 0, 12);
  cache.set(id, p);
  return p;
}

export function isPeriodId(id: string): boolean {
  return PERIOD_RE.test(id);
}

/** Local calendar year and month (0-based) of an instant. */
export function localYearMonth(ts: number): { year: number; month0: number } {
  const d = new Date(ts + LOCAL_OFFSET_MS);
  return { year: d.getUTCFullYear(), month0: d.getUTCMonth() };
}

export function yearId(year: number): PeriodId {
  return String(year);
}

export function quarterId(year: number, month0: number): PeriodId {
  return `${year}-Q${Math.floor(month0 / 3) + 1}`;
}

export function monthId(year: number, month0: number): PeriodId {
  return `${year}-${String(month0 + 1).padStart(2, '0')}`;
}

/** The period of the given kind that contains the instant. */
export function periodOf(ts: number, kind: PeriodKind): Period {
  const { year, month0 } = localYearMonth(ts);
  if (kind === 'year') return parsePeriod(yearId(year));
  if (kind === 'quarter') return parsePeriod(quarterId(year, month0));
  return parsePeriod(monthId(year, month0));
}

/** Every period of the given kinds whose window intersects [from, to). */
export function periodsBetween(from: number, to: number, kinds: readonly PeriodKind[]): Period[] {
  const out: Period[] = [];
  if (!(to > from)) return out;
  for (const kind of kinds) {
    let p = periodOf(from, kind);
    while (p.start < to) {
      out.push(p);
      p = periodOf(p.end, kind);
    }
  }
  return out;
}

/** The months of a year or quarter (or the month itself), in order. */
export function monthsOf(period: Period): Period[] {
  return periodsBetween(period.start, period.end, ['month']);
}

/** Whether `inner` lies within `outer` (a month within its quarter and year, …). */
export function periodContains(outer: Period, inner: Period): boolean {
  return inner.start >= outer.start && inner.end <= outer.end;
}

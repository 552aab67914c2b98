import { LOCAL_OFFSET_MS } from '../period.js';

/** Host exports write local time of this zone unless the config says otherwise. */
export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

/** Zones with one offset all year, so the hot path never calls Intl. */
const FIXED_OFFSETS: Record<string, number> = {
  'Asia/Shanghai': LOCAL_OFFSET_MS,
  'Asia/Chongqing': LOCAL_OFFSET_MS,
  PRC: LOCAL_OFFSET_MS,
  UTC: 0,
  'Etc/UTC': 0,
};

export type HostTimeProblem = 'format' | 'no-such-date';

/** Why a host date or time could not be read; `problem` says which way it failed. */
export class HostTimeError extends Error {
  readonly problem: HostTimeProblem;
  readonly input: string;
  constructor(problem: HostTimeProblem, input: string) {
    super(problem === 'format'
      ? `"${input}" is not a date: expected YYYY-MM-DD, YYYY-MM-DD HH:mm:ss or ISO 8601 with offset`
      : `"${input}" is not a calendar date or time that exists`);
    this.name = 'HostTimeError';
    this.problem = problem;
    this.input = input;
  }
}

const TIME_RE = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}(?::?\d{2})?)?)?$/;
const MONTH_RE = /^(\d{4})-(\d{2})$/;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterOf(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Whether `timeZone` is an IANA zone this runtime knows (for config validation). */
export function isKnownTimeZone(timeZone: string): boolean {
  if (timeZone in FIXED_OFFSETS) return true;
  try {
    formatterOf(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** Offset of `timeZone` from UTC at the instant `utcMs`, in ms. */
export function zoneOffsetAt(timeZone: string, utcMs: number): number {
  const fixed = FIXED_OFFSETS[timeZone];
  if (fixed !== undefined) return fixed;
  const parts: Record<string, number> = {};
  for (const p of formatterOf(timeZone).formatToParts(new Date(utcMs))) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  const asUtc = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second);
  return asUtc - Math.floor(utcMs / 1000) * 1000;
}

/** The instant of a wall-clock time in `timeZone`. */
export function localToEpoch(wallAsUtc: number, timeZone: string): number {
  const first = wallAsUtc - zoneOffsetAt(timeZone, wallAsUtc);
  const fixed = FIXED_OFFSETS[timeZone];
  // Near a DST change the offset at the guess differs from the offset at the answer.
  return fixed !== undefined ? first : wallAsUtc - zoneOffsetAt(timeZone, first);
}

/** Date.UTC, but refusing the dates it silently rolls over (2026-02-30 → March 2). */
function wallClock(text: string, y: number, mo: number, d: number, h = 0, mi = 0, s = 0, ms = 0): number {
  const t = Date.UTC(y, mo - 1, d, h, mi, s, ms);
  const back = new Date(t);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d || h > 23 || mi > 59 || s > 59) {
    throw new HostTimeError('no-such-date', text);
  }
  return t;
}

function offsetMs(tz: string): number {
  if (tz === 'Z') return 0;
  const sign = tz[0] === '-' ? -1 : 1;
  const digits = tz.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = digits.length > 2 ? Number(digits.slice(2, 4)) : 0;
  return sign * (hours * 60 + minutes) * 60_000;
}

function d2(s: string, i: number): number {
  const a = s.charCodeAt(i) - 48;
  const b = s.charCodeAt(i + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysIn(year: number, month: number): number {
  return month === 2 && (year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)) ? 29 : DAYS_IN_MONTH[month - 1];
}

const SEP_DATE = 45; // -
const SEP_TIME = 58; // :

/**
 * The common shapes (`YYYY-MM-DD`, `… HH:mm[:ss]`, `…THH:mm:ss±HH:MM`) read by position,
 * without a regex or a Date round-trip: ingest parses three times per record. Returns
 * undefined for anything else (fractions, odd offsets), which takes the regex path.
 */
function parseFast(text: string, timeZone: string): number | undefined {
  const len = text.length;
  if (len < 10 || text.charCodeAt(4) !== SEP_DATE || text.charCodeAt(7) !== SEP_DATE) return undefined;
  const hi = d2(text, 0);
  const lo = d2(text, 2);
  const mo = d2(text, 5);
  const d = d2(text, 8);
  if (hi < 0 || lo < 0 || mo < 0 || d < 0) return undefined;
  const y = hi * 100 + lo;
  if (mo < 1 || mo > 12 || d < 1 || d > daysIn(y, mo)) throw new HostTimeError('no-such-date', text);
  if (len === 10) return localToEpoch(Date.UTC(y, mo - 1, d), timeZone);
  const sep = text.charCodeAt(10);
  if ((sep !== 32 && sep !== 84) || len < 16 || text.charCodeAt(13) !== SEP_TIME) return undefined;
  const h = d2(text, 11);
  const mi = d2(text, 14);
  let sec = 0;
  let pos = 16;
  if (text.charCodeAt(16) === SEP_TIME) {
    sec = d2(text, 17);
    pos = 19;
  }
  if (h < 0 || mi < 0 || sec < 0) return undefined;
  if (h > 23 || mi > 59 || sec > 59) throw new HostTimeError('no-such-date', text);
  const wall = Date.UTC(y, mo - 1, d, h, mi, sec);
  if (pos === len) return localToEpoch(wall, timeZone);
  const rest = text.slice(pos);
  if (rest === 'Z') return wall;
  if (rest.length === 6 && (rest[0] === '+' || rest[0] === '-') && rest.charCodeAt(3) === SEP_TIME) {
    const oh = d2(rest, 1);
    const om = d2(rest, 4);
    if (oh < 0 || om < 0) return undefined;
    return wall - (rest[0] === '-' ? -1 : 1) * (oh * 60 + om) * 60_000;
  }
  return undefined;
}

/**
 * Reads a host time: `YYYY-MM-DD` (local midnight), `YYYY-MM-DD HH:mm[:ss]` (local), or
 * ISO 8601 with an offset (an instant). Local means `timeZone`. Throws HostTimeError.
 */
export function parseHostTime(text: string, timeZone: string = DEFAULT_TIME_ZONE): number {
  const fast = parseFast(text, timeZone);
  if (fast !== undefined) return fast;
  const m = TIME_RE.exec(text);
  if (!m) throw new HostTimeError('format', text);
  const ms = m[7] ? Number(m[7].slice(0, 3).padEnd(3, '0')) : 0;
  const wall = wallClock(text, +m[1], +m[2], +m[3], m[4] ? +m[4] : 0, m[5] ? +m[5] : 0, m[6] ? +m[6] : 0, ms);
  if (m[8]) return wall - offsetMs(m[8]);
  return localToEpoch(wall, timeZone);
}

/** parseHostTime, or null when the text is not a time. */
export function tryParseHostTime(text: string, timeZone: string = DEFAULT_TIME_ZONE): number | null {
  try {
    return parseHostTime(text, timeZone);
  } catch (e) {
    if (e instanceof HostTimeError) return null;
    throw e;
  }
}

/** Local midnight of 1 January of `year`. */
export function localYearStart(year: number, timeZone: string = DEFAULT_TIME_ZONE): number {
  return localToEpoch(Date.UTC(year, 0, 1), timeZone);
}

/** Local start of the month written `YYYY-MM`; throws HostTimeError. */
export function parseHostMonth(text: string, timeZone: string = DEFAULT_TIME_ZONE): number {
  const m = MONTH_RE.exec(text);
  if (!m) throw new HostTimeError('format', text);
  const month = +m[2];
  if (month < 1 || month > 12) throw new HostTimeError('no-such-date', text);
  return localToEpoch(Date.UTC(+m[1], month - 1, 1), timeZone);
}

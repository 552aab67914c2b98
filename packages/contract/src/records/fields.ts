import type { DirectoryView } from '../adapter.js';
import { normalizeCode } from './code.js';
import { invalid, unknownReference } from './defect.js';
import { HostTimeError, parseHostMonth, parseHostTime } from './host-time.js';

/**
 * Field readers for one native record (an NDJSON object, a JSON array item, or a CSV row
 * keyed by column name). Each returns the value or throws a RecordDefect naming the field,
 * so an adapter's mapping reads as a list of fields.
 */
export type NativeRecord = Readonly<Record<string, unknown>>;

function isBlank(v: unknown): boolean {
  return v === undefined || v === null || (typeof v === 'string' && v.trim() === '');
}

function asText(rec: NativeRecord, key: string): string {
  const v = rec[key];
  if (typeof v === 'string') return v.trim();
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  throw invalid(`${key} must be text, not ${JSON.stringify(v)}`);
}

/** A required text field, trimmed. */
export function text(rec: NativeRecord, key: string): string {
  if (isBlank(rec[key])) throw invalid(`${key} is missing`, `fill in ${key}`);
  return asText(rec, key);
}

/** An optional text field: null when absent or empty. */
export function optionalText(rec: NativeRecord, key: string): string | null {
  return isBlank(rec[key]) ? null : asText(rec, key);
}

/** A code (staff, unit, record id): normalised with normalizeCode, never empty. */
export function code(rec: NativeRecord, key: string): string {
  const c = normalizeCode(text(rec, key));
  if (c === '') throw invalid(`${key} is missing`, `fill in ${key}`);
  return c;
}

/** A required host time (see parseHostTime) as epoch ms. */
export function time(rec: NativeRecord, key: string, timeZone: string): number {
  if (isBlank(rec[key])) throw invalid(`${key} is missing`, `fill in ${key}`);
  const raw = asText(rec, key);
  try {
    return parseHostTime(raw, timeZone);
  } catch (e) {
    if (e instanceof HostTimeError) throw invalid(`${key} ${e.message}`, `correct ${key}`);
    throw e;
  }
}

/** An optional host time: null when absent, empty or JSON null ("not yet"). */
export function optionalTime(rec: NativeRecord, key: string, timeZone: string): number | null {
  return isBlank(rec[key]) ? null : time(rec, key, timeZone);
}

function asNumber(rec: NativeRecord, key: string): number {
  const v = rec[key];
  const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v.trim()) : Number.NaN;
  if (!Number.isFinite(n)) throw invalid(`${key} ${JSON.stringify(v)} is not a number`, `correct ${key}`);
  return n;
}

/** A number (a JSON number or numeric text) of at least `min`. */
export function number(rec: NativeRecord, key: string, min = -Infinity): number {
  if (isBlank(rec[key])) throw invalid(`${key} is missing`, `fill in ${key}`);
  const n = asNumber(rec, key);
  if (n < min) throw invalid(`${key} ${n} is below ${min}`, `correct ${key}`);
  return n;
}

/** An integer in [min, max]. */
export function integer(rec: NativeRecord, key: string, min: number, max: number): number {
  if (isBlank(rec[key])) throw invalid(`${key} is missing`, `fill in ${key}`);
  const n = asNumber(rec, key);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw invalid(`${key} ${JSON.stringify(rec[key])} is not an integer from ${min} to ${max}`, `correct ${key}`);
  }
  return n;
}

/** A field whose host value maps through `table` (`出勤` → `present`). */
export function oneOf<T>(rec: NativeRecord, key: string, table: Readonly<Record<string, T>>): T {
  const v = text(rec, key);
  if (!Object.hasOwn(table, v)) {
    throw invalid(`${key} "${v}" is not one of ${Object.keys(table).join(' / ')}`, `correct ${key}`);
  }
  return table[v];
}

/** Throws when `laterKey` lies before `earlierKey`, quoting both as the host wrote them. */
export function notBefore(rec: NativeRecord, laterKey: string, later: number, earlierKey: string, earlier: number, what: string): void {
  if (later < earlier) {
    throw invalid(`${laterKey} ${String(rec[laterKey]).trim()} is before ${earlierKey} ${String(rec[earlierKey]).trim()}`, `correct the ${what}`);
  }
}

/** The code, after checking that the directory defines it. */
export function knownPerson(directory: DirectoryView, field: string, id: string): string {
  if (!directory.hasPerson(id)) throw unknownReference('person', field, id);
  return id;
}

export function knownUnit(directory: DirectoryView, field: string, id: string): string {
  if (!directory.hasUnit(id)) throw unknownReference('unit', field, id);
  return id;
}

/** An optional code: null when absent or empty (a record naming no unit). */
export function optionalCode(rec: NativeRecord, key: string): string | null {
  const t = optionalText(rec, key);
  if (t === null) return null;
  const c = normalizeCode(t);
  return c === '' ? null : c;
}

/** Like oneOf, but null when the field is absent, empty or JSON null ("not yet"). */
export function optionalOneOf<T>(rec: NativeRecord, key: string, table: Readonly<Record<string, T>>): T | null {
  return isBlank(rec[key]) ? null : oneOf(rec, key, table);
}

/** A `YYYY-MM` month as the epoch ms of its local start, and the text as written. */
export function month(rec: NativeRecord, key: string, timeZone: string): { month: string; start: number } {
  const m = text(rec, key);
  try {
    return { month: m, start: parseHostMonth(m, timeZone) };
  } catch (e) {
    if (e instanceof HostTimeError) throw invalid(`${key} "${m}" is not a month: expected YYYY-MM`, `correct ${key}`);
    throw e;
  }
}

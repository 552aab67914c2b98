import { LOCAL_OFFSET_MS } from './period.js';

const DAY_MS = 86_400_000;

/**
 * The Asia/Shanghai calendar day of an instant as a day count since 1970-01-01. Host plain
 * dates compare "as dates" (办结日期 ≤ 办结时限, 影响期至 on or after the asking date), so
 * two instants on the same local day must compare equal whatever their time of day.
 */
export function localDay(ts: number): number {
  return Math.floor((ts + LOCAL_OFFSET_MS) / DAY_MS);
}

/** `YYYY-MM-DD` of an instant in Asia/Shanghai local time, for messages people read. */
export function localDate(ts: number): string {
  return new Date(ts + LOCAL_OFFSET_MS).toISOString().slice(0, 10);
}

import { LOCAL_OFFSET_MS } from '@kaoping/contract';

const LOCAL_RE = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?)?$/;

/**
 * `localTime('2026-03-05 10:00:00')` → epoch ms of that wall-clock time in Asia/Shanghai.
 * A bare date is local midnight, as the host systems mean it. Tests write times the way
 * the host exports do, so a golden case reads like the record it stands for.
 */
export function localTime(text: string): number {
  const m = LOCAL_RE.exec(text.trim());
  if (!m) {
    throw new Error(`localTime("${text}"): expected "YYYY-MM-DD", "YYYY-MM-DD HH:mm" or "YYYY-MM-DD HH:mm:ss" (Asia/Shanghai local time)`);
  }
  const [year, month, day, hour, minute, second] = [m[1], m[2], m[3], m[4], m[5], m[6]].map((v) => Number(v ?? 0));
  const ms = Number((m[7] ?? '0').padEnd(3, '0'));
  const utc = Date.UTC(year, month - 1, day, hour, minute, second, ms);
  // Date.UTC silently rolls 2026-02-30 over to March; a test that wrote it meant something else.
  const back = new Date(utc);
  if (back.getUTCMonth() !== month - 1 || back.getUTCDate() !== day || hour > 23 || minute > 59 || second > 59) {
    throw new Error(`localTime("${text}"): no such calendar date or time`);
  }
  return utc - LOCAL_OFFSET_MS;
}

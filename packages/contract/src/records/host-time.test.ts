import { describe, expect, it } from 'vitest';
import { HostTimeError, isKnownTimeZone, localYearStart, parseHostMonth, parseHostTime, tryParseHostTime } from './host-time.js';

describe('parseHostTime', () => {
  it('reads a plain date as Asia/Shanghai local midnight', () => {
    expect(parseHostTime('2026-03-04')).toBe(Date.UTC(2026, 2, 3, 16));
  });
  it('reads a local date-time as Asia/Shanghai wall-clock time', () => {
    expect(parseHostTime('2026-03-04 09:30:15')).toBe(Date.UTC(2026, 2, 4, 1, 30, 15));
  });
  it('reads ISO 8601 with an offset or Z as an instant', () => {
    expect(parseHostTime('2026-03-04T09:00:00+08:00')).toBe(Date.UTC(2026, 2, 4, 1));
    expect(parseHostTime('2026-03-04T01:00:00Z')).toBe(Date.UTC(2026, 2, 4, 1));
    expect(parseHostTime('2026-03-04T01:00:00.250-0130')).toBe(Date.UTC(2026, 2, 4, 2, 30, 0, 250));
  });
  it('rejects a day that does not exist, saying so', () => {
    expect(() => parseHostTime('2026-02-30')).toThrow('"2026-02-30" is not a calendar date or time that exists');
    try {
      parseHostTime('2026-13-01');
    } catch (e) {
      expect(e).toBeInstanceOf(HostTimeError);
      expect((e as HostTimeError).problem).toBe('no-such-date');
    }
    expect(() => parseHostTime('2026-03-04 24:00:00')).toThrow(HostTimeError);
  });
  it('rejects text that is not a date, naming the accepted forms', () => {
    expect(() => parseHostTime('03/04/2026')).toThrow('expected YYYY-MM-DD, YYYY-MM-DD HH:mm:ss or ISO 8601 with offset');
    expect(tryParseHostTime('2026-3-4')).toBeNull();
    expect(tryParseHostTime('')).toBeNull();
  });
  it('honours another IANA zone, including its daylight saving', () => {
    expect(parseHostTime('2026-07-01 12:00:00', 'Europe/Berlin')).toBe(Date.UTC(2026, 6, 1, 10));
    expect(parseHostTime('2026-01-01 12:00:00', 'Europe/Berlin')).toBe(Date.UTC(2026, 0, 1, 11));
    expect(isKnownTimeZone('Asia/Shanghai')).toBe(true);
    expect(isKnownTimeZone('Mars/Olympus')).toBe(false);
  });
});

describe('local periods', () => {
  it('gives the local start of a year and of a YYYY-MM month', () => {
    expect(localYearStart(2025)).toBe(Date.UTC(2024, 11, 31, 16));
    expect(parseHostMonth('2026-03')).toBe(Date.UTC(2026, 1, 28, 16));
    expect(() => parseHostMonth('2026-13')).toThrow(HostTimeError);
    expect(() => parseHostMonth('2026-3')).toThrow(HostTimeError);
  });
});

describe('parseHostTime fast and general paths agree', () => {
  it('gives the same instant for every shape, and the same refusals', () => {
    const cases: Array<[string, number]> = [
      ['2024-02-29', Date.UTC(2024, 1, 28, 16)],
      ['2026-12-31 23:59:59', Date.UTC(2026, 11, 31, 15, 59, 59)],
      ['2026-12-31 23:59', Date.UTC(2026, 11, 31, 15, 59)],
      ['2026-12-31T23:59:59-05:30', Date.UTC(2027, 0, 1, 5, 29, 59)],
      ['2026-12-31T23:59:59.5+08:00', Date.UTC(2026, 11, 31, 15, 59, 59, 500)],
      ['2026-12-31T23:59:59+08', Date.UTC(2026, 11, 31, 15, 59, 59)],
    ];
    for (const [text, ms] of cases) expect(parseHostTime(text), text).toBe(ms);
    for (const bad of ['2025-02-29', '2026-04-31', '2026-00-10', '2026-01-01 23:60:00', '2026-01-01T10:00:61Z']) {
      expect(() => parseHostTime(bad), bad).toThrow('is not a calendar date or time that exists');
    }
    for (const bad of ['2026-01-01x', '2026-01-01 10', 'abcd-01-01', '2026-01-01T10:00:00+8:00']) {
      expect(() => parseHostTime(bad), bad).toThrow('is not a date');
    }
  });
});

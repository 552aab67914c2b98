import { parsePeriod } from '@kaoping/contract';
import { describe, expect, it } from 'vitest';
import { localTime } from './time.js';

describe('localTime', () => {
  it('reads Asia/Shanghai wall-clock time (UTC+8)', () => {
    expect(localTime('2026-03-05 10:00:00')).toBe(Date.UTC(2026, 2, 5, 2, 0, 0));
    expect(localTime('2026-03-05 10:00')).toBe(Date.UTC(2026, 2, 5, 2, 0, 0));
    expect(localTime('2026-03-05T10:00:00.5')).toBe(Date.UTC(2026, 2, 5, 2, 0, 0, 500));
  });

  it('makes a bare date local midnight, the first instant of its period', () => {
    expect(localTime('2026-01-01')).toBe(parsePeriod('2026').start);
    expect(localTime('2026-12-01')).toBe(parsePeriod('2026-12').start);
    expect(localTime('2026-12-31 23:30')).toBeLessThan(parsePeriod('2026').end);
  });

  it('rejects text it cannot read and dates that do not exist, saying what it expects', () => {
    expect(() => localTime('05/03/2026')).toThrow('localTime("05/03/2026"): expected "YYYY-MM-DD"');
    expect(() => localTime('2026-02-30')).toThrow('localTime("2026-02-30"): no such calendar date or time');
    expect(() => localTime('2026-02-01 24:00')).toThrow('no such calendar date or time');
  });
});

import { describe, expect, it } from 'vitest';
import { localDate, localDay } from './local-date.js';

const local = (s: string) => Date.parse(`${s}+08:00`);

describe('local dates', () => {
  it('reads the calendar day in Shanghai, not UTC', () => {
    // 2026-12-31T17:00Z is 2027-01-01 01:00 in Shanghai.
    expect(localDate(Date.parse('2026-12-31T17:00:00Z'))).toBe('2027-01-01');
    expect(localDate(local('2026-03-05T00:00:00'))).toBe('2026-03-05');
    expect(localDate(local('2026-03-05T23:59:59'))).toBe('2026-03-05');
  });

  it('makes two instants of one local day equal and the next day greater', () => {
    expect(localDay(local('2026-03-05T00:00:00'))).toBe(localDay(local('2026-03-05T23:59:59.999')));
    expect(localDay(local('2026-03-06T00:00:00'))).toBe(localDay(local('2026-03-05T00:00:00')) + 1);
    expect(localDay(local('1969-12-31T12:00:00'))).toBe(-1);
  });
});

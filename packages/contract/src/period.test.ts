import { describe, expect, it } from 'vitest';
import { monthsOf, parsePeriod, periodOf, periodsBetween } from './period.js';
import { KaopingError } from './errors.js';

const local = (s: string) => Date.parse(`${s}+08:00`);

describe('periods', () => {
  it('reads years, quarters and months in Asia/Shanghai time', () => {
    expect(parsePeriod('2026')).toMatchObject({ kind: 'year', start: local('2026-01-01T00:00:00'), end: local('2027-01-01T00:00:00'), months: 12 });
    expect(parsePeriod('2026-Q3')).toMatchObject({ kind: 'quarter', start: local('2026-07-01T00:00:00'), end: local('2026-10-01T00:00:00'), months: 3 });
    expect(parsePeriod('2026-12')).toMatchObject({ kind: 'month', start: local('2026-12-01T00:00:00'), end: local('2027-01-01T00:00:00'), months: 1 });
  });

  it('puts an instant in the local period, not the UTC one', () => {
    // 2026-12-31T17:00Z is already 2027-01-01 01:00 in Shanghai.
    expect(periodOf(Date.parse('2026-12-31T17:00:00Z'), 'year').id).toBe('2027');
    expect(periodOf(Date.parse('2026-12-31T15:59:59Z'), 'month').id).toBe('2026-12');
  });

  it('lists the periods a span touches', () => {
    const ids = periodsBetween(local('2026-11-15T00:00:00'), local('2027-02-01T00:00:00'), ['year', 'month']).map((p) => p.id);
    expect(ids).toEqual(['2026', '2027', '2026-11', '2026-12', '2027-01']);
    expect(monthsOf(parsePeriod('2026-Q2')).map((p) => p.id)).toEqual(['2026-04', '2026-05', '2026-06']);
  });

  it('refuses a malformed period with a coded error', () => {
    expect(() => parsePeriod('2026-13')).toThrow(KaopingError);
    expect(() => parsePeriod('2026-Q5')).toThrow(/Invalid period "2026-Q5"/);
  });
});

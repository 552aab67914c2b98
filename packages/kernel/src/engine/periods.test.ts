import { describe, expect, it } from 'vitest';
import { LOCAL_OFFSET_MS, parsePeriod } from '@kaoping/contract';
import { PeriodIndex } from './periods.js';

const local = (y: number, m: number, d: number, h = 0) => Date.UTC(y, m - 1, d, h) - LOCAL_OFFSET_MS;

describe('PeriodIndex', () => {
  const idx = new PeriodIndex(['year', 'quarter', 'month']);

  it('gives the year, quarter and month containing an instant, read in Asia/Shanghai', () => {
    expect(idx.containing(local(2026, 5, 31, 23)).map((p) => p.id)).toEqual(['2026', '2026-Q2', '2026-05']);
    // 2026-06-30T17:00Z is already 1 July in Shanghai
    expect(idx.containing(Date.UTC(2026, 5, 30, 17)).map((p) => p.id)).toEqual(['2026', '2026-Q3', '2026-07']);
  });

  it('gives the same answer for every instant of one local day', () => {
    expect(idx.containing(local(2026, 3, 1, 0))).toBe(idx.containing(local(2026, 3, 1, 23)));
  });

  it('lists every period ending after the instant up to the end of the given year', () => {
    const ids = new PeriodIndex(['year', 'quarter', 'month']).endingAfter(local(2026, 10, 15), 2026).map((p) => p.id);
    expect(ids).toEqual(['2026', '2026-Q4', '2026-10', '2026-11', '2026-12']);
    const next = new PeriodIndex(['year']).endingAfter(local(2025, 12, 20), 2026).map((p) => p.id);
    expect(next).toEqual(['2025', '2026']);
  });

  it('keeps only the one period it is restricted to, for both attributions', () => {
    const q2 = new PeriodIndex(['year', 'quarter', 'month'], parsePeriod('2026-Q2'));
    expect(q2.containing(local(2026, 5, 31)).map((p) => p.id)).toEqual(['2026-Q2']);
    expect(q2.containing(local(2026, 7, 1))).toEqual([]);
    expect(q2.endingAfter(local(2025, 3, 1), 2026).map((p) => p.id)).toEqual(['2026-Q2']);
    expect(q2.endingAfter(local(2026, 7, 1), 2026)).toEqual([]);
  });
});

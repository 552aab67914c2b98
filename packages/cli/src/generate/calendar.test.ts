import { describe, expect, it } from 'vitest';
import { Calendar, civil, DAY, dayNumber, shiftDateDays } from './calendar.js';

describe('calendar', () => {
  it('turns civil dates into day numbers and back, across leap years', () => {
    expect(dayNumber(1970, 1, 1)).toBe(0);
    expect(dayNumber(2026, 1, 1)).toBe(Date.UTC(2026, 0, 1) / 86_400_000);
    for (let d = dayNumber(1990, 1, 1); d < dayNumber(2031, 1, 1); d += 17) {
      const c = civil(d);
      expect(dayNumber(c.year, c.month, c.day)).toBe(d);
      expect(new Date(d * 86_400_000).toISOString().slice(0, 10)).toBe(`${c.year}-${String(c.month).padStart(2, '0')}-${String(c.day).padStart(2, '0')}`);
    }
  });

  it('formats local seconds as ISO 8601 with the +08:00 offset, naming the same instant', () => {
    const cal = new Calendar(2026);
    const t = dayNumber(2026, 3, 4) * DAY + 9 * 3600 + 5 * 60 + 7;
    expect(cal.iso(t)).toBe('2026-03-04T09:05:07+08:00');
    // Local 09:05:07 in Shanghai is 01:05:07 UTC.
    expect(new Date(cal.iso(t)).toISOString()).toBe('2026-03-04T01:05:07.000Z');
    expect(cal.date(dayNumber(2024, 2, 29))).toBe('2024-02-29');
    expect(cal.date(dayNumber(1960, 7, 1))).toBe('1960-07-01');
  });

  it('counts ≈250 working days: weekdays without 1 Jan, 1–3 May and 1–7 Oct', () => {
    const cal = new Calendar(2026);
    expect(cal.workingDays.length).toBeGreaterThanOrEqual(248);
    expect(cal.workingDays.length).toBeLessThanOrEqual(254);
    const dates = cal.workingDays.map((d) => cal.date(d));
    expect(dates).not.toContain('2026-01-01');
    expect(dates).not.toContain('2026-10-01');
    expect(dates).not.toContain('2026-03-07'); // a Saturday
    expect(dates).toContain('2026-03-06'); // a Friday
  });

  it('shifts plain dates by days over month and year ends', () => {
    expect(shiftDateDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(shiftDateDays('2026-12-30', 5)).toBe('2027-01-04');
  });
});

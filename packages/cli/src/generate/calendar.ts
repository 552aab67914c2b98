/**
 * Local calendar arithmetic for Asia/Shanghai (UTC+8, no DST). Times are kept as "local
 * seconds": seconds since 1970-01-01 00:00 local time, so day = floor(t / 86400) and the
 * clock time is t mod 86400 with no time-zone library in the hot path. Formatting uses
 * precomputed day strings because it runs tens of millions of times.
 */
export const DAY = 86_400;

/** Days since 1970-01-01 of a civil date (Howard Hinnant's days_from_civil). */
export function dayNumber(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Civil date of a day number (civil_from_days). */
export function civil(days: number): { year: number; month: number; day: number } {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** Moves a `YYYY-MM-DD` date by whole days. */
export function shiftDateDays(date: string, days: number): string {
  return formatCivil(dayNumber(Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10))) + days);
}

const TWO = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, '0'));

/** Formats dates for a window of years around the generated year, from a lookup table. */
export class Calendar {
  readonly year: number;
  /** First day of the generated year. */
  readonly yearStart: number;
  /** First day after the generated year: the export is taken as of this local midnight. */
  readonly yearEnd: number;
  /** Working days of the generated year, ascending. */
  readonly workingDays: readonly number[];
  private readonly firstDay: number;
  private readonly dayStrings: string[];

  constructor(year: number) {
    this.year = year;
    this.yearStart = dayNumber(year, 1, 1);
    this.yearEnd = dayNumber(year + 1, 1, 1);
    this.firstDay = dayNumber(year - 45, 1, 1);
    const lastDay = dayNumber(year + 4, 1, 1);
    this.dayStrings = [];
    for (let d = this.firstDay; d < lastDay; d++) {
      const c = civil(d);
      this.dayStrings.push(`${c.year}-${TWO[c.month]}-${TWO[c.day]}`);
    }
    this.workingDays = workingDaysOf(year);
  }

  /** `YYYY-MM-DD` of a day number. */
  date(day: number): string {
    return this.dayStrings[day - this.firstDay] ?? formatCivil(day);
  }

  /** ISO 8601 with the +08:00 offset of a local-seconds time. */
  iso(t: number): string {
    const day = Math.floor(t / DAY);
    let s = t - day * DAY;
    const h = Math.floor(s / 3600);
    s -= h * 3600;
    const m = Math.floor(s / 60);
    return `${this.date(day)}T${TWO[h]}:${TWO[m]}:${TWO[s - m * 60]}+08:00`;
  }

  /** Working days in [from, to) of the generated year. */
  workingDaysBetween(from: number, to: number): number[] {
    return this.workingDays.filter((d) => d >= from && d < to);
  }
}

function formatCivil(day: number): string {
  const c = civil(day);
  return `${String(c.year).padStart(4, '0')}-${TWO[c.month]}-${TWO[c.day]}`;
}

/**
 * Weekdays minus the fixed-date public holidays (1 Jan, 1–3 May, 1–7 Oct). The lunar
 * holidays and make-up working weekends are left out: the shape (≈250 days) is what matters.
 */
function workingDaysOf(year: number): number[] {
  const holidays = new Set<number>([
    dayNumber(year, 1, 1),
    dayNumber(year, 5, 1), dayNumber(year, 5, 2), dayNumber(year, 5, 3),
    ...[1, 2, 3, 4, 5, 6, 7].map((d) => dayNumber(year, 10, d)),
  ]);
  const days: number[] = [];
  for (let d = dayNumber(year, 1, 1); d < dayNumber(year + 1, 1, 1); d++) {
    const weekday = (((d + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday (4); 0 = Sunday
    if (weekday !== 0 && weekday !== 6 && !holidays.has(d)) days.push(d);
  }
  return days;
}

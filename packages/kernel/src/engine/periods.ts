import { LOCAL_OFFSET_MS, periodOf, periodsBetween, type Period, type PeriodKind } from '@kaoping/contract';

const DAY_MS = 86_400_000;
/** Past this many cached days the cache starts over; it only ever saves work. */
const MAX_CACHED_DAYS = 50_000;

/**
 * Which periods an instant counts in, for a fixed list of period kinds. Every period starts at
 * a local midnight, so the answer is the same for a whole local day and is cached per day:
 * the hook then pays one Map lookup instead of date arithmetic and string building.
 */
export class PeriodIndex {
  private readonly byDay = new Map<number, readonly Period[]>();
  private readonly openByKey = new Map<string, readonly Period[]>();

  /**
   * `only` keeps just that one period in every answer: the batch engine re-evaluates one period
   * and must not build states for the others an event also counts in.
   */
  constructor(readonly kinds: readonly PeriodKind[], readonly only?: Period) {}

  private keep(periods: Period[]): readonly Period[] {
    const only = this.only;
    return Object.freeze(only === undefined ? periods : periods.filter((p) => p.id === only.id));
  }

  /** The periods (one per kind) that contain `ts`: attribution `event-time`. */
  containing(ts: number): readonly Period[] {
    const day = Math.floor((ts + LOCAL_OFFSET_MS) / DAY_MS);
    let hit = this.byDay.get(day);
    if (hit === undefined) {
      if (this.byDay.size >= MAX_CACHED_DAYS) this.byDay.clear();
      hit = this.keep(this.kinds.map((k) => periodOf(ts, k)));
      this.byDay.set(day, hit);
    }
    return hit;
  }

  private lastYear: Period | undefined;

  /** The year (Asia/Shanghai) of an instant; asked for every period-end event, so the last year found is kept. */
  yearOf(ts: number): number {
    const last = this.lastYear;
    if (last !== undefined && ts >= last.start && ts < last.end) return last.year;
    const year = periodOf(ts, 'year');
    this.lastYear = year;
    return year.year;
  }

  /**
   * Attribution `period-end`: every period of these kinds that ends after `ts`, up to the end
   * of `untilYear` (a stock such as "open at period end" counts in each of them).
   */
  endingAfter(ts: number, untilYear: number): readonly Period[] {
    const day = Math.floor((ts + LOCAL_OFFSET_MS) / DAY_MS);
    const key = `${day}:${untilYear}`;
    let hit = this.openByKey.get(key);
    if (hit === undefined) {
      if (this.openByKey.size >= MAX_CACHED_DAYS) this.openByKey.clear();
      const end = Date.UTC(untilYear + 1, 0, 1) - LOCAL_OFFSET_MS;
      hit = this.keep(periodsBetween(ts, end, this.kinds));
      this.openByKey.set(key, hit);
    }
    return hit;
  }
}

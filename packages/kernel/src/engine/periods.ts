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

  constructor(readonly kinds: readonly PeriodKind[]) {}

  /** The periods (one per kind) that contain `ts`: attribution `event-time`. */
  containing(ts: number): readonly Period[] {
    const day = Math.floor((ts + LOCAL_OFFSET_MS) / DAY_MS);
    let hit = this.byDay.get(day);
    if (hit === undefined) {
      if (this.byDay.size >= MAX_CACHED_DAYS) this.byDay.clear();
      hit = Object.freeze(this.kinds.map((k) => periodOf(ts, k)));
      this.byDay.set(day, hit);
    }
    return hit;
  }

  /** The year (Asia/Shanghai) of an instant. */
  yearOf(ts: number): number {
    return periodOf(ts, 'year').year;
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
      hit = Object.freeze(periodsBetween(ts, end, this.kinds));
      this.openByKey.set(key, hit);
    }
    return hit;
  }
}

import type { Calendar } from './calendar.js';
import type { Unit } from './org.js';
import { Rng } from './prng.js';
import type { RevenueRec } from './records.js';

/** Monthly shape of tax revenue: heavy in January (annual settlement) and December. */
const SEASON = [1.3, 0.8, 1.0, 1.1, 1.2, 1.0, 1.1, 0.9, 1.0, 1.0, 0.9, 1.4] as const;

/**
 * Plan (jhs) and collection (sjs) per month for every 税源管理 科室: revenue is planned where
 * tax sources are managed, and a 区局's figure is the sum over its 科室. Whole yuan, so sums are exact.
 */
export function* revenueRecords(units: readonly Unit[], cal: Calendar, rng: Rng): Generator<RevenueRec> {
  for (const unit of units) {
    if (unit.level !== '科室' || unit.post !== 'TM') continue;
    const base = rng.int(5_000_000, 30_000_000);
    const performance = 0.93 + 0.14 * rng.next();
    for (let m = 0; m < 12; m++) {
      const jhs = Math.round((base * SEASON[m]) / 1000) * 1000;
      const sjs = Math.round(jhs * (performance + 0.06 * (rng.next() - 0.5)));
      yield { swjg_dm: unit.code, yf: `${cal.year}-${String(m + 1).padStart(2, '0')}`, jhs, sjs };
    }
  }
}

import type { Aggregate } from './indicator.js';

/** A state made of named counters that only ever add up (matters done, days present, …). */
export type Counters<K extends string> = { [name in K]: number };

/**
 * `init` and `merge` of a counters state: every counter starts at 0 and two partial states
 * add counter by counter, so init is merge's identity and merge is associative whatever the
 * names. Spread into `defineIndicator`; the counters keep the order given here.
 */
export function counters<K extends string>(...names: readonly K[]): Pick<Aggregate<Counters<K>, unknown>, 'init' | 'merge'> {
  return {
    init: () => {
      const out = {} as Counters<K>;
      for (const name of names) out[name] = 0;
      return out;
    },
    merge: (a, b) => {
      const out = {} as Counters<K>;
      for (const name of names) out[name] = a[name] + b[name];
      return out;
    },
  };
}

/** part ÷ whole, or null when whole is 0: no records means no value, not a value of 0. */
export function ratio(part: number, whole: number): number | null {
  return whole === 0 ? null : part / whole;
}

import { shiftDateDays } from './calendar.js';
import { pad, q, type FileSpec } from './file-spec.js';
import type { EnforcementRec, MatterRec, RatingRec, RevenueRec } from './records.js';

/** Tax collection (金税): NDJSON, UTF-8, pinyin field names. */

export function mattersFile(year: number): FileSpec<MatterRec> {
  return {
    path: 'tax/matters.ndjson',
    encoding: 'utf8',
    layout: 'ndjson',
    format: (r) => `{"swsxbh":"${r.swsxbh}","swry_dm":"${r.swry_dm}","swjg_dm":"${r.swjg_dm}","sxlx":"${r.sxlx}","slrq":"${r.slrq}","blqx":"${r.blqx}","bjrq":${q(r.bjrq)}}`,
    events: (r) => (r.bjrq === null ? 1 : 2),
    fresh: (r, n) => ({ ...r, swsxbh: `SX${year}9${pad(n, 8)}` }),
    defects: {
      'unknown-person': (r, t) => ({ ...r, swry_dm: t.unknownPerson() }),
      'unknown-unit': (r, t) => ({ ...r, swjg_dm: t.unknownUnit() }),
      'bad-date': (r, t) => ({ ...r, slrq: t.badIso() }),
      // The deadline moved to before acceptance, as a host with a mis-keyed 期限 would export it.
      'deadline-before-acceptance': (r, t) => ({ ...r, blqx: shiftIsoDays(r.slrq, -t.rng.int(1, 5)) }),
      'truncated-line': true,
      'dirty-code': (r, t) => (t.rng.chance(0.5) ? { ...r, swry_dm: t.dirtyCode(r.swry_dm) } : { ...r, swjg_dm: t.dirtyCode(r.swjg_dm) }),
    },
  };
}

/** Moves an ISO 8601 `YYYY-MM-DDTHH:mm:ss+08:00` time by whole days, keeping its clock time and offset. */
export function shiftIsoDays(iso: string, days: number): string {
  return shiftDateDays(iso.slice(0, 10), days) + iso.slice(10);
}

export function enforcementFile(year: number): FileSpec<EnforcementRec> {
  return {
    path: 'tax/enforcement.ndjson',
    encoding: 'utf8',
    layout: 'ndjson',
    format: (r) => `{"zfbh":"${r.zfbh}","swry_dm":"${r.swry_dm}","swjg_dm":"${r.swjg_dm}","zflx":"${r.zflx}","zfrq":"${r.zfrq}","fcjg":${q(r.fcjg)}}`,
    events: () => 1,
    fresh: (r, n) => ({ ...r, zfbh: `ZF${year}9${pad(n, 7)}` }),
    defects: {
      'unknown-person': (r, t) => ({ ...r, swry_dm: t.unknownPerson() }),
      'unknown-unit': (r, t) => ({ ...r, swjg_dm: t.unknownUnit() }),
      'bad-date': (r, t) => ({ ...r, zfrq: t.badDate() }),
      // A reviewed record carries Chinese text (正确/过错), which GBK bytes turn into invalid UTF-8.
      'wrong-encoding': (r) => ({ ...r, fcjg: r.fcjg ?? '正确' }),
      'duplicate-id': true,
      'truncated-line': true,
    },
  };
}

export function ratingsFile(year: number): FileSpec<RatingRec> {
  return {
    path: 'tax/ratings.ndjson',
    encoding: 'utf8',
    layout: 'ndjson',
    format: (r) => `{"pjbh":"${r.pjbh}","swry_dm":"${r.swry_dm}","swjg_dm":"${r.swjg_dm}","pjrq":"${r.pjrq}","pjfs":${r.pjfs}}`,
    events: () => 1,
    fresh: (r, n) => ({ ...r, pjbh: `PJ${year}9${pad(n, 8)}` }),
    defects: {
      'unknown-person': (r, t) => ({ ...r, swry_dm: t.unknownPerson() }),
      'unknown-unit': (r, t) => ({ ...r, swjg_dm: t.unknownUnit() }),
      'bad-date': (r, t) => ({ ...r, pjrq: t.badIso() }),
      'rating-out-of-range': (r, t) => ({ ...r, pjfs: t.rng.pick([0, 6, 10, -1, 4.5]) }),
      'duplicate-id': true,
      'truncated-line': true,
      'dirty-code': (r, t) => ({ ...r, swry_dm: t.dirtyCode(r.swry_dm) }),
    },
  };
}

export const revenueFile: FileSpec<RevenueRec> = {
  path: 'tax/revenue.ndjson',
  encoding: 'utf8',
  layout: 'ndjson',
  format: (r) => `{"swjg_dm":"${r.swjg_dm}","yf":"${r.yf}","jhs":${r.jhs},"sjs":${r.sjs}}`,
  events: () => 1,
  fresh: (r) => r,
  // The unknown unit makes the id (<swjg_dm>:<yf>) new as well.
  defects: { 'unknown-unit': (r, t) => ({ ...r, swjg_dm: t.unknownUnit() }) },
};

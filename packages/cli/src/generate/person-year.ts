import { DAY, type Calendar } from './calendar.js';
import { pad } from './file-spec.js';
import { documentNumber, supervisionNumber } from './party-oa-files.js';
import type { Person } from './people.js';
import { ENFORCEMENT_TYPES, ENFORCEMENT_WEIGHTS, MATTER_TYPES, POSTS } from './posts.js';
import { Rng, streamSeed } from './prng.js';
import type { RecordFile } from './record-file.js';
import type { AttendanceRow, DocumentRow, EnforcementRec, MatterRec, PartyRec, RatingRec, SupervisionRow } from './records.js';

/** The files a person's year of work goes into. */
export interface ActivityFiles {
  attendance: RecordFile<AttendanceRow>;
  matters: RecordFile<MatterRec>;
  enforcement: RecordFile<EnforcementRec>;
  ratings: RecordFile<RatingRec>;
  activities: RecordFile<PartyRec>;
  documents: RecordFile<DocumentRow>;
  supervision: RecordFile<SupervisionRow>;
}

/** Running id numbers, one series per file, shared by everyone in the run. */
export interface IdSeries {
  attendance: number;
  matters: number;
  enforcement: number;
  ratings: number;
  activities: number;
  documents: number;
  supervision: number;
}

export function newIdSeries(): IdSeries {
  return { attendance: 0, matters: 0, enforcement: 0, ratings: 0, activities: 0, documents: 0, supervision: 0 };
}

/**
 * How often things go wrong for a person of diligence d. Each share is lowest for the
 * diligent and grows with (1 − d), so one person's indicators move together; the constants
 * put the bureau-wide shares where docs/synthetic-bureau.md says they are.
 */
export function personRates(d: number) {
  const w = 1 - d;
  return {
    leave: 0.03,
    absent: 0.003 + 0.04 * w,
    overdue: 0.01 + 0.08 * w,
    stuck: 0.004 * w * w,
    faulty: 0.005 + 0.08 * w,
    lowRating: 0.02 + 0.15 * w,
    late: 0.02 + 0.12 * w,
    partyAbsent: 0.02 + 0.15 * w,
    workload: 0.75 + 0.5 * d,
    studyItems: 10 * (0.55 + 0.55 * d),
  };
}

type Rates = ReturnType<typeof personRates>;

const MATTER_WEIGHTS = MATTER_TYPES.map((m) => m.share);
const DOCUMENT_LIMITS = [3, 5, 7, 10, 15, 30] as const;
const SUPERVISION_LIMITS = [7, 15, 30, 60] as const;
const STUDY_CREDITS = [3, 5, 5, 5, 8] as const;
const OPEN_HOURS = [9 * 3600, 17 * 3600] as const;
/** Statutory deadlines fall at the close of business (17:30) of their day. */
const CLOSE_OF_BUSINESS = 17 * 3600 + 1800;

/**
 * Writes one person's records of the year, day by day over the working days they were
 * employed: attendance first, and work only on days present. The person's own random stream
 * makes their records independent of everyone generated before them.
 */
export function generatePersonYear(p: Person, cal: Calendar, seed: number, files: ActivityFiles, ids: IdSeries): void {
  const rng = new Rng(streamSeed(seed, 1000 + p.index));
  const rates = personRates(p.diligence);
  const post = POSTS[p.post];
  const from = Math.max(cal.yearStart, p.hireDay);
  const to = p.leaveDay ?? cal.yearEnd;
  const days = cal.workingDaysBetween(from, to);
  const y = cal.year;
  for (const day of days) {
    const u = rng.next();
    const status = u < rates.leave ? '请假' : u < rates.leave + rates.absent ? '缺勤' : '出勤';
    files.attendance.write({ id: `KQ${y}${pad(++ids.attendance, 9)}`, person: p.code, date: cal.date(day), status });
    if (status !== '出勤') continue;
    for (let n = rng.poisson(post.matters * rates.workload); n > 0; n--) files.matters.write(matter(p, day, cal, rng, rates, ++ids.matters));
    for (let n = rng.poisson(post.enforcement * rates.workload); n > 0; n--) files.enforcement.write(enforcement(p, day, cal, rng, rates, ++ids.enforcement));
    for (let n = rng.poisson(post.ratings * rates.workload); n > 0; n--) files.ratings.write(rating(p, day, cal, rng, rates, ++ids.ratings));
    for (let n = rng.poisson(post.documents * rates.workload); n > 0; n--) files.documents.write(document(p, day, cal, rng, rates, ++ids.documents));
    for (let n = rng.poisson(post.supervision * rates.workload); n > 0; n--) files.supervision.write(supervision(p, day, cal, rng, rates, ++ids.supervision));
  }
  if (p.member) for (const r of partyYear(p, days, cal, rng, rates, ids)) files.activities.write(r);
}

function matter(p: Person, day: number, cal: Calendar, rng: Rng, rates: Rates, n: number): MatterRec {
  const type = MATTER_TYPES[rng.weighted(MATTER_WEIGHTS)];
  const accepted = day * DAY + rng.int(OPEN_HOURS[0], OPEN_HOURS[1]);
  const deadline = (day + type.deadlineDays) * DAY + CLOSE_OF_BUSINESS;
  let completed: number | null;
  if (rng.chance(rates.stuck)) completed = null; // forgotten: still open at year end, long overdue
  else if (rng.chance(rates.overdue)) completed = deadline + rng.int(600, 3 * DAY);
  else completed = accepted + 300 + Math.floor(rng.next() ** 2 * (deadline - accepted - 300));
  // The export is taken at year end: anything finished later is still open in it.
  if (completed !== null && completed >= cal.yearEnd * DAY) completed = null;
  return {
    swsxbh: `SX${cal.year}${pad(n, 9)}`, swry_dm: p.code, swjg_dm: p.unit.code, sxlx: type.code,
    slrq: cal.iso(accepted), blqx: cal.iso(deadline), bjrq: completed === null ? null : cal.iso(completed),
  };
}

function enforcement(p: Person, day: number, cal: Calendar, rng: Rng, rates: Rates, n: number): EnforcementRec {
  const zflx = ENFORCEMENT_TYPES[rng.weighted(ENFORCEMENT_WEIGHTS)];
  // Legal review (复查) follows 10–60 days later; later ones are not reviewed by year end.
  const reviewed = day + rng.int(10, 60) < cal.yearEnd;
  const fcjg = !reviewed ? null : rng.chance(rates.faulty) ? '过错' : '正确';
  return { zfbh: `ZF${cal.year}${pad(n, 8)}`, swry_dm: p.code, swjg_dm: p.unit.code, zflx, zfrq: cal.date(day), fcjg };
}

function rating(p: Person, day: number, cal: Calendar, rng: Rng, rates: Rates, n: number): RatingRec {
  const u = rng.next();
  const pjfs = u < rates.lowRating ? rng.int(1, 3) : u < rates.lowRating + 0.25 ? 4 : 5;
  const pjrq = cal.iso(day * DAY + rng.int(OPEN_HOURS[0], CLOSE_OF_BUSINESS));
  return { pjbh: `PJ${cal.year}${pad(n, 9)}`, swry_dm: p.code, swjg_dm: p.unit.code, pjrq, pjfs };
}

/** Days until a 时限 is met: on time within the limit, late by 1–10 days, or never (stuck). */
function closingDay(day: number, limit: number, cal: Calendar, rng: Rng, late: number, stuck: number): string {
  let closed: number | null;
  if (rng.chance(stuck)) closed = null;
  else if (rng.chance(late)) closed = day + limit + rng.int(1, 10);
  else closed = day + rng.int(0, limit);
  return closed === null || closed >= cal.yearEnd ? '' : cal.date(closed);
}

function document(p: Person, day: number, cal: Calendar, rng: Rng, rates: Rates, n: number): DocumentRow {
  const limit = rng.pick(DOCUMENT_LIMITS);
  return {
    id: documentNumber(cal.year, n), person: p.code, unit: p.unit.code, received: cal.date(day),
    deadline: cal.date(day + limit), closed: closingDay(day, limit, cal, rng, rates.late, 0.003),
  };
}

function supervision(p: Person, day: number, cal: Calendar, rng: Rng, rates: Rates, n: number): SupervisionRow {
  const limit = rng.pick(SUPERVISION_LIMITS);
  return {
    id: supervisionNumber(cal.year, n), person: p.code, unit: p.unit.code, assigned: cal.date(day),
    due: cal.date(day + limit), completed: closingDay(day, limit, cal, rng, rates.late, 0.005),
  };
}

/** A member's year: one 组织生活 a month and ≈10 study items of 3–8 credits, in date order. */
function partyYear(p: Person, days: readonly number[], cal: Calendar, rng: Rng, rates: Rates, ids: IdSeries): PartyRec[] {
  if (days.length === 0) return [];
  const byMonth = new Map<string, number[]>();
  for (const d of days) {
    const month = cal.date(d).slice(0, 7);
    const list = byMonth.get(month) ?? [];
    list.push(d);
    byMonth.set(month, list);
  }
  const items: Array<{ day: number; study: boolean; value: number }> = [];
  for (const monthDays of byMonth.values()) items.push({ day: rng.pick(monthDays), study: false, value: rng.next() });
  const studies = Math.round(rates.studyItems * (days.length / cal.workingDays.length) + rng.normal());
  for (let i = 0; i < studies; i++) items.push({ day: rng.pick(days), study: true, value: rng.pick(STUDY_CREDITS) });
  items.sort((a, b) => a.day - b.day || Number(a.study) - Number(b.study));
  return items.map((it): PartyRec => {
    const base = { id: `DW${cal.year}${pad(++ids.activities, 8)}`, memberCode: p.code, branchUnitCode: p.unit.code, date: cal.date(it.day) };
    return it.study
      ? { ...base, kind: 'study', credits: it.value }
      : { ...base, kind: 'organisational-life', status: it.value < rates.partyAbsent ? 'absent' : 'attended' };
  });
}

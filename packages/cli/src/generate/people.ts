import { Calendar, civil, dayNumber } from './calendar.js';
import { personName } from './names.js';
import type { Unit } from './org.js';
import { POSTS, type PostCode } from './posts.js';
import type { Preset } from './presets.js';
import { Rng } from './prng.js';

export interface Sanction {
  id: string;
  personCode: string;
  type: '党纪处分' | '政务处分' | '处分';
  day: number;
  untilDay: number;
}

export interface Person {
  index: number;
  code: string;
  name: string;
  unit: Unit;
  post: PostCode;
  political: string;
  member: boolean;
  hireDay: number;
  /** 离职日期: the person's records stop the day before. */
  leaveDay: number | null;
  /** 0..1; drives every indicator so that a person's results correlate and tiers differ. */
  diligence: number;
  tiers: Array<{ year: number; tier: 1 | 2 | 3 }>;
}

export interface Staff {
  people: Person[];
  sanctions: Sanction[];
}

/** Shares of the directory; quotas (not coin flips) so even the small preset hits them. */
export const SHARES = {
  partyMembers: 0.65,
  youthLeague: 0.05,
  democraticParties: 0.02,
  newHires: 0.03,
  leavers: 0.02,
  sanctionedInYear: 0.0075,
  sanctionedEarlier: 0.01,
  weak: 0.1,
  tier1: 0.2,
  tier3: 0.02,
} as const;

export function personCode(n: number): string {
  return `P${String(n).padStart(6, '0')}`;
}

export function buildStaff(units: readonly Unit[], preset: Preset, cal: Calendar, rng: Rng): Staff {
  const people = placePeople(units, preset, rng, cal);
  assignPolitics(people, rng);
  const newHires = assignHiresAndLeavers(people, rng, cal);
  const sanctions = assignSanctions(people, newHires, rng, cal);
  assignTierHistory(people, sanctions, rng, cal);
  return { people, sanctions };
}

function placePeople(units: readonly Unit[], preset: Preset, rng: Rng, cal: Calendar): Person[] {
  const sections = units.filter((u) => u.level === '科室');
  const meanFactor = sections.reduce((s, u) => s + POSTS[u.post].sizeFactor, 0) / sections.length;
  const people: Person[] = [];
  const add = (unit: Unit, count: number) => {
    for (let i = 0; i < count; i++) {
      const index = people.length;
      people.push({
        index, code: personCode(index + 1), name: personName(rng), unit, post: unit.post, political: '群众', member: false,
        hireDay: cal.yearStart, leaveDay: null, diligence: drawDiligence(rng), tiers: [],
      });
    }
  };
  for (const unit of units) {
    if (unit.level === '市局') add(unit, preset.bureauLeaders);
    else if (unit.level === '区局') add(unit, preset.districtLeaders);
    else add(unit, Math.max(2, Math.round(preset.meanSectionSize * (POSTS[unit.post].sizeFactor / meanFactor) * (0.8 + 0.4 * rng.next()))));
  }
  return people;
}

/** Most people are diligent (≈0.8); a tenth are weak (0.15–0.5), which spreads the tiers. */
function drawDiligence(rng: Rng): number {
  if (rng.chance(SHARES.weak)) return 0.15 + 0.35 * rng.next();
  return Math.min(1, Math.max(0.3, 0.8 + 0.1 * rng.normal()));
}

function assignPolitics(people: Person[], rng: Rng): void {
  const order = rng.shuffle(people.map((p) => p.index));
  const members = Math.round(SHARES.partyMembers * people.length);
  const league = Math.round(SHARES.youthLeague * people.length);
  const democratic = Math.round(SHARES.democraticParties * people.length);
  order.forEach((idx, i) => {
    const p = people[idx];
    if (i < members) {
      p.political = '中共党员';
      p.member = true;
    } else if (i < members + league) p.political = '共青团员';
    else if (i < members + league + democratic) p.political = '中国民主同盟盟员';
  });
}

/** Returns the set of new hires (joined during the year). */
function assignHiresAndLeavers(people: Person[], rng: Rng, cal: Calendar): Set<number> {
  const order = rng.shuffle(people.map((p) => p.index));
  const newHires = new Set(order.slice(0, Math.round(SHARES.newHires * people.length)));
  const leavers = new Set(order.slice(newHires.size, newHires.size + Math.round(SHARES.leavers * people.length)));
  for (const p of people) {
    if (newHires.has(p.index)) {
      p.hireDay = rng.int(cal.yearStart + 1, dayNumber(cal.year, 11, 30));
    } else {
      // Years of service before the generated year: 1..35, fewer with long service.
      const yearsBefore = 1 + Math.floor(Math.pow(rng.next(), 1.2) * 35);
      const y = cal.year - yearsBefore;
      p.hireDay = rng.int(dayNumber(y, 1, 1), dayNumber(y + 1, 1, 1) - 1);
    }
    if (leavers.has(p.index)) p.leaveDay = rng.int(dayNumber(cal.year, 1, 15), dayNumber(cal.year, 12, 15));
  }
  return newHires;
}

/** Picks k people, weak ones far more likely (weighted sampling without replacement, Efraimidis–Spirakis). */
function pickWeak(candidates: Person[], k: number, rng: Rng): Person[] {
  const keyed = candidates.map((p) => ({ p, key: Math.pow(rng.next(), 1 / (Math.pow(1 - p.diligence, 2) + 0.02)) }));
  keyed.sort((a, b) => b.key - a.key || a.p.index - b.p.index);
  return keyed.slice(0, k).map((e) => e.p);
}

function addMonths(day: number, months: number): number {
  const c = civil(day);
  const m0 = c.month - 1 + months;
  return dayNumber(c.year + Math.floor(m0 / 12), (m0 % 12) + 1, Math.min(c.day, 28));
}

const SANCTION_MONTHS: Record<Sanction['type'], readonly number[]> = { 党纪处分: [12, 18], 政务处分: [6, 12, 18, 24], 处分: [6, 12] };

function drawSanction(p: Person, day: number, rng: Rng, minMonths = 0): Omit<Sanction, 'id'> {
  const types: Array<Sanction['type']> = p.member ? ['党纪处分', '政务处分', '处分'] : ['政务处分', '处分'];
  const type = rng.pick(types);
  const choices = SANCTION_MONTHS[type].filter((m) => m >= minMonths);
  return { personCode: p.code, type, day, untilDay: addMonths(day, rng.pick(choices.length ? choices : [24])) };
}

/**
 * Sanctions of the year (weak people, still employed all year) and of the three years before;
 * the first earlier one lasts ≥ 12 months from the year before, so its 影响期至 reaches into the year.
 */
function assignSanctions(people: Person[], newHires: Set<number>, rng: Rng, cal: Calendar): Sanction[] {
  const settled = people.filter((p) => !newHires.has(p.index) && p.leaveDay === null);
  const inYear = pickWeak(settled, Math.max(1, Math.round(SHARES.sanctionedInYear * people.length)), rng);
  const inYearSet = new Set(inYear);
  const drafts: Array<Omit<Sanction, 'id'>> = inYear.map((p) => drawSanction(p, rng.int(cal.yearStart + 7, cal.yearEnd - 7), rng));
  const veterans = settled.filter((p) => !inYearSet.has(p) && p.hireDay < dayNumber(cal.year - 3, 1, 1));
  const earlier = pickWeak(veterans, Math.max(2, Math.round(SHARES.sanctionedEarlier * people.length)), rng);
  earlier.forEach((p, i) => {
    const y = cal.year - 1 - (i % 3);
    drafts.push(drawSanction(p, rng.int(dayNumber(y, 1, 5), dayNumber(y, 12, 25)), rng, i === 0 ? 12 : 0));
  });
  drafts.sort((a, b) => a.day - b.day || a.personCode.localeCompare(b.personCode));
  const seqByYear = new Map<number, number>();
  return drafts.map((s) => {
    const y = civil(s.day).year;
    const seq = (seqByYear.get(y) ?? 0) + 1;
    seqByYear.set(y, seq);
    return { id: `CF${y}${String(seq).padStart(4, '0')}`, ...s };
  });
}

/**
 * Tiers of the three earlier years, made the way the tier rules make them: sanctioned that
 * year → 3; top 20 % of each tier group by a noisy diligence → 1; the bottom 2 % → 3; else 2.
 */
function assignTierHistory(people: Person[], sanctions: Sanction[], rng: Rng, cal: Calendar): void {
  for (let y = cal.year - 3; y < cal.year; y++) {
    const start = dayNumber(y, 1, 1);
    const end = dayNumber(y + 1, 1, 1);
    const forced = new Set(sanctions.filter((s) => s.day >= start && s.day < end).map((s) => s.personCode));
    const groups = new Map<number, Array<{ p: Person; score: number }>>();
    for (const p of people) {
      if (p.hireDay >= end) continue;
      const list = groups.get(p.unit.group) ?? [];
      list.push({ p, score: p.diligence + 0.1 * rng.normal() });
      groups.set(p.unit.group, list);
    }
    for (const members of groups.values()) {
      const n = members.length;
      const ranked = members.filter((m) => !forced.has(m.p.code)).sort((a, b) => b.score - a.score || a.p.index - b.p.index);
      const top = Math.floor(SHARES.tier1 * n);
      const bottom = Math.round(SHARES.tier3 * n);
      ranked.forEach((m, i) => m.p.tiers.push({ year: y, tier: i < top ? 1 : i >= ranked.length - bottom ? 3 : 2 }));
      for (const m of members) if (forced.has(m.p.code)) m.p.tiers.push({ year: y, tier: 3 });
    }
  }
  for (const p of people) p.tiers.sort((a, b) => a.year - b.year);
}

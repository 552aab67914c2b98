import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataLines, generateTemp } from './output.test-support.js';

/** The shares docs/synthetic-bureau.md promises, measured on the files of the small preset. */
describe('generateBureau shares (small preset)', () => {
  let run: Awaited<ReturnType<typeof generateTemp>>;
  const rows = (file: string) => dataLines(run.dir, file).map((l) => l.split(','));
  const json = <T>(file: string) => dataLines(run.dir, file).map((l) => JSON.parse(l) as T);
  beforeAll(async () => {
    run = await generateTemp({ preset: 'small', seed: 3, year: 2026 });
  });
  afterAll(() => run.cleanup());

  it('has about 200 staff in a 市局 → 区局 → 科室 tree, with every post', () => {
    const units = rows('hr/units.csv');
    const byCode = new Map(units.map((u) => [u[0], u]));
    for (const u of units) {
      const parent = byCode.get(u[2]);
      if (u[3] === '市局') expect(u[2]).toBe('');
      if (u[3] === '区局') expect(parent?.[3]).toBe('市局');
      if (u[3] === '科室') expect(['市局', '区局']).toContain(parent?.[3]);
    }
    const people = rows('hr/people.csv');
    expect(people.length).toBeGreaterThanOrEqual(180);
    expect(people.length).toBeLessThanOrEqual(230);
    expect(new Set(people.map((p) => p[3]))).toEqual(new Set(['FD', 'TM', 'IN', 'LG', 'AD']));
    expect(people.every((p) => byCode.has(p[2]))).toBe(true);
  });

  it('writes about 700 records per person-year', () => {
    const perPerson = run.manifest.counts.records / run.manifest.counts.people;
    expect(perPerson).toBeGreaterThan(600);
    expect(perPerson).toBeLessThan(800);
  });

  it('has 60–70 % party members, ≈2 % leavers in the year, 0.5–1 % sanctioned in the year', () => {
    const people = rows('hr/people.csv');
    const share = (n: number) => n / people.length;
    expect(share(people.filter((p) => p[5] === '中共党员').length)).toBeGreaterThanOrEqual(0.6);
    expect(share(people.filter((p) => p[5] === '中共党员').length)).toBeLessThanOrEqual(0.7);
    const leavers = people.filter((p) => p[7] !== '');
    expect(share(leavers.length)).toBeGreaterThanOrEqual(0.01);
    expect(share(leavers.length)).toBeLessThanOrEqual(0.03);
    expect(leavers.every((p) => p[7].startsWith('2026-'))).toBe(true);
    const sanctions = rows('hr/sanctions.csv');
    const inYear = sanctions.filter((s) => s[3].startsWith('2026-'));
    expect(inYear.length).toBeGreaterThanOrEqual(1);
    expect(share(inYear.length)).toBeLessThanOrEqual(0.01);
    // Earlier sanctions, at least one still in force during the year.
    const earlier = sanctions.filter((s) => s[3] < '2026-01-01');
    expect(earlier.length).toBeGreaterThanOrEqual(1);
    expect(earlier.some((s) => s[4] >= '2026-01-01')).toBe(true);
  });

  it('has three earlier years of tiers: mostly 2, ≈20 % 1, a few 3, and tier 3 for those sanctioned that year', () => {
    const tiers = rows('hr/tier-history.csv');
    expect(new Set(tiers.map((t) => t[1]))).toEqual(new Set(['2023', '2024', '2025']));
    const share = (tier: string) => tiers.filter((t) => t[2] === tier).length / tiers.length;
    expect(share('1')).toBeGreaterThan(0.15);
    expect(share('1')).toBeLessThanOrEqual(0.2);
    expect(share('3')).toBeGreaterThan(0);
    expect(share('3')).toBeLessThan(0.06);
    expect(share('2')).toBeGreaterThan(0.7);
    const tierOf = new Map(tiers.map((t) => [`${t[0]}:${t[1]}`, t[2]]));
    for (const s of rows('hr/sanctions.csv').filter((s) => s[3] < '2026-01-01')) expect(tierOf.get(`${s[1]}:${s[3].slice(0, 4)}`)).toBe('3');
  });

  it('has 2–4 % overdue completed matters and some matters still open at year end, some of them overdue', () => {
    const matters = json<{ blqx: string; bjrq: string | null }>('tax/matters.ndjson');
    const done = matters.filter((m) => m.bjrq !== null);
    const overdue = done.filter((m) => Date.parse(m.bjrq!) > Date.parse(m.blqx)).length / done.length;
    expect(overdue).toBeGreaterThanOrEqual(0.02);
    expect(overdue).toBeLessThanOrEqual(0.04);
    const open = matters.filter((m) => m.bjrq === null);
    expect(open.length).toBeGreaterThan(0);
    expect(open.length / matters.length).toBeLessThan(0.02);
    expect(open.some((m) => Date.parse(m.blqx) < Date.parse('2027-01-01T00:00:00+08:00'))).toBe(true);
  });

  it('has a few % faulty enforcement, unreviewed actions late in the year, and some low ratings', () => {
    const actions = json<{ fcjg: string | null }>('tax/enforcement.ndjson');
    const reviewed = actions.filter((a) => a.fcjg !== null);
    const faulty = reviewed.filter((a) => a.fcjg === '过错').length / reviewed.length;
    expect(faulty).toBeGreaterThanOrEqual(0.01);
    expect(faulty).toBeLessThanOrEqual(0.05);
    expect(reviewed.length).toBeLessThan(actions.length);
    const ratings = json<{ pjfs: number; swry_dm: string }>('tax/ratings.ndjson');
    const mean = ratings.reduce((s, r) => s + r.pjfs, 0) / ratings.length;
    expect(mean).toBeGreaterThan(4.3);
    expect(mean).toBeLessThan(4.8);
    expect(ratings.filter((r) => r.pjfs <= 2).length).toBeGreaterThan(0);
  });

  it('has 1–2 % absences among working days and ≈250 working days a year', () => {
    const attendance = rows('hr/attendance.csv');
    const n = (s: string) => attendance.filter((a) => a[3] === s).length;
    const absent = n('缺勤') / (n('缺勤') + n('出勤'));
    expect(absent).toBeGreaterThanOrEqual(0.01);
    expect(absent).toBeLessThanOrEqual(0.02);
    expect(n('请假')).toBeGreaterThan(0);
    const days = new Set(attendance.map((a) => a[2]));
    expect(days.size).toBeGreaterThanOrEqual(245);
    expect(days.size).toBeLessThanOrEqual(255);
  });

  it('gives party activity to members only, ≈12 organisational-life meetings and ≈50 study credits a year', () => {
    const people = rows('hr/people.csv');
    const members = new Set(people.filter((p) => p[5] === '中共党员').map((p) => p[0]));
    const items = json<{ memberCode: string; kind: string; credits?: number }>('party/activities.json');
    expect(items.every((i) => members.has(i.memberCode))).toBe(true);
    const fullYear = people.filter((p) => members.has(p[0]) && p[6] < '2026-01-01' && p[7] === '').map((p) => p[0]);
    const meetings = items.filter((i) => i.kind === 'organisational-life' && fullYear.includes(i.memberCode)).length / fullYear.length;
    expect(meetings).toBe(12);
    const credits = items.filter((i) => i.kind === 'study' && fullYear.includes(i.memberCode)).reduce((s, i) => s + (i.credits ?? 0), 0) / fullYear.length;
    expect(credits).toBeGreaterThan(40);
    expect(credits).toBeLessThan(60);
  });

  it('spreads people: lateness and absences go together, weak people exist', () => {
    const matters = json<{ swry_dm: string; blqx: string; bjrq: string | null }>('tax/matters.ndjson');
    const byPerson = new Map<string, { done: number; late: number }>();
    for (const m of matters) {
      if (m.bjrq === null) continue;
      const s = byPerson.get(m.swry_dm) ?? { done: 0, late: 0 };
      s.done++;
      if (Date.parse(m.bjrq) > Date.parse(m.blqx)) s.late++;
      byPerson.set(m.swry_dm, s);
    }
    const rates = [...byPerson.values()].filter((s) => s.done >= 100).map((s) => 1 - s.late / s.done);
    expect(Math.min(...rates)).toBeLessThan(0.95);
    expect(Math.max(...rates)).toBeGreaterThan(0.98);
    // Attendance and on-time rate correlate through diligence.
    const attendance = rows('hr/attendance.csv');
    const absences = new Map<string, number>();
    for (const a of attendance) if (a[3] === '缺勤') absences.set(a[1], (absences.get(a[1]) ?? 0) + 1);
    const pairs = [...byPerson.entries()].filter(([, s]) => s.done >= 100).map(([p, s]) => [s.late / s.done, absences.get(p) ?? 0]);
    expect(correlation(pairs)).toBeGreaterThan(0.2);
  });

  it('reports revenue per 税源管理 科室 and month, collected near plan', () => {
    const revenue = json<{ swjg_dm: string; yf: string; jhs: number; sjs: number }>('tax/revenue.ndjson');
    const tmSections = new Set(rows('hr/units.csv').filter((u) => u[3] === '科室' && /税源管理|征收管理|所得税|货物和劳务税|收入规划/.test(u[1])).map((u) => u[0]));
    expect(new Set(revenue.map((r) => r.swjg_dm))).toEqual(tmSections);
    expect(revenue).toHaveLength(tmSections.size * 12);
    const ratio = revenue.reduce((s, r) => s + r.sjs, 0) / revenue.reduce((s, r) => s + r.jhs, 0);
    expect(ratio).toBeGreaterThan(0.9);
    expect(ratio).toBeLessThan(1.1);
  });
});

function correlation(pairs: number[][]): number {
  const n = pairs.length;
  const mx = pairs.reduce((s, p) => s + p[0], 0) / n;
  const my = pairs.reduce((s, p) => s + p[1], 0) / n;
  let sxy = 0, sxx = 0, syy = 0;
  for (const [x, y] of pairs) {
    sxy += (x - mx) * (y - my);
    sxx += (x - mx) ** 2;
    syy += (y - my) ** 2;
  }
  return sxy / Math.sqrt(sxx * syy);
}

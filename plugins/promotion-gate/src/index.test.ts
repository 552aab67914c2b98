import type { ActivityEvent, GateContext, GateTier, Person } from '@kaoping/contract';
import { localTime, makeEvent, makePerson } from '@kaoping/testkit';
import { describe, expect, it } from 'vitest';
import gate, { type PromotionParams } from './index.js';

/** A GateContext over in-memory tiers and records, as the kernel would answer from its store. */
function context(opts: { people?: Person[]; tiers?: GateTier[]; sanctions?: ActivityEvent[]; params?: PromotionParams }): GateContext<PromotionParams> {
  const people = opts.people ?? [makePerson({ id: 'P001' })];
  return {
    params: opts.params ?? gate.params!.defaults,
    person: (id) => people.find((p) => p.id === id),
    tier: (_personId, year) => opts.tiers?.find((t) => t.year === year) ?? null,
    records: (_personId, types) => (opts.sanctions ?? []).filter((e) => types.includes(e.type)),
  };
}

const history = (year: number, tier: 1 | 2 | 3): GateTier => ({ year, tier, source: 'history', recordId: `P001:${year}` });
const good = [history(2023, 1), history(2024, 2), history(2025, 2)];
const sanction = (id: string, imposed: string, until: string) =>
  makeEvent({ source: 'hr', id, type: 'hr.sanction.imposed', occurredAt: imposed, attrs: { sanctionType: '政务处分', effectiveUntil: localTime(until) } });
const ask = (date: string) => ({ personId: 'P001', date: localTime(date) });

describe('gate.promotion', () => {
  it('allows tiers 1 or 2 in each of the three years before the asking year, with no sanction in force', () => {
    expect(gate.decide(ask('2026-03-05 10:00'), context({ tiers: good }))).toEqual({ allowed: true, reasons: [] });
  });

  it('fails a year with no tier, naming the year', () => {
    const answer = gate.decide(ask('2026-03-05'), context({ tiers: [history(2024, 1), history(2025, 1)] }));
    expect(answer).toEqual({ allowed: false, reasons: [{ code: 'tier-missing', year: 2023, message: '2023 年度无考核段次 (no tier for 2023)' }] });
  });

  it('fails a year whose tier is null (no-data or left)', () => {
    const tiers = [history(2023, 1), { year: 2024, tier: null, source: 'kaoping' as const }, history(2025, 1)];
    expect(gate.decide(ask('2026-03-05'), context({ tiers })).reasons.map((r) => [r.code, r.year])).toEqual([['tier-missing', 2024]]);
  });

  it('fails tier 3, naming the year and the record', () => {
    const answer = gate.decide(ask('2026-03-05'), context({ tiers: [history(2023, 1), history(2024, 3), history(2025, 2)] }));
    expect(answer.allowed).toBe(false);
    expect(answer.reasons).toEqual([{
      code: 'tier-3', year: 2024, tier: 3, source: 'history', recordId: 'P001:2024',
      message: '2024 年度考核为第3段，记录 P001:2024 (tier 3 in 2024, record P001:2024)',
    }]);
  });

  it("reads the asking year in Shanghai time: 2026-01-01 00:30 local looks back at 2023–2025", () => {
    // 2025-12-31T16:30Z is already 2026 in Shanghai; a UTC reading would ask for 2022–2024.
    const answer = gate.decide({ personId: 'P001', date: Date.parse('2025-12-31T16:30:00Z') }, context({ tiers: good }));
    expect(answer).toEqual({ allowed: true, reasons: [] });
    expect(gate.decide(ask('2027-01-01'), context({ tiers: good })).reasons.map((r) => r.year)).toEqual([2026]);
  });

  it('fails a sanction in force on the asking date, with the record id and both dates', () => {
    const answer = gate.decide(ask('2026-03-05'), context({ tiers: good, sanctions: [sanction('S-7', '2025-06-01', '2026-05-31')] }));
    expect(answer).toEqual({
      allowed: false,
      reasons: [{
        code: 'sanction-in-force', recordId: 'S-7', sanctionType: '政务处分', imposedOn: '2025-06-01', effectiveUntil: '2026-05-31',
        message: '处分影响期内：记录 S-7，处分日期 2025-06-01，影响期至 2026-05-31 (sanction S-7 in force from 2025-06-01 until 2026-05-31)',
      }],
    });
  });

  it('counts both ends of the sanction as in force, compared as dates', () => {
    const s = [sanction('S-8', '2026-03-05', '2026-06-30')];
    expect(gate.decide(ask('2026-03-05 00:00'), context({ tiers: good, sanctions: s })).allowed).toBe(false);
    expect(gate.decide(ask('2026-06-30 18:00'), context({ tiers: good, sanctions: s })).allowed).toBe(false);
  });

  it('allows once the sanction has expired, or before it was imposed', () => {
    const s = [sanction('S-9', '2025-01-10', '2026-01-09')];
    expect(gate.decide(ask('2026-01-10'), context({ tiers: good, sanctions: s }))).toEqual({ allowed: true, reasons: [] });
    const later = [sanction('S-10', '2026-04-01', '2027-03-31')];
    expect(gate.decide(ask('2026-03-31 23:59'), context({ tiers: good, sanctions: later }))).toEqual({ allowed: true, reasons: [] });
  });

  it('gives one reason per failed condition, all at once', () => {
    const answer = gate.decide(ask('2026-03-05'), context({ tiers: [history(2024, 3)], sanctions: [sanction('S-11', '2026-01-01', '2026-12-31'), sanction('S-1', '2020-01-01', '2021-01-01')] }));
    expect(answer.allowed).toBe(false);
    expect(answer.reasons.map((r) => `${r.code}:${r.year ?? r.recordId}`)).toEqual(['tier-missing:2023', 'tier-3:2024', 'tier-missing:2025', 'sanction-in-force:S-11']);
  });

  it('refuses a person not in the HR directory', () => {
    const answer = gate.decide({ personId: 'P404', date: localTime('2026-03-05') }, context({ tiers: good }));
    expect(answer).toEqual({ allowed: false, reasons: [{ code: 'unknown-person', personId: 'P404', message: '人员 P404 不在人事名册中 (person P404 is not in the HR directory)' }] });
  });

  it('looks back as many years as configured', () => {
    const answer = gate.decide(ask('2026-03-05'), context({ tiers: good, params: { years: 5 } }));
    expect(answer.reasons.map((r) => r.year)).toEqual([2021, 2022]);
  });
});

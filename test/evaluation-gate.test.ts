import { afterEach, describe, expect, it } from 'vitest';
import { askGate, closePeriod } from '@kaoping/kernel';
import { EVENTS_2026, local, openBureau, tierRecord, type Bureau } from './evaluation-support.js';

let bureau: Bureau | undefined;
afterEach(async () => {
  await bureau?.close();
  bureau = undefined;
});

/** HR tier history (tier-history.csv) on top of the 2026 records. */
const HISTORY = [
  tierRecord('A3', 2023, 1), tierRecord('A3', 2024, 2), tierRecord('A3', 2025, 2),
  // HR recorded 2026 as tier 2 for A2; the project's own close puts A2 in tier 3.
  tierRecord('A2', 2024, 2), tierRecord('A2', 2025, 2), tierRecord('A2', 2026, 2),
  // A1: tier 3 in 2024, nothing for 2025.
  tierRecord('A1', 2024, 3),
  tierRecord('A4', 2023, 2), tierRecord('A4', 2024, 2), tierRecord('A4', 2025, 1),
];

const codes = (a: { reasons: { code: string }[] }) => a.reasons.map((r) => r.code);

describe('askGate promotion', () => {
  it('allows tiers 1–2 in each of the three years before the asking year, from the HR history', async () => {
    bureau = await openBureau([...EVENTS_2026, ...HISTORY]);
    expect(await askGate(bureau.kernel, 'promotion', { personId: 'A3', date: local(2026, 3, 1) })).toEqual({ allowed: true, reasons: [] });
    // The gate answers to its full id as well.
    expect((await askGate(bureau.kernel, 'gate.promotion', { personId: 'A3', date: local(2026, 3, 1) })).allowed).toBe(true);
  });

  it('lets the project\'s own annual tier win over the HR history once the year is closed', async () => {
    bureau = await openBureau([...EVENTS_2026, ...HISTORY]);
    const asked = { personId: 'A2', date: local(2027, 2, 1) };
    // Before the close only the history knows 2026: tier 2.
    expect(await askGate(bureau.kernel, 'promotion', asked)).toEqual({ allowed: true, reasons: [] });
    await closePeriod(bureau.kernel, '2026');
    // A2 is below the threshold in the project's own 2026 tiers.
    expect(await askGate(bureau.kernel, 'promotion', asked)).toEqual({
      allowed: false,
      reasons: [{ code: 'tier-3', year: 2026, tier: 3, source: 'kaoping', recordId: null, message: '2026 年度考核为第3段 (tier 3 in 2026)' }],
    });
    // A3's own 2026 tier 1 stands in for a year the history does not have.
    expect(await askGate(bureau.kernel, 'promotion', { personId: 'A3', date: local(2027, 2, 1) })).toEqual({ allowed: true, reasons: [] });
  });

  it('names each failed year: tier 3 from the history with its record, and a year with no tier', async () => {
    bureau = await openBureau([...EVENTS_2026, ...HISTORY]);
    await closePeriod(bureau.kernel, '2026');
    const answer = await askGate(bureau.kernel, 'promotion', { personId: 'A1', date: local(2027, 1, 10) });
    expect(answer.allowed).toBe(false);
    expect(answer.reasons).toEqual([
      { code: 'tier-3', year: 2024, tier: 3, source: 'history', recordId: 'A1:2024', message: '2024 年度考核为第3段，记录 A1:2024 (tier 3 in 2024, record A1:2024)' },
      { code: 'tier-missing', year: 2025, message: '2025 年度无考核段次 (no tier for 2025)' },
    ]);
  });

  it('fails every year for someone with no tier at all', async () => {
    bureau = await openBureau([...EVENTS_2026, ...HISTORY]);
    await closePeriod(bureau.kernel, '2026');
    // A6 has no data in 2026 (no tier) and no history.
    const answer = await askGate(bureau.kernel, 'promotion', { personId: 'A6', date: local(2027, 6, 1) });
    expect(answer.reasons.map((r) => [r.code, r.year])).toEqual([['tier-missing', 2024], ['tier-missing', 2025], ['tier-missing', 2026]]);
  });

  it('refuses while a sanction is in force, up to and including its last day', async () => {
    bureau = await openBureau([...EVENTS_2026, ...HISTORY]);
    const during = await askGate(bureau.kernel, 'promotion', { personId: 'A4', date: local(2026, 6, 1) });
    expect(during.allowed).toBe(false);
    expect(during.reasons).toEqual([{
      code: 'sanction-in-force', recordId: 'S-A4', sanctionType: '警告', imposedOn: '2026-05-10', effectiveUntil: '2027-05-09',
      message: '处分影响期内：记录 S-A4，处分日期 2026-05-10，影响期至 2027-05-09 (sanction S-A4 in force from 2026-05-10 until 2027-05-09)',
    }]);
    // Before the sanction it does not count.
    expect(await askGate(bureau.kernel, 'promotion', { personId: 'A4', date: local(2026, 5, 9) })).toEqual({ allowed: true, reasons: [] });
    // On its last day, after the 2026 close: the sanction and the forced tier 3 each give a reason.
    await closePeriod(bureau.kernel, '2026');
    const lastDay = await askGate(bureau.kernel, 'promotion', { personId: 'A4', date: local(2027, 5, 9, 15) });
    expect(codes(lastDay)).toEqual(['tier-3', 'sanction-in-force']);
  });

  it('says so for a person who is not in the directory, and refuses an unknown gate', async () => {
    bureau = await openBureau();
    expect(await askGate(bureau.kernel, 'promotion', { personId: 'ZZ9', date: local(2027, 1, 1) })).toEqual({
      allowed: false,
      reasons: [{ code: 'unknown-person', personId: 'ZZ9', message: '人员 ZZ9 不在人事名册中 (person ZZ9 is not in the HR directory)' }],
    });
    await expect(askGate(bureau.kernel, 'transfer', { personId: 'A1', date: local(2027, 1, 1) })).rejects.toMatchObject({
      code: 'KP_ERR_NOT_FOUND', message: 'Started gate "transfer" not found',
    });
  });
});

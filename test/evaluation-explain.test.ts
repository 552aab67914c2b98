import { afterEach, describe, expect, it } from 'vitest';
import { closePeriod, explain, type CompositeExplanation, type IndicatorExplanation, type TierExplanation } from '@kaoping/kernel';
import { local, openBureau, type Bureau } from './evaluation-support.js';

let bureau: Bureau | undefined;
afterEach(async () => {
  await bureau?.close();
  bureau = undefined;
});

async function indicator(b: Bureau, q: { person?: string; unit?: string; indicator: string; period?: string; eventLimit?: number }): Promise<IndicatorExplanation> {
  return (await explain(b.kernel, { period: '2026', ...q })) as IndicatorExplanation;
}

async function tierOf(b: Bureau, person: string): Promise<TierExplanation> {
  return (await explain(b.kernel, { period: '2026', person, tier: true })) as TierExplanation;
}

describe('explain an indicator', () => {
  it('shows value, state, params and hash, version, the scale with its numbers, and the records behind it', async () => {
    bureau = await openBureau();
    const e = await indicator(bureau, { person: 'A2', indicator: 'business.on-time-rate' });
    const loaded = bureau.kernel.indicators().find((i) => i.definition.id === 'business.on-time-rate')!;
    expect(e).toMatchObject({
      kind: 'indicator', period: '2026', applies: true, value: 0.5, score: 0,
      subject: { kind: 'person', id: 'A2', name: '姓名A2', unitId: 'D1S', unitName: '一区局征管科', postId: 'FD' },
      indicator: { id: 'business.on-time-rate', title: { zh: '办税时限达标率', en: 'On-time handling rate' }, version: '1.0.0', domain: 'business' },
      state: { done: 2, onTime: 1 },
      params: { target: 0.98, floor: 0.85 },
      paramsHash: loaded.paramsHash,
      indicatorVersion: '1.0.0',
      scale: {
        kind: 'target', direction: 'higher', target: 0.98, floor: 0.85,
        formula: '100 × clamp((v − floor) ÷ (target − floor), 0, 1)',
        computation: '100 × clamp((0.5 − 0.85) ÷ (0.98 − 0.85), 0, 1) = 0',
      },
      events: { count: 2, ids: ['n1#c', 'n2#c'], truncated: false, attribution: 'event-time' },
      source: 'computed',
    });
    expect(e.events.query).toEqual({ from: local(2026, 1, 1), to: local(2027, 1, 1), types: ['tax.matter.completed'], actorId: 'A2' });
  });

  it('lists the first ids and the full count when there are more than the limit', async () => {
    bureau = await openBureau();
    const e = await indicator(bureau, { person: 'A1', indicator: 'gov.attendance', eventLimit: 3 });
    expect(e.events).toMatchObject({ count: 50, ids: ['A1-att-0', 'A1-att-1', 'A1-att-2'], truncated: true });
  });

  it('explains a deduction and a percentile with their numbers', async () => {
    bureau = await openBureau();
    const overdue = await indicator(bureau, { person: 'A1', indicator: 'business.overdue-open' });
    expect(overdue.scale).toEqual({ kind: 'deduction', points: 5, formula: 'max(0, 100 − points × v)', computation: 'max(0, 100 − 5 × 1) = 95' });
    // Period-end attribution: every matter accepted before the end, and each completion that took one back.
    expect(overdue.events.attribution).toBe('period-end');
    expect(overdue.events.query).toMatchObject({ to: local(2027, 1, 1), actorId: 'A1' });
    expect(overdue.events.query.from).toBeUndefined();
    expect([...overdue.events.ids].sort()).toEqual(['m1#a', 'm1#c', 'm2#a', 'm2#c', 'm3#a', 'm3#c', 'm4#a', 'm4#c', 'm5#a']);

    const workload = await indicator(bureau, { person: 'A1', indicator: 'business.workload' });
    expect(workload.scale).toEqual({
      kind: 'percentile', direction: 'higher', below: 0, equal: 2, n: 2, peerGroup: { tierGroup: 'D1', post: 'FD' },
      formula: '100 × (below + 0.5 × (equal − 1)) ÷ (n − 1); 100 when n = 1',
      computation: '100 × (0 + 0.5 × (2 − 1)) ÷ (2 − 1) = 50',
    });
  });

  it('says when an indicator does not apply to the person', async () => {
    bureau = await openBureau();
    const e = await indicator(bureau, { person: 'A2', indicator: 'party.study-credits' });
    expect(e).toMatchObject({ applies: false, value: null, score: null, scale: { computation: null } });
  });

  it('explains a unit from the records of its whole subtree', async () => {
    bureau = await openBureau();
    const e = await indicator(bureau, { unit: 'D1', indicator: 'business.on-time-rate' });
    expect(e.subject).toEqual({ kind: 'unit', id: 'D1', name: '一区局', unitKind: 'district' });
    expect(e.state).toEqual({ done: 6, onTime: 5 });
    expect(e.events.query.unitIds).toEqual(['D1', 'D1S']);
    expect([...e.events.ids].sort()).toEqual(['m1#c', 'm2#c', 'm3#c', 'm4#c', 'n1#c', 'n2#c']);
  });

  it('uses what close stored, even when the kept states moved on since', async () => {
    bureau = await openBureau();
    await closePeriod(bureau.kernel, '2026');
    // A late completion reaches the kept states after the close.
    bureau.kernel.hook({
      id: 'n3#c', source: 'tax-collection', type: 'tax.matter.completed', actorId: 'A2', unitId: null, occurredAt: local(2026, 12, 1),
      attrs: { matterId: 'n3', matterType: 'DJ', acceptedAt: local(2026, 11, 1), deadlineAt: local(2026, 12, 5), completedAt: local(2026, 12, 1) },
    });
    const e = await indicator(bureau, { person: 'A2', indicator: 'business.on-time-rate' });
    expect(e).toMatchObject({ source: 'stored', value: 0.5, score: 0, state: { done: 3, onTime: 2 } });
  });
});

describe('explain a tier', () => {
  it('shows a forced tier with the rule, its record, n, quota, threshold, group and weights', async () => {
    bureau = await openBureau();
    await closePeriod(bureau.kernel, '2026');
    const e = await tierOf(bureau, 'A4');
    expect(e).toMatchObject({
      kind: 'tier', tier: 3, reason: 'sanction', score: 100, rank: null, n: 5, quota: 0.2, quotaSlots: 1, tierOneSlots: 1, threshold: 60,
      group: { id: 'D1', name: '一区局' }, forcedBy: 'rule.sanction-tier3', composite: { value: 100, weights: { 'gov.attendance': 1 } }, source: 'stored',
    });
    expect(e.rules).toEqual([{
      rule: 'rule.sanction-tier3', precedence: 100, tier: 3, reason: 'sanction',
      message: '当年受处分，年度考核直接确定为第3段 (sanction on 2026-05-10, record S-A4)',
      records: [{ id: 'S-A4', type: 'hr.sanction.imposed', date: '2026-05-10', attrs: { sanctionType: '警告', effectiveUntil: local(2027, 5, 9) } }],
    }]);
  });

  it('shows rank and the tie broken by person code, computing when the year is not closed', async () => {
    bureau = await openBureau();
    const a3 = await tierOf(bureau, 'A3');
    const a7 = await tierOf(bureau, 'A7');
    expect([a3.tier, a3.rank, a3.score, a3.n]).toEqual([1, 1, 100, 5]);
    expect([a7.tier, a7.rank, a7.score, a7.n]).toEqual([2, 2, 100, 5]);
    expect(a3.rules).toEqual([]);
    expect(a3.source).toBe('computed');
    const a2 = await tierOf(bureau, 'A2');
    expect(a2).toMatchObject({ tier: 3, reason: 'below-threshold', rank: 4 });
    expect(a2.score).toBeCloseTo((0.6 / 0.85) * 50, 9);
  });

  it('shows a leaver and someone without data', async () => {
    bureau = await openBureau();
    expect(await tierOf(bureau, 'A5')).toMatchObject({ tier: null, reason: 'left', leftOn: '2026-06-30', n: null, quotaSlots: null });
    expect(await tierOf(bureau, 'A6')).toMatchObject({ tier: null, reason: 'no-data', score: null, composite: { value: null, weights: {} } });
  });
});

describe('explain a composite', () => {
  it('lists every indicator of the subject with value, score and weight', async () => {
    bureau = await openBureau();
    const e = (await explain(bureau.kernel, { period: '2026', person: 'A3' })) as CompositeExplanation;
    expect(e).toMatchObject({ kind: 'composite', composite: 100, weights: { 'gov.attendance': 1 } });
    expect(e.indicators).toHaveLength(10);
    expect(e.indicators.find((i) => i.id === 'gov.attendance')).toEqual({
      id: 'gov.attendance', title: { zh: '出勤率', en: 'Attendance rate' }, domain: 'government', value: 1, score: 100, weight: 1,
    });
  });
});

describe('explain refuses what it cannot explain', () => {
  it('names the problem', async () => {
    bureau = await openBureau();
    const k = bureau.kernel;
    await expect(explain(k, { period: '2026', person: 'ZZ', tier: true })).rejects.toMatchObject({ code: 'KP_ERR_NOT_FOUND', message: 'Person "ZZ" not found' });
    await expect(explain(k, { period: '2026', unit: 'XX' })).rejects.toMatchObject({ code: 'KP_ERR_NOT_FOUND', message: 'Unit "XX" not found' });
    await expect(explain(k, { period: '2026', person: 'A1', indicator: 'no.such' })).rejects.toMatchObject({ code: 'KP_ERR_NOT_FOUND', message: 'Started indicator "no.such" not found' });
    await expect(explain(k, { period: '2026-Q1', person: 'A1', tier: true })).rejects.toMatchObject({
      code: 'KP_ERR_USAGE', message: 'tiers are annual: explain --tier needs a year such as 2026, not 2026-Q1',
    });
    await expect(explain(k, { period: '2026', unit: 'D1', indicator: 'business.workload' })).rejects.toMatchObject({
      code: 'KP_ERR_USAGE', message: 'indicator business.workload (工作量) scores person subjects, not a unit; explain it for a person',
    });
    await expect(explain(k, { period: '2026', person: 'A1', unit: 'D1' })).rejects.toMatchObject({ code: 'KP_ERR_USAGE', message: 'explain needs exactly one subject: a person or a unit' });
  });
});

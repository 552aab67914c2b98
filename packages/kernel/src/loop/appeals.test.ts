import type { Result, Tier } from '@kaoping/contract';
import { afterEach, describe, expect, it } from 'vitest';
import { HOUR, rig, type Rig } from './test-support.js';

let r: Rig;
afterEach(() => r?.store.close());

function result(subjectId: string, value: number, score: number): Result {
  return {
    subjectKind: 'person', subjectId, indicator: 'test.rate', indicatorVersion: '1.0.0', paramsHash: 'abc', period: '2026-Q3',
    value, score, evidence: { scale: 'target' },
  };
}

function tier(personId: string, t: 1 | 2 | 3): Tier {
  return { personId, period: '2026', tier: t, reason: 'ranked', rank: 9, n: 12, group: 'D1', evidence: {} };
}

describe('appeals (申诉)', () => {
  it('accepts a result appeal with an adjustment, keeping the original beside it, and audits both steps', async () => {
    r = rig();
    await r.loop.putResults('2026-Q3', [result('P01', 0.8, 0), result('P02', 0.99, 100)], 'close');
    const appeal = await r.loop.appeal({ personId: 'P01', targetKind: 'result', targetId: '2026-Q3/person/P01/test.rate', reason: '两件超期为系统故障所致' });
    expect(appeal).toMatchObject({ state: 'open', personId: 'P01', decision: null });
    r.clock.now += HOUR;
    const decided = await r.loop.decideAppeal({
      appealId: appeal.id, evaluatorId: 'E1', accept: true, reason: '系统故障期间的两件不计', adjustment: { value: 0.9, score: 38.46 },
    });
    expect(decided).toMatchObject({
      state: 'accepted', decidedAt: r.clock.now,
      decision: { outcome: 'accepted', by: 'E1', reason: '系统故障期间的两件不计', original: { value: 0.8, score: 0 }, adjusted: { value: 0.9, score: 38.46 } },
    });
    // The result row is not overwritten; the adjustment is read beside it.
    expect(r.store.listResults({ period: '2026-Q3', subjectId: 'P01' })[0]).toMatchObject({ value: 0.8, score: 0 });
    expect(await r.loop.adjustments('2026-Q3')).toEqual([expect.objectContaining({
      appealId: appeal.id, targetKind: 'result', targetId: '2026-Q3/person/P01/test.rate',
      original: { value: 0.8, score: 0 }, adjusted: { value: 0.9, score: 38.46 }, by: 'E1',
    })]);
    expect(r.store.listAudit().filter((e) => e.action.startsWith('appeal.')).map((e) => [e.action, e.actor])).toEqual([
      ['appeal.filed', 'P01'], ['appeal.accepted', 'E1'],
    ]);
    expect(await r.loop.verifyAudit()).toMatchObject({ ok: true, results: 2 });
  });

  it('marks a tier under appeal until it is decided; a rejection keeps the tier and says why', async () => {
    r = rig();
    r.store.putTiers('2026', [tier('P03', 3), tier('P04', 2)]);
    const appeal = await r.loop.appeal({ personId: 'P03', targetKind: 'tier', targetId: '2026/P03', reason: '处分已撤销' });
    expect((await r.loop.tiersWithAppeals('2026')).map((t) => [t.personId, t.tier, t.underAppeal])).toEqual([['P03', 3, true], ['P04', 2, false]]);
    await r.loop.decideAppeal({ appealId: appeal.id, evaluatorId: 'E1', accept: false, reason: '处分撤销在年度之后' });
    expect((await r.loop.tiersWithAppeals('2026'))[0]).toMatchObject({ tier: 3, underAppeal: false });
    expect(r.store.listAppeals({ id: appeal.id })[0].decision).toMatchObject({ outcome: 'rejected', reason: '处分撤销在年度之后' });
    const again = await r.loop.appeal({ personId: 'P03', targetKind: 'tier', targetId: '2026/P03', reason: '补充材料' });
    await r.loop.decideAppeal({ appealId: again.id, evaluatorId: 'E2', accept: true, reason: '材料属实', adjustment: { tier: 2 } });
    expect((await r.loop.tiersWithAppeals('2026'))[0]).toMatchObject({ tier: 3, adjustedTier: 2, underAppeal: false });
  });

  it('withdraws an appealed risk: it resolves and its task closes as verified by the system', async () => {
    r = rig();
    r.setRate('P05', '2026-11', { good: 1, bad: 9 });
    const [risk] = (await r.loop.scan()).raised;
    const appeal = await r.loop.appeal({ personId: 'P05', targetKind: 'risk', targetId: risk.id, reason: '记录重复' });
    await r.loop.decideAppeal({ appealId: appeal.id, evaluatorId: 'E1', accept: true, reason: '确属重复' });
    expect(r.store.listRisks({ id: risk.id })[0].status).toBe('resolved');
    expect(r.store.listTasks({ riskId: risk.id })[0].state).toBe('verified');
    // The data still shows it, but the finding was withdrawn: the next scan does not raise it again.
    expect((await r.loop.scan()).raised).toEqual([]);
  });

  it('refuses appeals without a reason, on someone else\'s result, twice at once, and decisions that are incomplete or repeated', async () => {
    r = rig();
    await r.loop.putResults('2026-Q3', [result('P01', 0.8, 0)], 'close');
    const target = { targetKind: 'result' as const, targetId: '2026-Q3/person/P01/test.rate' };
    await expect(r.loop.appeal({ personId: 'P01', ...target, reason: ' ' })).rejects.toMatchObject({
      code: 'KP_ERR_APPEAL_INVALID', message: 'Appeal on result "2026-Q3/person/P01/test.rate": a reason is required: say what is wrong with it',
    });
    await expect(r.loop.appeal({ personId: 'P02', ...target, reason: 'x' })).rejects.toThrow(
      'Appeal on result "2026-Q3/person/P01/test.rate": person "P02" may appeal only their own result (or, for a unit, its leader)');
    await expect(r.loop.appeal({ personId: 'P01', targetKind: 'result', targetId: '2026-Q3/person/P01/nope', reason: 'x' }))
      .rejects.toThrow('Result "2026-Q3/person/P01/nope" not found');
    const a = await r.loop.appeal({ personId: 'P01', ...target, reason: 'x' });
    await expect(r.loop.appeal({ personId: 'P01', ...target, reason: 'y' })).rejects.toThrow(`it is already under appeal (${a.id}); wait for that decision`);
    await expect(r.loop.decideAppeal({ appealId: a.id, evaluatorId: 'E1', accept: true, reason: 'ok' }))
      .rejects.toThrow(`Appeal ${a.id}: accepting a result appeal needs the adjusted value or score`);
    await expect(r.loop.decideAppeal({ appealId: a.id, evaluatorId: 'P01', accept: false, reason: 'no' }))
      .rejects.toThrow(`Appeal ${a.id}: a person cannot decide their own appeal`);
    await r.loop.decideAppeal({ appealId: a.id, evaluatorId: 'E1', accept: false, reason: 'no' });
    await expect(r.loop.decideAppeal({ appealId: a.id, evaluatorId: 'E1', accept: false, reason: 'no' }))
      .rejects.toThrow(`Appeal ${a.id}: it was already rejected; a decided appeal stays decided`);
  });
});

describe('comments (绩效沟通)', () => {
  it('threads comments on a result in order', async () => {
    r = rig();
    await r.loop.comment({ targetKind: 'result', targetId: '2026-Q3/person/P01/test.rate', authorId: 'L1', body: '本季度时效偏低，请说明' });
    r.clock.now += HOUR;
    await r.loop.comment({ targetKind: 'result', targetId: '2026-Q3/person/P01/test.rate', authorId: 'P01', body: '系统故障两天' });
    await r.loop.comment({ targetKind: 'result', targetId: '2026-Q3/person/P02/test.rate', authorId: 'L1', body: 'other' });
    expect((await r.loop.thread('result', '2026-Q3/person/P01/test.rate')).map((c) => [c.authorId, c.body])).toEqual([
      ['L1', '本季度时效偏低，请说明'], ['P01', '系统故障两天'],
    ]);
    await expect(r.loop.comment({ targetKind: 'result', targetId: 'x', authorId: 'L1', body: '' })).rejects.toMatchObject({ code: 'KP_ERR_USAGE' });
  });
});

import type { HostMessage } from '@kaoping/contract';
import { afterEach, describe, expect, it } from 'vitest';
import { DAY, HOUR, rig, type Rig } from './test-support.js';

let r: Rig;
afterEach(() => r?.store.close());

async function openTaskFor(personId: string): Promise<string> {
  r.setRate(personId, '2026-11', { good: 1, bad: 9 });
  const [risk] = (await r.loop.scan()).raised;
  return r.store.listTasks({ riskId: risk.id })[0].id;
}

describe('rectification task workflow', () => {
  it('goes open → acknowledged → submitted → reopened → submitted → verified, recording who, when, from, to and note', async () => {
    r = rig();
    const id = await openTaskFor('P01');
    const t0 = r.clock.now;
    r.clock.now += HOUR;
    await r.loop.transitionTask(id, 'acknowledged', 'P01');
    await r.loop.transitionTask(id, 'submitted', 'P01', '已逐件核对，补录 3 件');
    await r.loop.transitionTask(id, 'reopened', 'E1', '还有 1 件未补录');
    await r.loop.transitionTask(id, 'submitted', 'P01', '已补录最后 1 件');
    const done = await r.loop.transitionTask(id, 'verified', 'E1', '核实无误');
    expect(done).toMatchObject({ state: 'verified', updatedAt: t0 + HOUR });
    expect((await r.loop.taskHistory(id)).map((t) => [t.who, t.from, t.to, t.note])).toEqual([
      ['system', null, 'open', expect.stringContaining('测试达标率')],
      ['P01', 'open', 'acknowledged', null],
      ['P01', 'acknowledged', 'submitted', '已逐件核对，补录 3 件'],
      ['E1', 'submitted', 'reopened', '还有 1 件未补录'],
      ['P01', 'reopened', 'submitted', '已补录最后 1 件'],
      ['E1', 'submitted', 'verified', '核实无误'],
    ]);
    expect(r.store.listRisks()[0]).toMatchObject({ status: 'resolved', resolvedAt: t0 + HOUR });
    const audit = r.store.listAudit().filter((e) => e.action === 'task.transition').map((e) => `${e.actor}:${String(e.data.to)}`);
    expect(audit).toEqual(['system:open', 'P01:acknowledged', 'P01:submitted', 'E1:reopened', 'P01:submitted', 'E1:verified']);
  });

  it('refuses an illegal transition, saying which ones are allowed, and changes nothing', async () => {
    r = rig();
    const id = await openTaskFor('P02');
    await expect(r.loop.transitionTask(id, 'verified', 'E1')).rejects.toMatchObject({
      code: 'KP_ERR_TASK_TRANSITION',
      message: `Task "${id}" cannot go from open to verified; allowed from open: acknowledged`,
    });
    await r.loop.transitionTask(id, 'acknowledged', 'P02');
    await r.loop.transitionTask(id, 'submitted', 'P02', 'done');
    await r.loop.transitionTask(id, 'verified', 'E1');
    await expect(r.loop.transitionTask(id, 'reopened', 'E1')).rejects.toThrow(
      `Task "${id}" cannot go from verified to reopened; allowed from verified: none (the task is closed)`);
    expect(r.store.listTaskTransitions(id)).toHaveLength(4);
  });

  it('needs the rectification note to submit', async () => {
    r = rig();
    const id = await openTaskFor('P03');
    await r.loop.transitionTask(id, 'acknowledged', 'P03');
    await expect(r.loop.transitionTask(id, 'submitted', 'P03', '  ')).rejects.toMatchObject({
      code: 'KP_ERR_USAGE', message: `Submitting task "${id}" needs the rectification note: say what was done to put the risk right`,
    });
    await expect(r.loop.transitionTask('nope', 'acknowledged', 'P03')).rejects.toThrow('Task "nope" not found');
  });

  it('escalates an overdue task to the unit leader once, with a message through the outbox', async () => {
    r = rig();
    const id = await openTaskFor('P04');
    await r.loop.transitionTask(id, 'acknowledged', 'P04');
    r.clock.now += 7 * DAY; // due exactly now: not yet overdue
    expect((await r.loop.tick()).escalated).toEqual([]);
    r.clock.now += 1;
    const report = await r.loop.tick();
    expect(report.escalated.map((t) => [t.id, t.escalatedTo, t.state])).toEqual([[id, 'L1', 'acknowledged']]);
    expect(r.store.listTasks({ id })[0].escalatedTo).toBe('L1');
    r.clock.now += DAY;
    expect((await r.loop.tick()).escalated).toEqual([]);
    const escalation = r.hosts['gov-affairs'].received as HostMessage[];
    expect(escalation.map((m) => [m.id, m.kind, m.recipientId])).toEqual([[`escalation:${id}`, 'escalation', 'L1']]);
    expect(escalation[0].title).toBe('整改任务逾期未完成（P04） / Overdue rectification task of P04');
    expect(r.store.listAudit().filter((e) => e.action === 'task.escalated').map((e) => e.data.to)).toEqual(['L1']);
  });

  it('escalates a leader\'s own task to the leader above, and skips a submitted task (it waits on the evaluator)', async () => {
    r = rig();
    const own = await openTaskFor('L1');
    const waiting = await openTaskFor('P05');
    await r.loop.transitionTask(waiting, 'acknowledged', 'P05');
    await r.loop.transitionTask(waiting, 'submitted', 'P05', 'fixed');
    r.clock.now += 8 * DAY;
    const report = await r.loop.tick();
    expect(report.escalated.map((t) => [t.id, t.escalatedTo])).toEqual([[own, 'L2']]);
  });
});

import { afterEach, describe, expect, it, vi } from 'vitest';
import { DAY, HOUR, local, matter, rig, STAFF, type Rig, type RigOptions } from './test-support.js';

let r: Rig;
afterEach(() => r?.store.close());

describe('deadline trigger', () => {
  it('raises the moment an open matter arrives within the window, once, with a task pushed to the person\'s host', async () => {
    r = rig();
    const [accepted] = matter('SX1', 'P01', r.clock.now - DAY, r.clock.now + 10 * HOUR);
    r.storeEvents(accepted);
    const first = await r.loop.onEvent(accepted);
    expect(first.raised).toHaveLength(1);
    const risk = first.raised[0];
    expect(risk).toMatchObject({
      trigger: 'deadline', categories: ['时效'], severity: 'medium', subject: { kind: 'person', id: 'P01' },
      period: '2026-11', indicator: 'business.on-time-rate', evidence: ['SX1#a'], status: 'open',
      dedupKey: 'deadline|tax-collection|tax.matter.accepted|SX1#a',
    });
    expect(risk.message).toBe('办税事项 SX1#a 未办结，距办理期限还有 10 小时（期限 2026-11-10 19:00）(open tax matter SX1#a is due in 10 h, deadline 2026-11-10 19:00)');
    // The same matter seen again (event replayed, scheduled scan) raises nothing new.
    expect((await r.loop.onEvent(accepted)).raised).toEqual([]);
    expect((await r.loop.scan()).raised).toEqual([]);
    expect(r.store.listRisks()).toHaveLength(1);
    const [task] = r.store.listTasks();
    expect(task).toMatchObject({ riskId: risk.id, assigneeId: 'P01', state: 'open', dueAt: r.clock.now + 7 * DAY });
    const [queued] = r.store.listOutbox();
    expect(queued).toMatchObject({ id: `task:${task.id}`, adapter: 'tax-collection', state: 'pending', attempts: 0 });
    expect(r.events.map((e) => e.type)).toEqual(['risk.raised', 'task.changed']);
  });

  it('does not raise for a matter already completed, or due beyond the window', async () => {
    r = rig();
    const done = matter('SX2', 'P01', r.clock.now - DAY, r.clock.now + HOUR, r.clock.now - HOUR);
    const later = matter('SX3', 'P02', r.clock.now - DAY, r.clock.now + 25 * HOUR);
    r.storeEvents(...done, ...later);
    for (const e of [...done, ...later]) expect((await r.loop.onEvent(e)).raised).toEqual([]);
    expect((await r.loop.scan()).raised).toEqual([]);
  });

  it('raises on the schedule for a matter that aged into the window, and resolves when it is completed', async () => {
    r = rig();
    const start = r.clock.now;
    r.storeEvents(...matter('SX4', 'P03', start - 2 * DAY, start + 3 * DAY));
    expect((await r.loop.scan()).raised).toEqual([]);
    r.clock.now = start + 2 * DAY + 6 * HOUR;
    const raised = (await r.loop.scan()).raised;
    expect(raised.map((x) => x.evidence)).toEqual([['SX4#a']]);
    // Completed: the host sends the completed event; the risk resolves and its task closes as verified by the system.
    r.clock.now += HOUR;
    const [, completed] = matter('SX4', 'P03', start - 2 * DAY, start + 3 * DAY, r.clock.now);
    r.storeEvents(completed);
    const changes = await r.loop.onEvent(completed);
    expect(changes.resolved.map((x) => x.id)).toEqual([raised[0].id]);
    expect(r.store.listRisks({ id: raised[0].id })[0]).toMatchObject({ status: 'resolved', resolvedAt: r.clock.now });
    const [task] = r.store.listTasks({ riskId: raised[0].id });
    expect(task.state).toBe('verified');
    expect(r.store.listTaskTransitions(task.id).at(-1)).toMatchObject({
      who: 'system', from: 'open', to: 'verified', note: 'verified by system: the condition that raised the risk cleared',
    });
  });

  it('resolves on the scheduled scan too when the completion arrived by import, not through onEvent', async () => {
    r = rig();
    const now = r.clock.now;
    const [accepted, completed] = matter('SX5', 'P04', now - DAY, now - HOUR, now + HOUR);
    r.storeEvents(accepted);
    const [risk] = (await r.loop.scan()).raised;
    expect(risk.severity).toBe('high');
    r.storeEvents(completed);
    expect((await r.loop.scan()).resolved).toEqual([]); // completed in the future of the clock: still open
    r.clock.now = now + 2 * HOUR;
    expect((await r.loop.scan()).resolved.map((x) => x.id)).toEqual([risk.id]);
  });
});

describe('a group of hook events', () => {
  /** One open deadline risk (SX20), then a group: a matter near its deadline, one accepted and completed, one far off, SX20's completion twice. */
  async function scenario(options: RigOptions) {
    const g = rig({}, undefined, options);
    const now = g.clock.now;
    const [open] = matter('SX20', 'P01', now - DAY, now + 5 * HOUR);
    g.storeEvents(open);
    const [earlier] = (await g.loop.onEvent(open)).raised;
    g.clock.now = now + HOUR;
    const [, completion] = matter('SX20', 'P01', now - DAY, now + 5 * HOUR, now + HOUR / 2);
    const group = [
      ...matter('SX21', 'P02', now - DAY, now + 3 * HOUR),
      ...matter('SX22', 'P03', now - DAY, now + 2 * HOUR, now),
      ...matter('SX23', 'P04', now - DAY, now + 5 * DAY),
      completion, completion,
    ];
    g.storeEvents(...new Map(group.map((e) => [e.id, e])).values());
    return { g, group, earlier };
  }

  for (const options of [{}, { without: ['listOpenRisks'] as const }]) {
    it(`is judged as each event on its own, in order${options.without ? ' (store without listOpenRisks)' : ''}`, async () => {
      const one = await scenario(options);
      const changes = await one.g.loop.onEvents(one.group);
      expect(changes.raised.map((x) => x.evidence)).toEqual([['SX21#a']]);
      // The completion came twice (a retried call): its risk resolves once.
      expect(changes.resolved.map((x) => x.id)).toEqual([one.earlier.id]);
      expect(one.g.store.listTasks({ riskId: one.earlier.id })[0].state).toBe('verified');

      const each = await scenario(options);
      for (const e of each.group) await each.g.loop.onEvent(e);
      expect(one.g.store.listRisks()).toEqual(each.g.store.listRisks());
      expect(one.g.store.listTasks()).toEqual(each.g.store.listTasks());
      expect(one.g.events.map((x) => x.type)).toEqual(each.g.events.map((x) => x.type));
      each.g.store.close();
      r = one.g;
    });
  }

  it('opens no transaction when nothing changes: a person already at risk, a completion with no risk open', async () => {
    r = rig();
    const change = [{ subject: { kind: 'person' as const, id: 'P05' }, indicator: 'test.rate', period: '2026-11', value: 0 }];
    r.setRate('P05', '2026-11', { good: 1, bad: 9 });
    expect((await r.loop.onValuesChanged(change)).raised).toHaveLength(1);
    const transaction = vi.spyOn(r.store, 'transaction');
    r.setRate('P05', '2026-11', { good: 1, bad: 10 });
    expect(await r.loop.onValuesChanged(change)).toEqual({ raised: [], resolved: [], unassigned: [], warnings: [] });
    const done = matter('SX30', 'P06', r.clock.now - DAY, r.clock.now + DAY, r.clock.now - HOUR);
    r.storeEvents(...done);
    expect(await r.loop.onEvents(done)).toEqual({ raised: [], resolved: [], unassigned: [], warnings: [] });
    expect(transaction).not.toHaveBeenCalled();
    // What does change still writes, in one transaction.
    r.setRate('P05', '2026-11', { good: 40, bad: 1 });
    expect((await r.loop.onValuesChanged(change)).resolved).toHaveLength(1);
    expect(transaction).toHaveBeenCalledTimes(1);
  });
});

describe('trend trigger (the indicator\'s own `risks`)', () => {
  it('raises when the period-to-date value falls below the warning line with enough records, once, and resolves when it recovers', async () => {
    r = rig();
    const change = [{ subject: { kind: 'person' as const, id: 'P05' }, indicator: 'test.rate', period: '2026-11', value: 0 }];
    r.setRate('P05', '2026-11', { good: 3, bad: 1 }); // 0.75 but only 4 records: no alarm yet
    expect((await r.loop.onValuesChanged(change)).raised).toEqual([]);
    r.setRate('P05', '2026-11', { good: 4, bad: 2 });
    const [risk] = (await r.loop.onValuesChanged(change)).raised;
    expect(risk).toMatchObject({
      trigger: 'trend', severity: 'high', categories: ['时效', '服务'], subject: { kind: 'person', id: 'P05' },
      period: '2026-11', indicator: 'test.rate', evidence: ['4/6'],
    });
    expect(risk.message).toContain('期内至今测试达标率为 0.6667，低于预警线 0.876');
    expect((await r.loop.onValuesChanged(change)).raised).toEqual([]);
    expect((await r.loop.scan()).raised).toEqual([]);
    r.setRate('P05', '2026-11', { good: 40, bad: 2 });
    expect((await r.loop.onValuesChanged(change)).resolved.map((x) => x.id)).toEqual([risk.id]);
    expect(r.store.listTasks({ riskId: risk.id })[0].state).toBe('verified');
  });

  it('checks only periods that contain now; a closed period is checked at its close', async () => {
    r = rig();
    r.setRate('P06', '2026-10', { good: 1, bad: 9 });
    const change = [{ subject: { kind: 'person' as const, id: 'P06' }, indicator: 'test.rate', period: '2026-10', value: 0.1 }];
    expect((await r.loop.onValuesChanged(change)).raised).toEqual([]);
    expect((await r.loop.scan()).raised).toEqual([]);
    expect((await r.loop.onPeriodClosed('2026-10')).raised.map((x) => x.period)).toEqual(['2026-10']);
  });

  it("judges at a close the closed period's warnings only; the scan re-checks every open one", async () => {
    r = rig();
    r.setRate('P06', '2026-09', { good: 1, bad: 9 });
    const [september] = (await r.loop.onPeriodClosed('2026-09')).raised;
    r.setRate('P06', '2026-09', { good: 40, bad: 1 });
    r.setRate('P06', '2026-10', { good: 1, bad: 9 });
    const october = await r.loop.onPeriodClosed('2026-10');
    expect(october.raised.map((x) => x.period)).toEqual(['2026-10']);
    expect(october.resolved).toEqual([]);
    expect((await r.loop.scan()).resolved.map((x) => x.id)).toEqual([september.id]);
  });

  it('assigns a unit risk to the unit leader: the configured one, else the first AD person by id', async () => {
    r = rig();
    r.setRate('S1', '2026-11', { good: 1, bad: 9 }, 'unit');
    const [risk] = (await r.loop.scan()).raised;
    expect(risk.subject).toEqual({ kind: 'unit', id: 'S1' });
    expect(r.store.listTasks({ riskId: risk.id })[0].assigneeId).toBe('L1');
    // The leader works in the OA (post AD), so the message goes through gov-affairs.
    expect(r.store.listOutbox()[0].adapter).toBe('gov-affairs');
    r.store.close();
    r = rig({ leaders: { S1: 'L2' } });
    r.setRate('S1', '2026-11', { good: 1, bad: 9 }, 'unit');
    await r.loop.scan();
    expect(r.store.listTasks()[0].assigneeId).toBe('L2');
  });

  for (const options of [{}, { without: ['listOpenRiskKeys'] as const }]) it(`judges a close of many states (read in bulk) as it judges a few${options.without ? ' (store without listOpenRiskKeys)' : ''}`, async () => {
    r = rig({}, undefined, options);
    r.setRate('P07', '2026-10', { good: 1, bad: 9 });
    r.setRate('P08', '2026-10', { good: 1, bad: 9 });
    const first = await r.loop.onPeriodClosed('2026-10');
    expect(first.raised.map((x) => x.subject.id)).toEqual(['P07', 'P08']);
    const [task] = r.store.listTasks({ riskId: first.raised[0].id });
    await r.loop.transitionTask(task.id, 'acknowledged', 'P07');
    await r.loop.transitionTask(task.id, 'submitted', 'P07', '已补办并复核');
    await r.loop.transitionTask(task.id, 'verified', 'E1', '核实');
    r.setRate('P08', '2026-10', { good: 40, bad: 1 });
    const many = Array.from({ length: 70 }, (_, i) => `X${String(i).padStart(3, '0')}`);
    for (const id of many) r.setRate(id, '2026-10', { good: 1, bad: 9 });
    const second = await r.loop.onPeriodClosed('2026-10');
    expect(second.raised.map((x) => x.subject.id).sort()).toEqual(many);
    expect(second.resolved.map((x) => x.id)).toEqual([first.raised[1].id]);
    // Resolved from the open risks' keys, the stored risk keeps everything it was raised with.
    expect(r.store.listRisks({ id: first.raised[1].id })[0]).toEqual({ ...first.raised[1], status: 'resolved', resolvedAt: r.clock.now });
    expect((await r.loop.onPeriodClosed('2026-10')).raised).toEqual([]);
  });

  it('does not raise again a finding a person verified as rectified', async () => {
    r = rig();
    r.setRate('P07', '2026-11', { good: 1, bad: 9 });
    const [risk] = (await r.loop.scan()).raised;
    const [task] = r.store.listTasks({ riskId: risk.id });
    await r.loop.transitionTask(task.id, 'acknowledged', 'P07');
    await r.loop.transitionTask(task.id, 'submitted', 'P07', '已补办并复核');
    await r.loop.transitionTask(task.id, 'verified', 'E1', '核实');
    expect(r.store.listRisks({ id: risk.id })[0].status).toBe('resolved');
    expect((await r.loop.scan()).raised).toEqual([]);
  });
});

describe('peer outlier trigger', () => {
  it('raises for a person at least 2σ worse than peers of the same post and tier group (n ≥ 10), and resolves when no longer', async () => {
    r = rig();
    STAFF.slice(0, 10).forEach((id) => r.setRate(id, '2026-11', { good: 99, bad: 1 }));
    r.setRate('P10', '2026-11', { good: 90, bad: 10 });
    const changes = await r.loop.scan();
    expect(changes.raised.map((x) => [x.trigger, x.subject.id])).toEqual([['outlier', 'P10']]);
    expect(changes.raised[0].message).toBe('测试达标率 0.9，比同岗同组 10 人均值 0.981 差 3 个标准差 (Test rate 0.9 is 3 σ worse than the mean 0.981 of 10 peers in the same post and tier group)');
    r.setRate('P10', '2026-11', { good: 99, bad: 1 });
    expect((await r.loop.scan()).resolved.map((x) => x.subject.id)).toEqual(['P10']);
  });

  it('does not compare fewer than 10 peers, nor people of another post', async () => {
    r = rig();
    STAFF.slice(0, 8).forEach((id) => r.setRate(id, '2026-11', { good: 99, bad: 1 }));
    r.setRate('P09', '2026-11', { good: 90, bad: 10 });
    r.setRate('O1', '2026-11', { good: 99, bad: 1 }); // post LG: not a peer of the front desk
    expect((await r.loop.scan()).raised).toEqual([]);
  });
});

describe('scan time', () => {
  it('uses the injected clock, not the wall clock', async () => {
    r = rig({}, local(2030, 1, 15));
    r.setRate('P01', '2026-11', { good: 1, bad: 9 });
    expect((await r.loop.scan()).raised).toEqual([]);
  });
});

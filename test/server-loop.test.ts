import type { Risk, Task } from '@kaoping/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, NOW, startFixture, type Fixture } from './server-fixture.js';

let f: Fixture;

function risk(id: string, personId: string): Risk {
  return {
    id, dedupKey: `trend:business.on-time-rate:person:${personId}:2026`, trigger: 'trend', categories: ['时效'], severity: 'medium',
    subject: { kind: 'person', id: personId }, period: '2026', indicator: 'business.on-time-rate', evidence: ['M5#c'],
    message: '办税时限达标率低于预警线', status: 'open', raisedAt: NOW - 86_400_000,
  };
}

function task(id: string, riskId: string, assigneeId: string): Task {
  return { id, riskId, assigneeId, state: 'open', dueAt: NOW + 7 * 86_400_000, createdAt: NOW - 86_400_000, updatedAt: NOW - 86_400_000 };
}

beforeAll(async () => {
  f = await startFixture();
  // Risks and tasks as the loop would have raised them: one for P1 (in D1), one for P3 (in D2).
  await f.store.putRisks([risk('R-P1', 'P1'), risk('R-P3', 'P3')]);
  await f.store.putTasks([task('T-P1', 'R-P1', 'P1'), task('T-P3', 'R-P3', 'P3')]);
});
afterAll(async () => { await f.close(); });

describe('risks and tasks', () => {
  it('lists risks and tasks (with their risk) in scope', async () => {
    expect((await call(f, 'GET', '/v1/risks', { token: f.tokens.admin })).body.map((r: Risk) => r.id).sort()).toEqual(['R-P1', 'R-P3']);
    expect((await call(f, 'GET', '/v1/risks', { token: f.tokens.leader })).body.map((r: Risk) => r.id)).toEqual(['R-P1']);
    const tasks = await call(f, 'GET', '/v1/tasks', { token: f.tokens.staff });
    expect(tasks.body).toHaveLength(1);
    expect(tasks.body[0]).toMatchObject({ id: 'T-P1', assigneeId: 'P1', risk: { id: 'R-P1', subject: { kind: 'person', id: 'P1' } } });
    expect((await call(f, 'GET', '/v1/tasks?state=open', { token: f.tokens.leader })).body.map((t: Task) => t.id)).toEqual(['T-P1']);
  });

  it('lets staff acknowledge and submit their own task, and a leader verify it', async () => {
    const ack = await call(f, 'POST', '/v1/tasks/T-P1/transitions', { token: f.tokens.staff, body: { to: 'acknowledged' } });
    expect(ack.status).toBe(200);
    expect(ack.body).toMatchObject({ id: 'T-P1', state: 'acknowledged' });
    const verifyByStaff = await call(f, 'POST', '/v1/tasks/T-P1/transitions', { token: f.tokens.staff, body: { to: 'verified' } });
    expect(verifyByStaff.status).toBe(403);
    expect(verifyByStaff.body.message).toContain('a leader or admin token verifies or reopens task "T-P1"');
    const submit = await call(f, 'POST', '/v1/tasks/T-P1/transitions', { token: f.tokens.staff, body: { to: 'submitted', note: '已补办并复核' } });
    expect(submit.body.state).toBe('submitted');
    const verify = await call(f, 'POST', '/v1/tasks/T-P1/transitions', { token: f.tokens.leader, body: { to: 'verified' } });
    expect(verify.body.state).toBe('verified');
    const history = await f.store.listTaskTransitions('T-P1');
    expect(history.map((h) => [h.to, h.who])).toEqual([['acknowledged', 'P1'], ['submitted', 'P1'], ['verified', '一分局局长']]);
  });

  it('answers 409 for a move the workflow does not allow', async () => {
    const r = await call(f, 'POST', '/v1/tasks/T-P1/transitions', { token: f.tokens.admin, body: { to: 'acknowledged' } });
    expect(r.status).toBe(409);
    expect(r.body.code).toBe('KP_ERR_TASK_TRANSITION');
    expect(r.body.message).toContain('Task "T-P1" cannot go from verified to acknowledged');
  });

  it('refuses a task outside the scope with 403 and an unknown one with 404', async () => {
    const r = await call(f, 'POST', '/v1/tasks/T-P3/transitions', { token: f.tokens.leader, body: { to: 'acknowledged' } });
    expect(r.status).toBe(403);
    expect(r.body.message).toBe('Task "T-P3" (assigned to P3) is outside this token\'s scope, leader (unit D1 and its subtree).');
    expect((await call(f, 'POST', '/v1/tasks/NOPE/transitions', { token: f.tokens.admin, body: { to: 'acknowledged' } })).status).toBe(404);
  });
});

describe('appeals and comments', () => {
  it('lets staff appeal their own result and an admin decide it', async () => {
    const filed = await call(f, 'POST', '/v1/appeals', {
      token: f.tokens.staff, body: { targetKind: 'result', targetId: '2026/person/P1/business.workload', reason: '有两件事项漏记' },
    });
    expect(filed.status).toBe(200);
    expect(filed.body).toMatchObject({ personId: 'P1', targetKind: 'result', state: 'open' });
    expect((await call(f, 'GET', '/v1/appeals', { token: f.tokens.leader })).body.map((a: { id: string }) => a.id)).toEqual([filed.body.id]);

    const byLeader = await call(f, 'POST', `/v1/appeals/${filed.body.id}/decision`, { token: f.tokens.leader, body: { accept: true, reason: '核实' } });
    expect(byLeader.status).toBe(403);
    const decided = await call(f, 'POST', `/v1/appeals/${filed.body.id}/decision`, {
      token: f.tokens.admin, body: { accept: true, reason: '核实漏记两件', adjustment: { value: 5 } },
    });
    expect(decided.status).toBe(200);
    expect(decided.body).toMatchObject({ id: filed.body.id, state: 'accepted' });
  });

  it('refuses an appeal on a colleague\'s result with 403', async () => {
    const r = await call(f, 'POST', '/v1/appeals', {
      token: f.tokens.staff, body: { targetKind: 'result', targetId: '2026/person/P2/business.workload', reason: '不是我的' },
    });
    expect(r.status).toBe(403);
    expect(r.body.message).toContain('person "P2" is outside it');
  });

  it('records comments in scope, by the person or token name', async () => {
    const ok = await call(f, 'POST', '/v1/comments', {
      token: f.tokens.leader, body: { targetKind: 'result', targetId: '2026/person/P2/business.on-time-rate', text: '请关注时限' },
    });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ targetKind: 'result', authorId: '一分局局长', body: '请关注时限' });
    const out = await call(f, 'POST', '/v1/comments', {
      token: f.tokens.leader, body: { targetKind: 'tier', targetId: '2026/P3', text: '越权' },
    });
    expect(out.status).toBe(403);
  });
});

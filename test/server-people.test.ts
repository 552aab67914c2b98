import type { Risk } from '@kaoping/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, local, NOW, startFixture, type Fixture } from './server-fixture.js';

let f: Fixture;

function risk(id: string, personId: string, status: Risk['status']): Risk {
  return {
    id, dedupKey: id, trigger: 'trigger.on-time-trend', categories: ['时效'], severity: 'medium', subject: { kind: 'person', id: personId },
    period: '2026-06', indicator: 'business.on-time-rate', evidence: [], message: `风险 ${id}`, status, raisedAt: NOW, resolvedAt: status === 'resolved' ? NOW : null,
  };
}

beforeAll(async () => {
  f = await startFixture();
  // P1's HR tier history for 2025 (the promotion gate's second source) and three warnings, one of another person.
  f.store.appendEvents([{
    id: 'P1:2025', source: 'hr', type: 'hr.tier.recorded', actorId: 'P1', unitId: null, occurredAt: local(2025, 1, 1), attrs: { year: 2025, tier: 1 },
  }]);
  f.store.putRisks([risk('R1', 'P1', 'open'), risk('R2', 'P1', 'resolved'), risk('R3', 'P2', 'open')]);
});
afterAll(async () => { await f.close(); });

const profile = (id: string, token: string, query = '') => call(f, 'GET', `/v1/people/${id}${query}`, { token });

describe('GET /v1/people/:id (画像)', () => {
  it('answers person, unit, the latest period\'s results, composite and tier, tier history, risks and the promotion gate', async () => {
    const r = await profile('P1', f.tokens.admin);
    expect(r.status).toBe(200);
    const body = r.body;
    expect(body.person).toMatchObject({ id: 'P1', name: '张一', unitId: 'S11', postId: 'ZG' });
    expect(body.unit).toEqual({ id: 'S11', name: '一分局征管科', parentId: 'D1', kind: 'section' });
    expect(body.period).toBe('2026');
    // The same rows the separate routes answer, so the page loses nothing by asking once.
    const results = await call(f, 'GET', '/v1/results?period=2026&subjectKind=person&subjectId=P1', { token: f.tokens.admin });
    expect(body.results).toEqual(results.body);
    expect(body.results.find((x: { indicator: string }) => x.indicator === 'business.on-time-rate').value).toBe(1);
    const composites = await call(f, 'GET', '/v1/composites?period=2026&subjectKind=person&subjectId=P1', { token: f.tokens.admin });
    expect(body.composite).toEqual(composites.body[0]);
    expect(body.tier).toMatchObject({ personId: 'P1', period: '2026', tier: expect.any(Number) });
    expect(body.tierHistory).toEqual([
      { year: 2026, tier: body.tier.tier, source: 'kaoping', recordId: null, reason: body.tier.reason },
      { year: 2025, tier: 1, source: 'history', recordId: 'P1:2025', reason: null },
      { year: 2024, tier: null, source: null, recordId: null, reason: null },
      { year: 2023, tier: null, source: null, recordId: null, reason: null },
    ]);
    expect(body.openRisks).toBe(1);
    expect(body.risks.map((x: Risk) => `${x.id}:${x.status}`).sort()).toEqual(['R1:open', 'R2:resolved']);
    const gate = await call(f, 'GET', '/v1/gates/promotion?person=P1', { token: f.tokens.admin });
    expect(body.promotion).toEqual(gate.body);
    expect(body.promotion.reasons.map((x: { code: string; year?: number }) => `${x.code}:${x.year}`)).toEqual(['tier-missing:2023', 'tier-missing:2024']);
  });

  it('takes a period and the number of history years', async () => {
    const r = await profile('P2', f.tokens.admin, '?period=2026-06&years=2');
    expect(r.status).toBe(200);
    expect(r.body.period).toBe('2026-06');
    expect(r.body.results.every((x: { period: string }) => x.period === '2026-06')).toBe(true);
    expect(r.body.results.find((x: { indicator: string }) => x.indicator === 'business.on-time-rate').value).toBe(0);
    expect(r.body.tierHistory.map((x: { year: number }) => x.year)).toEqual([2026, 2025]);
    expect(r.body.openRisks).toBe(1);
  });

  it('refuses an unknown person (404), a bad period and an unknown parameter (400) with messages naming them', async () => {
    const missing = await profile('NOPE', f.tokens.admin);
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ code: 'KP_ERR_NOT_FOUND', message: 'Person "NOPE" not found' });
    const period = await profile('P1', f.tokens.admin, '?period=2026-13');
    expect(period.status).toBe(400);
    expect(period.body.message).toContain('period');
    const extra = await profile('P1', f.tokens.admin, '?person=P1');
    expect(extra.status).toBe(400);
    expect(extra.body.message).toContain('person');
  });

  it('lets a leader see the people of its subtree and refuses the others with 403 naming its scope', async () => {
    expect((await profile('P2', f.tokens.leader)).status).toBe(200);
    const r = await profile('P3', f.tokens.leader);
    expect(r.status).toBe(403);
    expect(r.body).toMatchObject({
      code: 'KP_ERR_FORBIDDEN',
      message: 'This token\'s scope is leader (unit D1 and its subtree); person "P3" is outside it. Use a token whose scope contains person "P3" (an admin token, or a leader token of a unit above it).',
    });
  });

  it('lets staff see themselves only', async () => {
    const own = await profile('P1', f.tokens.staff);
    expect(own.status).toBe(200);
    expect(own.body.person.id).toBe('P1');
    const other = await profile('P2', f.tokens.staff);
    expect(other.status).toBe(403);
    expect(other.body.message).toBe('This token\'s scope is staff (person P1 only); person "P2" is outside it. Use a token whose scope contains person "P2" (an admin token, or a leader token of a unit above it).');
  });

  it('refuses an integrator with the roles the route needs, and a call without a token with 401', async () => {
    const r = await profile('P1', f.tokens.integrator);
    expect(r.status).toBe(403);
    expect(r.body.message).toBe('A token of role integrator may not call GET /v1/people/:id; this route needs role admin or leader or staff.');
    const anonymous = await call(f, 'GET', '/v1/people/P1');
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.message).toContain('No API token');
  });
});

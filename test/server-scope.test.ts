import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, startFixture, type Fixture } from './server-fixture.js';

let f: Fixture;
beforeAll(async () => { f = await startFixture(); });
afterAll(async () => { await f.close(); });

const ids = (rows: { id: string }[]) => rows.map((r) => r.id).sort();
const subjects = (rows: { subjectKind: string; subjectId: string }[]) => [...new Set(rows.map((r) => `${r.subjectKind}:${r.subjectId}`))].sort();

describe('admin sees everything', () => {
  it('lists every unit (with depth) and person', async () => {
    const units = await call(f, 'GET', '/v1/units', { token: f.tokens.admin });
    expect(units.status).toBe(200);
    expect(units.body.map((u: { id: string; depth: number }) => `${u.id}@${u.depth}`).sort()).toEqual(['B0@0', 'D1@1', 'D2@1', 'S11@2', 'S21@2']);
    expect(ids((await call(f, 'GET', '/v1/people', { token: f.tokens.admin })).body)).toEqual(['P1', 'P2', 'P3']);
    expect(ids((await call(f, 'GET', '/v1/people?unit=D2', { token: f.tokens.admin })).body)).toEqual(['P3']);
  });

  it('reads results, plugins, periods and explanations of anyone', async () => {
    const results = await call(f, 'GET', '/v1/results?period=2026&indicator=business.on-time-rate', { token: f.tokens.admin });
    expect(subjects(results.body)).toEqual(['person:P1', 'person:P2', 'person:P3', 'unit:B0', 'unit:D1', 'unit:D2', 'unit:S11', 'unit:S21']);
    const p2 = results.body.find((r: { subjectId: string }) => r.subjectId === 'P2');
    expect(p2.value).toBeCloseTo(2 / 3);
    expect((await call(f, 'GET', '/v1/plugins', { token: f.tokens.admin })).body.length).toBeGreaterThan(10);
    expect((await call(f, 'GET', '/v1/periods', { token: f.tokens.admin })).body.periods).toEqual(['2026', '2026-06', '2026-05', '2026-Q1', '2026-03']);
    const explain = await call(f, 'GET', '/v1/explain?period=2026&person=P3&indicator=business.on-time-rate', { token: f.tokens.admin });
    expect(explain.status).toBe(200);
    expect(explain.body).toMatchObject({ kind: 'indicator', period: '2026', subject: { id: 'P3' }, value: 1 });
  });

  it('answers 404 with the missing id', async () => {
    const r = await call(f, 'GET', '/v1/explain?period=2026&person=NOPE&indicator=business.on-time-rate', { token: f.tokens.admin });
    expect(r.status).toBe(404);
    expect(r.body).toMatchObject({ code: 'KP_ERR_NOT_FOUND', message: 'Person "NOPE" not found' });
  });
});

describe('a leader sees its unit subtree', () => {
  it('lists only the units and people of the subtree', async () => {
    expect(ids((await call(f, 'GET', '/v1/units', { token: f.tokens.leader })).body)).toEqual(['D1', 'S11']);
    expect(ids((await call(f, 'GET', '/v1/people', { token: f.tokens.leader })).body)).toEqual(['P1', 'P2']);
    expect((await call(f, 'GET', '/v1/people?unit=D2', { token: f.tokens.leader })).body).toEqual([]);
  });

  it('filters results and tiers to the subtree, even when asked for a person outside', async () => {
    const results = await call(f, 'GET', '/v1/results?period=2026&indicator=business.on-time-rate', { token: f.tokens.leader });
    expect(subjects(results.body)).toEqual(['person:P1', 'person:P2', 'unit:D1', 'unit:S11']);
    expect((await call(f, 'GET', '/v1/results?period=2026&subjectId=P3', { token: f.tokens.leader })).body).toEqual([]);
    const tiers = await call(f, 'GET', '/v1/tiers?period=2026', { token: f.tokens.leader });
    expect(tiers.body.map((t: { personId: string }) => t.personId).sort()).toEqual(['P1', 'P2']);
  });

  it('refuses a person outside with 403 naming its scope', async () => {
    for (const path of [
      '/v1/explain?period=2026&person=P3&indicator=business.on-time-rate',
      '/v1/gates/promotion?person=P3',
      '/v1/trend?subjectKind=person&subjectId=P3&year=2026',
      '/v1/events?person=P3&period=2026',
    ]) {
      const r = await call(f, 'GET', path, { token: f.tokens.leader });
      expect(r.status, path).toBe(403);
      expect(r.body.code).toBe('KP_ERR_FORBIDDEN');
      expect(r.body.message).toBe('This token\'s scope is leader (unit D1 and its subtree); person "P3" is outside it. Use a token whose scope contains person "P3" (an admin token, or a leader token of a unit above it).');
    }
  });

  it('may explain and trend a person inside', async () => {
    expect((await call(f, 'GET', '/v1/explain?period=2026&person=P2&indicator=business.on-time-rate', { token: f.tokens.leader })).status).toBe(200);
    const trend = await call(f, 'GET', '/v1/trend?subjectKind=person&subjectId=P2&year=2026&indicator=business.on-time-rate', { token: f.tokens.leader });
    expect(trend.body).toEqual([
      { period: '2026-03', indicator: 'business.on-time-rate', value: 1, score: expect.any(Number) },
      { period: '2026-05', indicator: 'business.on-time-rate', value: null, score: null },
      { period: '2026-06', indicator: 'business.on-time-rate', value: 0, score: expect.any(Number) },
    ].filter((row) => trend.body.some((b: { period: string }) => b.period === row.period)));
    expect(trend.body.find((b: { period: string }) => b.period === '2026-06')?.value).toBe(0);
  });

  it('is refused the admin-only plugin list with the role it needs', async () => {
    const r = await call(f, 'GET', '/v1/plugins', { token: f.tokens.leader });
    expect(r.status).toBe(403);
    expect(r.body.message).toBe('A token of role leader may not call GET /v1/plugins; this route needs role admin.');
  });
});

describe('staff see only themselves', () => {
  it('lists only themselves and their own results', async () => {
    expect(ids((await call(f, 'GET', '/v1/people', { token: f.tokens.staff })).body)).toEqual(['P1']);
    expect(ids((await call(f, 'GET', '/v1/units', { token: f.tokens.staff })).body)).toEqual(['S11']);
    const results = await call(f, 'GET', '/v1/results?period=2026', { token: f.tokens.staff });
    expect(subjects(results.body)).toEqual(['person:P1']);
    const events = await call(f, 'GET', '/v1/events?person=P1&period=2026', { token: f.tokens.staff });
    expect(events.body.map((e: { id: string }) => e.id)).toEqual(['M1#c', 'M2#c', 'M3#c']);
    const byIds = await call(f, 'GET', '/v1/events?ids=tax-collection:M1%23c,tax-collection:M4%23c', { token: f.tokens.staff });
    expect(byIds.body.map((e: { id: string }) => e.id)).toEqual(['M1#c']);
  });

  it('refuses a colleague with 403', async () => {
    const r = await call(f, 'GET', '/v1/explain?period=2026&person=P2&indicator=business.on-time-rate', { token: f.tokens.staff });
    expect(r.status).toBe(403);
    expect(r.body.message).toContain('staff (person P1 only)');
    const unit = await call(f, 'GET', '/v1/explain?period=2026&unit=S11&indicator=business.on-time-rate', { token: f.tokens.staff });
    expect(unit.status).toBe(403);
  });
});

describe('an integrator only pushes data', () => {
  it('is refused every read route with 403 naming the roles needed', async () => {
    for (const path of ['/v1/units', '/v1/people', '/v1/results?period=2026', '/v1/risks', '/v1/tasks', '/v1/periods']) {
      const r = await call(f, 'GET', path, { token: f.tokens.integrator });
      expect(r.status, path).toBe(403);
      expect(r.body.message, path).toMatch(/^A token of role integrator may not call GET \/v1\/\w+; this route needs role admin or leader or staff\.$/);
    }
  });

  it('is refused hook and ingest for the reader roles', async () => {
    const r = await call(f, 'POST', '/v1/ingest/tax-collection', { token: f.tokens.staff, body: { records: [] } });
    expect(r.status).toBe(403);
    expect(r.body.message).toBe('A token of role staff may not call POST /v1/ingest/:adapter; this route needs role admin or integrator.');
  });
});

describe('request validation', () => {
  it('names the missing or malformed parameter with 400', async () => {
    const missing = await call(f, 'GET', '/v1/results', { token: f.tokens.admin });
    expect(missing.status).toBe(400);
    expect(missing.body.code).toBe('KP_ERR_REQUEST_INVALID');
    expect(missing.body.message).toBe('Invalid request: querystring is missing required property "period" (GET /v1/results)');
    const bad = await call(f, 'GET', '/v1/results?period=2026-13', { token: f.tokens.admin });
    expect(bad.body.message).toContain('querystring/period must match pattern');
    const extra = await call(f, 'GET', '/v1/units?x=1', { token: f.tokens.admin });
    expect(extra.body.message).toContain('querystring/x has unknown property "x"');
  });

  it('answers an unknown API route with a coded 404', async () => {
    const r = await call(f, 'GET', '/v1/nope', { token: f.tokens.admin });
    expect(r.status).toBe(404);
    expect(r.body).toMatchObject({ code: 'KP_ERR_NOT_FOUND', message: 'Route "GET /v1/nope" not found' });
  });
});

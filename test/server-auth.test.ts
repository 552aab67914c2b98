import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, startFixture, type Fixture } from './server-fixture.js';

let f: Fixture;
beforeAll(async () => { f = await startFixture(); });
afterAll(async () => { await f.close(); });

describe('authentication', () => {
  it('answers /v1/health without a token', async () => {
    const r = await call(f, 'GET', '/v1/health');
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ status: 'ok', contract: expect.any(String) });
    expect(r.body.plugins.started).toBeGreaterThan(10);
    expect(r.body.plugins.failed).toBe(0);
  });

  it('refuses a call without a token with 401 saying how to send and create one', async () => {
    const r = await call(f, 'GET', '/v1/units');
    expect(r.status).toBe(401);
    expect(r.body.code).toBe('KP_ERR_UNAUTHORIZED');
    expect(r.body.message).toContain('No API token: send `Authorization: Bearer <token>`');
    expect(r.body.message).toContain('kaoping token create');
    expect(r.body.fix).toContain('kaoping token create');
  });

  it('refuses an unknown token and a non-bearer header with 401', async () => {
    const unknown = await call(f, 'GET', '/v1/me', { token: 'kp_not-a-real-token-at-all' });
    expect(unknown.status).toBe(401);
    expect(unknown.body.message).toMatch(/^Unknown API token kp_not…: send `Authorization: Bearer <token>`/);
    expect(unknown.body.message).not.toContain('not-a-real-token-at-all');
    const basic = await call(f, 'GET', '/v1/me', { headers: { authorization: 'Basic YWRtaW46YWRtaW4=' } });
    expect(basic.status).toBe(401);
    expect(basic.body.message).toContain('The Authorization header is not a bearer token');
  });

  it('stores only the sha256 of a token, never the token', async () => {
    const stored = await f.store.listTokens();
    expect(stored).toHaveLength(4);
    for (const t of stored) {
      expect(t.hash).toMatch(/^[0-9a-f]{64}$/);
      expect(Object.values(f.tokens)).not.toContain(t.hash);
    }
    expect(f.tokens.admin).toMatch(/^kp_[A-Za-z0-9_-]{43}$/);
  });

  it('tells each caller who it is', async () => {
    expect((await call(f, 'GET', '/v1/me', { token: f.tokens.admin })).body).toEqual({ role: 'admin', name: '考评处' });
    expect((await call(f, 'GET', '/v1/me', { token: f.tokens.leader })).body).toEqual({ role: 'leader', unitId: 'D1', name: '一分局局长' });
    expect((await call(f, 'GET', '/v1/me', { token: f.tokens.staff })).body).toEqual({ role: 'staff', personId: 'P1' });
    expect((await call(f, 'GET', '/v1/me', { token: f.tokens.integrator })).body).toEqual({ role: 'integrator', name: '金税三期' });
  });

  it('sends the pages security headers with a same-origin CSP', async () => {
    const r = await call(f, 'GET', '/docs');
    expect(r.status).toBe(200);
    const csp = r.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(r.headers.get('x-content-type-options')).toBe('nosniff');
    expect(r.headers.get('strict-transport-security')).toContain('max-age=');
    expect(r.headers.get('x-frame-options')).toBe('SAMEORIGIN');
  });

  it('sends the API\'s answers, refusals and 404s too, a CSP that allows nothing, and no-store', async () => {
    for (const r of [await call(f, 'GET', '/v1/health'), await call(f, 'GET', '/v1/units'), await call(f, 'GET', '/v1/no-such-route')]) {
      expect(r.headers.get('content-security-policy')).toBe("default-src 'none'; frame-ancestors 'none'");
      expect(r.headers.get('cache-control')).toBe('no-store');
      expect(r.headers.get('x-content-type-options')).toBe('nosniff');
      expect(r.headers.get('x-frame-options')).toBe('DENY');
      expect(r.headers.get('strict-transport-security')).toContain('max-age=');
      expect(r.headers.get('referrer-policy')).toBe('no-referrer');
    }
  });
});

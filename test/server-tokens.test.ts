import { spawnSync } from 'node:child_process';
import { createApiToken } from '@kaoping/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, NOW, startFixture, type Fixture } from './server-fixture.js';
import { cliArgs, repoRoot } from './support/paths.js';

let f: Fixture;
beforeAll(async () => { f = await startFixture(); });
afterAll(async () => { await f.close(); });

/** A fresh integrator token and its id, so each test revokes its own. */
async function integrator(name: string): Promise<{ id: string; text: string }> {
  const { text, token } = await createApiToken(f.store, f.kernel.directory, { role: 'integrator', name }, NOW);
  return { id: token.id, text };
}

const REVOKED = /^API token (tok_[0-9a-f]{12}) \("([^"]+)"\) was revoked at (\S+) and no longer works; ask an administrator for a new one \(`kaoping token create --db FILE --role integrator …`\) and send that instead\.$/;

describe('token administration (admin)', () => {
  it('lists every token with its scope, never a secret or a hash', async () => {
    const r = await call(f, 'GET', '/v1/tokens', { token: f.tokens.admin });
    expect(r.status).toBe(200);
    expect(r.body.map((t: { role: string; unit: string | null; person: string | null; name: string | null }) => [t.role, t.unit, t.person, t.name]))
      .toEqual(expect.arrayContaining([['admin', null, null, '考评处'], ['leader', 'D1', null, '一分局局长'], ['staff', null, 'P1', null], ['integrator', null, null, '金税三期']]));
    const text = JSON.stringify(r.body);
    for (const t of await f.store.listTokens()) expect(text).not.toContain(t.hash);
    for (const secret of Object.values(f.tokens)) expect(text).not.toContain(secret);
  });

  it('refuses the listing and revocation to every other role, naming the role needed', async () => {
    for (const role of ['leader', 'staff', 'integrator'] as const) {
      for (const [method, path] of [['GET', '/v1/tokens'], ['DELETE', '/v1/tokens/tok_000000000000']]) {
        const r = await call(f, method, path, { token: f.tokens[role] });
        expect(r.status, `${role} ${method}`).toBe(403);
        expect(r.body.message).toBe(`A token of role ${role} may not call ${method} ${path.replace('tok_000000000000', ':id')}; this route needs role admin.`);
      }
    }
  });

  it('revokes a token: refused on the very next request with 401 saying it was revoked and what to do', async () => {
    const oa = await integrator('OA 系统');
    expect((await call(f, 'GET', '/v1/me', { token: oa.text })).status).toBe(200);
    const r = await call(f, 'DELETE', `/v1/tokens/${oa.id}`, { token: f.tokens.admin });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ already: false, token: { id: oa.id, name: 'OA 系统', role: 'integrator', unit: null, person: null, createdAt: NOW, revokedAt: NOW } });

    const refused = await call(f, 'GET', '/v1/me', { token: oa.text });
    expect(refused.status).toBe(401);
    expect(refused.body.code).toBe('KP_ERR_UNAUTHORIZED');
    expect(refused.body.message).toMatch(REVOKED);
    expect(refused.body.message).toContain(`API token ${oa.id} ("OA 系统") was revoked at ${new Date(NOW).toISOString()}`);
    expect(refused.body.message).not.toContain(oa.text);

    const again = await call(f, 'DELETE', `/v1/tokens/${oa.id}`, { token: f.tokens.admin });
    expect(again.body).toMatchObject({ already: true, token: { revokedAt: NOW } });
  });

  it('answers 404 for an unknown token id', async () => {
    const r = await call(f, 'DELETE', '/v1/tokens/tok_000000000000', { token: f.tokens.admin });
    expect(r.status).toBe(404);
    expect(r.body).toMatchObject({ code: 'KP_ERR_NOT_FOUND', message: 'Token "tok_000000000000" not found' });
  });
});

describe('a revocation from another process', () => {
  it('is seen on the next request, not after a cache lifetime', async () => {
    const hook = await integrator('金税三期 备用');
    // Used once, so the server has it cached.
    expect((await call(f, 'GET', '/v1/me', { token: hook.text })).status).toBe(200);
    const cli = spawnSync(process.execPath, [...cliArgs, 'token', 'revoke', '--db', f.store.db.name, hook.id], { cwd: repoRoot, encoding: 'utf8' });
    expect(cli.stderr).toBe('');
    expect(cli.status).toBe(0);
    expect(cli.stdout).toContain(`revoked token ${hook.id} (role integrator, "金税三期 备用")`);
    const r = await call(f, 'GET', '/v1/me', { token: hook.text });
    expect(r.status).toBe(401);
    expect(r.body.message).toMatch(REVOKED);
    // The other tokens, cached beside it, still work.
    expect((await call(f, 'GET', '/v1/me', { token: f.tokens.integrator })).status).toBe(200);
  });
});

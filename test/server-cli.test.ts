import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { openSqliteStore } from '@kaoping/store-sqlite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PEOPLE, UNITS } from './server-fixture.js';
import { cliArgs, repoRoot, tempDir } from './support/paths.js';

const tmp = tempDir('server-cli');
const db = join(tmp.dir, 'kaoping.db');

function kaoping(...args: string[]) {
  return spawnSync(process.execPath, [...cliArgs, ...args], { cwd: repoRoot, encoding: 'utf8' });
}

beforeAll(() => {
  const store = openSqliteStore(db);
  store.upsertUnits(UNITS);
  store.upsertPeople(PEOPLE);
  store.close();
});
afterAll(() => tmp.cleanup());

describe('kaoping token create', () => {
  it('prints a kp_ token once and stores only its hash', () => {
    const r = kaoping('token', 'create', '--db', db, '--role', 'leader', '--unit', 'D1', '--name', '一分局');
    expect(r.status).toBe(0);
    const token = r.stdout.trim();
    expect(token).toMatch(/^kp_[A-Za-z0-9_-]{43}$/);
    expect(r.stderr).toMatch(/created token tok_[0-9a-f]{12} \(role leader scope D1, "一分局"\); it is shown once, keep it now:/);
    const store = openSqliteStore(db);
    const stored = store.listTokens();
    store.close();
    expect(stored).toHaveLength(1);
    expect(JSON.stringify(stored)).not.toContain(token);
  });

  it('refuses a leader without --unit, staff for an unknown person, and an unknown role', () => {
    const noUnit = kaoping('token', 'create', '--db', db, '--role', 'leader');
    expect(noUnit.status).not.toBe(0);
    expect(noUnit.stderr).toContain('a leader token needs --unit ID');
    const unknown = kaoping('token', 'create', '--db', db, '--role', 'staff', '--person', 'P999');
    expect(unknown.status).not.toBe(0);
    expect(unknown.stderr).toContain('Person "P999" not found');
    const role = kaoping('token', 'create', '--db', db, '--role', 'root');
    expect(role.stderr).toContain('unknown role "root"; use one of admin, leader, staff, integrator');
  });
});

describe('kaoping serve', () => {
  it('listens, prints its URL and answers with the token\'s identity', async () => {
    const token = kaoping('token', 'create', '--db', db, '--role', 'staff', '--person', 'P2').stdout.trim();
    const child = spawn(process.execPath, [...cliArgs, 'serve', '--db', db, '--port', '0'], { cwd: repoRoot });
    try {
      const url = await new Promise<string>((resolveUrl, reject) => {
        let out = '';
        child.stdout.on('data', (chunk) => {
          out += chunk;
          const m = /kaoping serving .* at (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
          if (m) resolveUrl(m[1]);
        });
        child.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${out}`)));
      });
      const me = await fetch(`${url}/v1/me`, { headers: { authorization: `Bearer ${token}` } });
      expect(await me.json()).toEqual({ role: 'staff', personId: 'P2' });
      expect((await fetch(`${url}/`)).headers.get('content-type')).toBe('text/html; charset=utf-8');
    } finally {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    }
    expect(child.signalCode).toBeNull();
    expect(child.exitCode).toBe(0);
  });
});

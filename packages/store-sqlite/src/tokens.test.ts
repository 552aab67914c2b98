import { afterEach, describe, expect, it } from 'vitest';
import { openSqliteStore } from './open-sqlite-store.js';
import { tempDir } from './test-support.js';

describe('API tokens through the Store interface', () => {
  const t = tempDir();
  afterEach(() => t.remove());

  it('keeps role, scope and name by hash, across reopening the file', () => {
    const store = openSqliteStore(t.file);
    store.putToken({ id: 'tok-oa', hash: 'h1', role: 'integrator', scope: null, name: 'OA 系统', createdAt: 1 });
    store.putToken({ id: 'tok-lead', hash: 'h2', role: 'leader', scope: 'U01', createdAt: 2 });
    store.close();

    const again = openSqliteStore(t.file);
    expect(again.findTokenByHash('h1')).toEqual({ id: 'tok-oa', hash: 'h1', role: 'integrator', scope: null, name: 'OA 系统', createdAt: 1 });
    expect(again.findTokenByHash('h2')).toEqual({ id: 'tok-lead', hash: 'h2', role: 'leader', scope: 'U01', createdAt: 2 });
    expect(again.findTokenByHash('nope')).toBeUndefined();
    expect(again.listTokens().map((k) => k.id)).toEqual(['tok-oa', 'tok-lead']);
    again.close();
  });

  it('refuses a second token with the same hash', () => {
    const store = openSqliteStore(t.file);
    store.putToken({ id: 'a', hash: 'same', role: 'admin', scope: null, createdAt: 1 });
    expect(() => store.putToken({ id: 'b', hash: 'same', role: 'admin', scope: null, createdAt: 1 })).toThrow(/UNIQUE/);
    store.close();
  });

  it('revokes a token once, keeping the row and the first time; an unknown id answers undefined', () => {
    const store = openSqliteStore(t.file);
    store.putToken({ id: 'tok-oa', hash: 'h1', role: 'integrator', scope: null, createdAt: 1 });
    expect(store.revokeToken('tok-oa', 50)).toEqual({ id: 'tok-oa', hash: 'h1', role: 'integrator', scope: null, createdAt: 1, revokedAt: 50 });
    expect(store.revokeToken('tok-oa', 90)?.revokedAt).toBe(50);
    expect(store.revokeToken('tok-nope', 90)).toBeUndefined();
    expect(store.findTokenByHash('h1')?.revokedAt).toBe(50);
    expect(store.listTokens().map((k) => [k.id, k.revokedAt])).toEqual([['tok-oa', 50]]);
    store.close();
  });

  it('moves tokensVersionSync on its own token writes and, within a millisecond, on another connection\'s commit that wrote tokens, not on reads or other commits', async () => {
    const server = openSqliteStore(t.file);
    const cli = openSqliteStore(t.file);
    const v0 = server.tokensVersionSync();
    server.findTokenByHash('h1');
    server.listTokens();
    expect(server.tokensVersionSync()).toBe(v0);

    server.putToken({ id: 'tok-a', hash: 'h1', role: 'admin', scope: null, createdAt: 1 });
    const v1 = server.tokensVersionSync();
    expect(v1).not.toBe(v0);
    expect(server.tokensVersionSync()).toBe(v1);
    server.revokeToken('tok-a', 5);
    const v2 = server.tokensVersionSync();
    expect(v2).not.toBe(v1);
    // A revocation that changes nothing is no change.
    server.revokeToken('tok-a', 6);
    expect(server.tokensVersionSync()).toBe(v2);

    // Another connection on the same file (as `kaoping token revoke` from another process).
    // A commit there that writes no token (the background writer's event groups) is no change; the
    // first one may count this connection's own writes above once more.
    const otherCommits = async (n: number) => {
      for (let i = 0; i < n; i++) {
        cli.setMeta('unrelated', String(i));
        await new Promise((done) => setTimeout(done, 5));
        server.tokensVersionSync();
      }
    };
    await otherCommits(1);
    const v3 = server.tokensVersionSync();
    await otherCommits(3);
    expect(server.tokensVersionSync()).toBe(v3);
    cli.putToken({ id: 'tok-b', hash: 'h2', role: 'staff', scope: 'P1', createdAt: 2 });
    await new Promise((done) => setTimeout(done, 5));
    const v4 = server.tokensVersionSync();
    expect(v4).not.toBe(v3);
    cli.revokeToken('tok-b', 7);
    await new Promise((done) => setTimeout(done, 5));
    expect(server.tokensVersionSync()).not.toBe(v4);
    cli.close();
    server.close();
  });
});

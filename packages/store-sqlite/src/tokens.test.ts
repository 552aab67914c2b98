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
});

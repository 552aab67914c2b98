import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Store } from '@kaoping/contract';
import { openSqliteStore, type SqliteStore } from '@kaoping/store-sqlite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApiToken } from './api-token.js';
import { TokenCache } from './token-cache.js';

const noScope = { hasUnit: () => false, hasPerson: () => false };

/** The same SQLite store without its optional `tokensVersionSync`, as a store that cannot tell. */
function withoutVersion(store: SqliteStore): Store {
  return new Proxy(store, {
    get(target, key) {
      if (key === 'tokensVersionSync') return undefined;
      const value = Reflect.get(target, key, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

describe('TokenCache', () => {
  let dir: string;
  let file: string;
  let store: SqliteStore;
  let now: number;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'kaoping-token-cache-'));
    file = join(dir, 'kaoping.db');
    store = openSqliteStore(file);
    now = 1_000_000;
  });
  afterEach(() => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('finds a stored token and refuses one it does not know', async () => {
    const { text, token } = await createApiToken(store, noScope, { role: 'integrator', name: 'OA' });
    const cache = new TokenCache(store, () => now);
    expect(await cache.find(text)).toEqual(token);
    expect(await cache.find(`${text}x`)).toBeUndefined();
  });

  it('keeps an entry while the tokens are unchanged, however long', async () => {
    const { text } = await createApiToken(store, noScope, { role: 'admin' });
    const cache = new TokenCache(store, () => now);
    const first = await cache.find(text);
    now += 3_600_000;
    expect(await cache.find(text)).toBe(first);
  });

  it('sees a revocation or removal in the same process on the very next look-up', async () => {
    const { text, token } = await createApiToken(store, noScope, { role: 'integrator' });
    const other = await createApiToken(store, noScope, { role: 'admin' });
    const cache = new TokenCache(store, () => now);
    expect((await cache.find(text))?.revokedAt).toBeUndefined();
    store.revokeToken(token.id, now);
    expect((await cache.find(text))?.revokedAt).toBe(now);
    store.tokens.delete(token.id);
    expect(await cache.find(text)).toBeUndefined();
    expect((await cache.find(other.text))?.role).toBe('admin');
  });

  it('sees a revocation committed by another connection (the CLI in another process) on the next request', async () => {
    const { text, token } = await createApiToken(store, noScope, { role: 'admin' }, now);
    const cache = new TokenCache(store, () => now);
    expect((await cache.find(text))?.revokedAt).toBeUndefined();
    const cli = openSqliteStore(file);
    try {
      expect(cli.revokeToken(token.id, now + 1)?.revokedAt).toBe(now + 1);
    } finally {
      cli.close();
    }
    // Another connection's commit is seen within a millisecond.
    await new Promise((done) => setTimeout(done, 5));
    expect((await cache.find(text))?.revokedAt).toBe(now + 1);
  });

  it('trusts an entry for 10 s when the store cannot say whether tokens changed', async () => {
    const plain = withoutVersion(store);
    const { text, token } = await createApiToken(plain, noScope, { role: 'integrator' });
    const cache = new TokenCache(plain, () => now);
    expect(await cache.find(text)).toBeDefined();
    store.revokeToken(token.id, now);
    now += 5_000;
    expect((await cache.find(text))?.revokedAt).toBeUndefined();
    now += 5_001;
    expect((await cache.find(text))?.revokedAt).toBe(1_000_000);
  });
});

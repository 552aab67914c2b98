import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStore, type SqliteStore } from '@kaoping/store-sqlite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApiToken } from './api-token.js';
import { TokenCache } from './token-cache.js';

const noScope = { hasUnit: () => false, hasPerson: () => false };

describe('TokenCache', () => {
  let dir: string;
  let store: SqliteStore;
  let now: number;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'kaoping-token-cache-'));
    store = openSqliteStore(join(dir, 'kaoping.db'));
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

  it('stops accepting a revoked token once its entry expires (10 s), however often it is used', async () => {
    const { text } = await createApiToken(store, noScope, { role: 'integrator' });
    const other = await createApiToken(store, noScope, { role: 'admin' });
    const cache = new TokenCache(store, () => now);
    expect(await cache.find(text)).toBeDefined();
    expect(store.tokens.delete((await store.listTokens()).find((t) => t.role === 'integrator')!.id)).toBe(true);
    now += 5_000;
    // Still inside the window it was verified for: a revocation takes effect within 10 s, not at once.
    expect(await cache.find(text)).toBeDefined();
    now += 5_001;
    expect(await cache.find(text)).toBeUndefined();
    // A busy caller does not keep its entry alive: the next look-ups ask the store again.
    now += 1;
    expect(await cache.find(text)).toBeUndefined();
    expect((await cache.find(other.text))?.role).toBe('admin');
  });

  it('sees a token replaced in the store (new secret, new role) once the old entry expires', async () => {
    const { text, token } = await createApiToken(store, noScope, { role: 'admin' });
    const cache = new TokenCache(store, () => now);
    expect((await cache.find(text))?.role).toBe('admin');
    await store.putToken({ ...token, role: 'integrator' });
    now += 10_001;
    expect((await cache.find(text))?.role).toBe('integrator');
    await store.putToken({ ...token, hash: '0'.repeat(64) });
    now += 10_001;
    expect(await cache.find(text)).toBeUndefined();
  });
});

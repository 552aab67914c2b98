import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LOCAL_OFFSET_MS } from '@kaoping/contract';
import { openSqliteStore } from '@kaoping/store-sqlite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCaptured as kaoping } from '../run-captured.js';

describe('kaoping token list and revoke', () => {
  let dir: string;
  let db: string;
  let leaderId: string;
  let secret: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kp-token-'));
    db = join(dir, 'kaoping.db');
    const store = openSqliteStore(db);
    store.upsertUnits([{ id: 'B', name: '市局', parentId: null, kind: 'bureau' }]);
    store.upsertPeople([{ id: 'P1', name: '张一', unitId: 'B', postId: 'X', since: 0 }]);
    store.close();
    const created = await kaoping(['token', 'create', '--db', db, '--role', 'leader', '--unit', 'B', '--name', '市局局长', '--now', '2026-05-01 09:30']);
    expect(created.code).toBe(0);
    secret = created.out.trim();
    leaderId = /created token (tok_[0-9a-f]{12})/.exec(created.err)![1];
    expect((await kaoping(['token', 'create', '--db', db, '--role', 'staff', '--person', 'P1', '--now', '2026-05-02'])).code).toBe(0);
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('lists id, name, role, scope, created and revoked, never the secret or its hash', async () => {
    const table = await kaoping(['token', 'list', '--db', db]);
    expect(table.code).toBe(0);
    const lines = table.out.split('\n');
    expect(lines[0]).toMatch(/^编号 id\s+名称 name\s+角色 role\s+范围 scope\s+创建 created\s+吊销 revoked$/);
    expect(lines[1]).toMatch(new RegExp(`^${leaderId}\\s+市局局长\\s+leader\\s+unit B\\s+2026-05-01 09:30\\s+—$`));
    expect(lines[2]).toMatch(/^tok_[0-9a-f]{12}\s+—\s+staff\s+person P1\s+2026-05-02 00:00\s+—$/);

    const json = await kaoping(['token', 'list', '--db', db, '--json']);
    const rows = JSON.parse(json.out) as Record<string, unknown>[];
    expect(rows[0]).toEqual({
      id: leaderId, name: '市局局长', role: 'leader', unit: 'B', person: null,
      createdAt: Date.UTC(2026, 4, 1, 9, 30) - LOCAL_OFFSET_MS, revokedAt: null,
    });
    const store = openSqliteStore(db);
    const hashes = store.listTokens().map((t) => t.hash);
    store.close();
    for (const text of [table.out, json.out]) {
      expect(text).not.toContain(secret);
      for (const hash of hashes) expect(text).not.toContain(hash);
    }
  });

  it('revokes a token, says so, and says so again harmlessly on a second revoke', async () => {
    const first = await kaoping(['token', 'revoke', '--db', db, leaderId, '--now', '2026-06-01 08:00']);
    expect(first.code).toBe(0);
    expect(first.out).toBe(`revoked token ${leaderId} (role leader, "市局局长") at 2026-06-01 08:00; it is refused from the next request on`);
    const again = await kaoping(['token', 'revoke', '--db', db, leaderId, '--now', '2026-06-02']);
    expect(again.code).toBe(0);
    expect(again.out).toBe(`token ${leaderId} was already revoked at 2026-06-01 08:00; nothing changed`);
    const rows = JSON.parse((await kaoping(['token', 'list', '--db', db, '--json'])).out) as { id: string; revokedAt: number | null }[];
    expect(rows.find((r) => r.id === leaderId)?.revokedAt).toBe(Date.UTC(2026, 5, 1, 8) - LOCAL_OFFSET_MS);
    expect(rows.filter((r) => r.revokedAt === null)).toHaveLength(1);
  });

  it('refuses an unknown id, and a revoke without one, with a non-zero exit and a message', async () => {
    const unknown = await kaoping(['token', 'revoke', '--db', db, 'tok_000000000000']);
    expect(unknown.code).not.toBe(0);
    expect(unknown.err).toContain('Token "tok_000000000000" not found');
    const missing = await kaoping(['token', 'revoke', '--db', db]);
    expect(missing.code).not.toBe(0);
    expect(missing.err).toContain('missing the token ID');
    const verb = await kaoping(['token', 'delete', '--db', db]);
    expect(verb.err).toContain('unknown subcommand "delete" of kaoping token: one of create, list, revoke');
  });
});

import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { auditHash, GENESIS_HASH, verifyAuditChain } from './audit.js';
import { canonicalJson } from './canonical-json.js';
import type { SqliteStore } from './sqlite-store.js';
import { openTestStore } from './test-support.js';

const entry = (n: number) => ({ at: 1000 + n, actor: 'E01', action: 'tier.adjusted', target: `2026/P00${n}`, data: { from: 3, to: 2, why: `申诉 ${n}` } });

describe('canonical JSON', () => {
  it('sorts keys at every depth and drops undefined members', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: undefined }], c: null } })).toBe('{"a":{"c":null,"d":[3,{"z":1}]},"b":1}');
    expect(canonicalJson({ a: 1, b: 2 })).toBe(canonicalJson({ b: 2, a: 1 }));
  });
});

describe('the audit hash chain on a real file', () => {
  let store: SqliteStore;
  let cleanup = (): void => {};
  afterEach(() => cleanup());
  const open = (): void => {
    ({ store, cleanup } = openTestStore('file'));
  };

  it('numbers rows, chains their hashes from 64 zeros, and verifies', async () => {
    open();
    expect(await verifyAuditChain(store)).toEqual({ ok: true, rows: 0 });
    store.appendAudit([entry(1), entry(2)]);
    store.appendAudit([entry(3)]);
    const rows = store.listAudit();
    expect(rows.map((r) => r.seq)).toEqual([1, 2, 3]);
    expect(rows[0].prevHash).toBe(GENESIS_HASH);
    expect(rows[0].hash).toBe(auditHash(GENESIS_HASH, { seq: 1, ...entry(1) }));
    expect(rows[1].prevHash).toBe(rows[0].hash);
    expect(rows[2]).toMatchObject({ ...entry(3), seq: 3, prevHash: rows[1].hash });
    expect(store.listAudit({ afterSeq: 1, limit: 1 }).map((r) => r.seq)).toEqual([2]);
    expect(await verifyAuditChain(store, 2)).toEqual({ ok: true, rows: 3 });
  });

  it('names the row whose data was edited with raw SQL', async () => {
    open();
    store.appendAudit([entry(1), entry(2), entry(3)]);
    store.db.prepare('UPDATE audit_log SET data = ? WHERE seq = 2').run(JSON.stringify({ from: 3, to: 1, why: '申诉 2' }));
    expect(await verifyAuditChain(store)).toEqual({
      ok: false, seq: 2, reason: "audit row 2: hash does not match the row's content; the row was changed after it was written",
    });
  });

  it('names the row after one that was deleted', async () => {
    open();
    store.appendAudit([entry(1), entry(2), entry(3)]);
    store.db.prepare('DELETE FROM audit_log WHERE seq = 2').run();
    expect(await verifyAuditChain(store)).toEqual({
      ok: false, seq: 3, reason: 'audit row 3: prev_hash does not match the hash of the row before it (row 1); a row was removed, inserted or re-chained',
    });
  });

  it('hashes prevHash followed by the canonical JSON of the whole row', () => {
    open();
    store.appendAudit([entry(1), { ...entry(2), data: { rows: { 'k/2': 'h2', 'k/1': 'h1' }, nested: [{ b: 1, a: undefined }] } }]);
    const [first, second] = store.listAudit();
    const definition = (prev: string, row: object) => createHash('sha256').update(prev).update(canonicalJson(row)).digest('hex');
    expect(first.hash).toBe(definition(GENESIS_HASH, { seq: 1, ...entry(1) }));
    expect(second.hash).toBe(definition(first.hash!, { seq: 2, ...entry(2), data: { rows: { 'k/1': 'h1', 'k/2': 'h2' }, nested: [{ b: 1 }] } }));
  });

  it('hashes data the same whatever its key order', () => {
    open();
    store.appendAudit([{ ...entry(1), data: { b: 2, a: 1 } }]);
    expect(store.listAudit()[0].hash).toBe(auditHash(GENESIS_HASH, { seq: 1, ...entry(1), data: { a: 1, b: 2 } }));
  });
});

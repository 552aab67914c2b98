import type { OutboxMessage, Risk } from '@kaoping/contract';
import { afterEach, describe, expect, it } from 'vitest';
import { openSqliteStore } from './open-sqlite-store.js';
import type { SqliteStore } from './sqlite-store.js';
import { tempDir } from './test-support.js';

function message(id: string, nextAt: number): OutboxMessage {
  return { id, adapter: 'hr', message: { id, title: id }, state: 'pending', attempts: 0, nextAt, lastError: null, createdAt: nextAt };
}

describe('outbox of the rectification loop', () => {
  let store: SqliteStore;
  afterEach(() => store.close());

  it('enqueues once: a second enqueue of a delivered message does not make it pending again', () => {
    store = openSqliteStore(':memory:');
    store.enqueueOutbox([message('m1', 100)]);
    expect(store.settleOutbox('m1', { delivered: true, at: 150 })).toBe(true);
    store.enqueueOutbox([message('m1', 200)]);
    expect(store.listOutbox()).toEqual([
      { ...message('m1', 150), state: 'delivered', attempts: 1, createdAt: 100, deliveredAt: 150 },
    ]);
  });

  it('claims due messages with a lease so a second claim does not take them again', () => {
    store = openSqliteStore(':memory:');
    store.enqueueOutbox([message('a', 100), message('b', 500)]);
    expect(store.claimOutbox(200, 60_000).map((m) => m.id)).toEqual(['a']);
    expect(store.claimOutbox(200, 60_000)).toEqual([]);
    // The lease ran out (the deliverer died): the message is due again, after b which was due earlier.
    expect(store.claimOutbox(60_200, 60_000).map((m) => m.id)).toEqual(['b', 'a']);
  });

  it('records failed attempts and settles a delivery only once', () => {
    store = openSqliteStore(':memory:');
    store.enqueueOutbox([message('a', 100)]);
    expect(store.settleOutbox('a', { delivered: false, at: 100, error: 'host down', nextAt: 1100 })).toBe(true);
    expect(store.listOutbox({ state: 'pending' })[0]).toMatchObject({ attempts: 1, lastError: 'host down', nextAt: 1100, deliveredAt: null });
    expect(store.settleOutbox('a', { delivered: true, at: 1200 })).toBe(true);
    expect(store.settleOutbox('a', { delivered: true, at: 1300 })).toBe(false);
    expect(store.listOutbox()[0]).toMatchObject({ state: 'delivered', attempts: 2, deliveredAt: 1200 });
    expect(store.settleOutbox('missing', { delivered: true, at: 1 })).toBe(false);
  });

  it('finds risks, tasks and appeals by the loop\'s keys', () => {
    store = openSqliteStore(':memory:');
    store.putRisks([{
      id: 'r1', dedupKey: 'k1', trigger: 'trend', categories: ['时效'], severity: 'medium', subject: { kind: 'person', id: 'P1' },
      period: '2026-11', indicator: 'x', evidence: [], message: 'm', status: 'open', raisedAt: 1,
    }]);
    store.putTasks([{ id: 't1', riskId: 'r1', assigneeId: 'P1', state: 'open', dueAt: 9, createdAt: 1, updatedAt: 1 }]);
    store.putAppeals([{ id: 'a1', personId: 'P1', targetKind: 'risk', targetId: 'r1', reason: 'why', state: 'open', createdAt: 1 }]);
    expect(store.listRisks({ dedupKey: 'k1' }).map((r) => r.id)).toEqual(['r1']);
    expect(store.listRisks({ dedupKey: 'k2' })).toEqual([]);
    expect(store.listTasks({ riskId: 'r1' }).map((t) => t.id)).toEqual(['t1']);
    expect(store.listAppeals({ targetKind: 'risk', targetId: 'r1' }).map((a) => a.id)).toEqual(['a1']);
    expect(store.listAppeals({ id: 'a2' })).toEqual([]);
  });

  it('lists the open risks of many dedup keys or (subject, period) pairs in one read, each risk once', () => {
    store = openSqliteStore(':memory:');
    const risk = (id: string, dedupKey: string, subjectId: string, period: string, status: Risk['status'], raisedAt: number): Risk => ({
      id, dedupKey, trigger: 'trend', categories: ['时效'], severity: 'medium', subject: { kind: 'person', id: subjectId },
      period, indicator: 'x', evidence: ['e1'], message: 'm', status, raisedAt, resolvedAt: status === 'resolved' ? raisedAt + 1 : null,
    });
    store.putRisks([
      risk('r1', 'k1', 'P1', '2026-11', 'open', 3), risk('r2', 'k2', 'P1', '2026-11', 'resolved', 1), risk('r3', 'k3', 'P2', '2026', 'open', 2),
      // P1 and 2026 are both asked for, but not as a pair: left out.
      risk('r4', 'k4', 'P1', '2026', 'open', 4), risk('r5', 'k5', 'P2', '2026-11', 'open', 5),
    ]);
    expect(store.listOpenRisks({ dedupKeys: ['k1', 'k2', 'missing'] }).map((r) => r.id)).toEqual(['r1']);
    expect(store.listOpenRisks({ subjects: [{ subjectId: 'P1', period: '2026-11' }, { subjectId: 'P2', period: '2026' }] }).map((r) => r.id))
      .toEqual(['r3', 'r1']);
    // A risk matched by its key and by its subject comes back once.
    expect(store.listOpenRisks({ dedupKeys: ['k3'], subjects: [{ subjectId: 'P2', period: '2026' }] })).toEqual([store.listRisks({ id: 'r3' })[0]]);
    expect(store.listOpenRisks({})).toEqual([]);
    expect(store.listOpenRisks({ dedupKeys: [], subjects: [] })).toEqual([]);
  });

  it('lists the keys of the open risks, of every period or one, in listRisks\'s order', () => {
    store = openSqliteStore(':memory:');
    const risk = (id: string, period: string, status: Risk['status'], raisedAt: number, kind: Risk['subject']['kind'] = 'person'): Risk => ({
      id, dedupKey: `k-${id}`, trigger: 'trend', categories: ['时效'], severity: 'medium', subject: { kind, id: `S-${id}` },
      period, indicator: `i-${id}`, evidence: ['e1'], message: '消息', status, raisedAt, resolvedAt: status === 'resolved' ? raisedAt + 1 : null,
    });
    // Same raisedAt for r2 and r1: the id breaks the tie.
    store.putRisks([risk('r3', '2026', 'open', 1), risk('r2', '2026', 'open', 2, 'unit'), risk('r1', '2026', 'open', 2), risk('r4', '2026', 'resolved', 0), risk('r5', '2026-11', 'open', 0)]);
    const keyOf = (r: Risk) => ({ id: r.id, dedupKey: r.dedupKey, subject: r.subject, period: r.period, indicator: r.indicator, status: r.status });
    expect(store.listOpenRiskKeys({ period: '2026' })).toEqual(store.listRisks({ status: 'open', period: '2026' }).map(keyOf));
    expect(store.listOpenRiskKeys({ period: '2026' }).map((k) => k.id)).toEqual(['r3', 'r1', 'r2']);
    expect(store.listOpenRiskKeys()).toEqual(store.listRisks({ status: 'open' }).map(keyOf));
    expect(store.listOpenRiskKeys({ period: '2027' })).toEqual([]);
  });

  it('answers the open risks from what is stored after its own writes, a rollback and another connection\'s commit', async () => {
    const t = tempDir();
    store = openSqliteStore(t.file);
    const other = openSqliteStore(t.file);
    try {
      const risk = (id: string, status: Risk['status']): Risk => ({
        id, dedupKey: `k-${id}`, trigger: 'trend', categories: ['时效'], severity: 'medium', subject: { kind: 'person', id: 'P1' },
        period: '2026-11', indicator: 'x', evidence: [], message: 'm', status, raisedAt: 1, resolvedAt: status === 'resolved' ? 2 : null,
      });
      const openIds = () => store.listOpenRisks({ dedupKeys: ['k-r1', 'k-r2', 'k-r3'], subjects: [{ subjectId: 'P1', period: '2026-11' }] }).map((r) => r.id);
      store.putRisks([risk('r1', 'open')]);
      expect(openIds()).toEqual(['r1']);
      store.putRisks([risk('r1', 'resolved'), risk('r2', 'open')]);
      expect(openIds()).toEqual(['r2']);
      await expect(store.transaction(async () => {
        store.putRisks([risk('r2', 'resolved')]);
        expect(openIds()).toEqual([]);
        throw new Error('notifier down');
      })).rejects.toThrow('notifier down');
      expect(openIds()).toEqual(['r2']);
      other.putRisks([risk('r3', 'open')]);
      // Another connection's commit is seen within a millisecond.
      await new Promise((done) => setTimeout(done, 5));
      expect(openIds()).toEqual(['r2', 'r3']);
    } finally {
      other.close();
      t.remove();
    }
  });
});

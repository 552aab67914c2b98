import type { Appeal, Composite, Result, Risk, Task, Tier } from '@kaoping/contract';
import { afterEach, describe, expect, it } from 'vitest';
import { openSqliteStore } from './open-sqlite-store.js';
import type { SqliteStore } from './sqlite-store.js';
import { event, openTestStore } from './test-support.js';

const result = (subjectId: string, indicator: string, period = '2026'): Result => ({
  subjectKind: 'person', subjectId, indicator, indicatorVersion: '1.0.0', paramsHash: 'h1', period,
  value: 0.97, score: 88.5, evidence: { scale: 'target', n: 12, events: ['a', 'b'] },
});
const risk = (id: string, over: Partial<Risk> = {}): Risk => ({
  id, dedupKey: `dk-${id}`, trigger: 'deadline', categories: ['时效', '质量'], severity: 'high',
  subject: { kind: 'person', id: 'P001' }, period: '2026-03', indicator: 'business.on-time-rate',
  evidence: ['tax-collection/SX1#a'], message: '办理期限将至', status: 'open', raisedAt: 10, resolvedAt: null, ...over,
});
const task = (id: string, over: Partial<Task> = {}): Task => ({
  id, riskId: 'R1', assigneeId: 'P001', state: 'open', dueAt: 100, escalatedTo: null, createdAt: 1, updatedAt: 1, ...over,
});

describe.each(['file', 'memory'] as const)('round trips through a %s store', (where) => {
  let store: SqliteStore;
  let cleanup = (): void => {};
  afterEach(() => cleanup());
  const open = (): SqliteStore => ({ store, cleanup } = openTestStore(where)).store;

  it('answers with plain values, not promises', () => {
    open();
    expect(store.kind).toBe('sqlite');
    expect(store.listUnits()).toEqual([]);
    expect(store.countEvents()).toBe(0);
  });

  it('upserts units and people, derives post names, and keeps optional person fields absent when unknown', () => {
    open();
    store.upsertUnits([
      { id: 'U2', name: '第一税务分局', parentId: 'U1', kind: 'district' },
      { id: 'U1', name: '市局', parentId: null, kind: 'bureau' },
    ]);
    store.upsertUnits([{ id: 'U2', name: '第一分局', parentId: 'U1', kind: 'district' }]);
    expect(store.listUnits()).toEqual([
      { id: 'U1', name: '市局', parentId: null, kind: 'bureau' },
      { id: 'U2', name: '第一分局', parentId: 'U1', kind: 'district' },
    ]);
    const zhang = { id: 'P001', name: '张三', unitId: 'U2', postId: 'G01', postName: '办税服务岗', politicalStatus: '中共党员', since: 100, until: 900 };
    const li = { id: 'P002', name: '李四', unitId: 'U2', postId: 'G02', since: 200 };
    store.upsertPeople([zhang, li]);
    expect(store.listPeople()).toEqual([zhang, li]);
    expect(store.listPosts()).toEqual([{ id: 'G01', name: '办税服务岗' }]);
    store.upsertPeople([{ ...zhang, until: null, unitId: 'U1' }]);
    const { until: _gone, ...employed } = zhang;
    expect(store.listPeople()[0]).toEqual({ ...employed, unitId: 'U1' });
  });

  it('keeps dead letters in arrival order and filters and counts them', () => {
    open();
    const dl = (line: number, code: string, source = 'tax-collection') => ({
      source, file: 'tax/ratings.ndjson', line, raw: `{"pjbh":${line}`, code, reason: `line ${line} is cut`, at: 5,
    });
    store.addDeadLetters([dl(3, 'KP_ERR_RECORD_INVALID'), dl(1, 'KP_ERR_ENCODING'), dl(7, 'KP_ERR_RECORD_INVALID', 'hr')]);
    expect(store.listDeadLetters().map((d) => d.line)).toEqual([3, 1, 7]);
    expect(store.listDeadLetters({ code: 'KP_ERR_RECORD_INVALID', source: 'hr' })).toEqual([dl(7, 'KP_ERR_RECORD_INVALID', 'hr')]);
    expect(store.listDeadLetters({ limit: 1 })).toEqual([dl(3, 'KP_ERR_RECORD_INVALID')]);
    expect(store.countDeadLetters()).toBe(3);
    expect(store.countDeadLetters({ code: 'KP_ERR_RECORD_INVALID' })).toBe(2);
  });

  it('replaces states by key and loads them by period and indicator', () => {
    open();
    const s = (subjectId: string, period: string, state: unknown, indicator = 'business.on-time-rate') =>
      ({ subjectKind: 'person' as const, subjectId, indicator, period, state });
    store.putStates([s('P1', '2026', { done: 1, onTime: 1 }), s('P2', '2026', { done: 2, onTime: 1 }), s('P1', '2025', { done: 9, onTime: 9 })]);
    store.putStatesSync([s('P1', '2026', { done: 5, onTime: 4, list: [1, 2] }), s('U1', '2026', { n: 1 }, 'rule.sanction-tier3')]);
    expect(store.loadStates({ period: '2026', indicator: 'business.on-time-rate' })).toEqual([
      s('P1', '2026', { done: 5, onTime: 4, list: [1, 2] }), s('P2', '2026', { done: 2, onTime: 1 }),
    ]);
    expect(store.loadStates({ period: '2026' })).toHaveLength(3);
    expect(store.loadStates()).toHaveLength(4);
  });

  it('keeps a checkpoint of its states: the events stored since states were last written, in stored order', () => {
    open();
    const state = { subjectKind: 'person' as const, subjectId: 'P1', indicator: 'business.on-time-rate', period: '2026', state: { done: 1 } };
    expect(store.eventsAfterStatesSync()).toEqual([]);
    store.appendEvents([event('B', 2000), event('A', 1000)]);
    expect(store.eventsAfterStatesSync().map((e) => e.id)).toEqual(['B', 'A']);
    store.putStates([state]);
    expect(store.eventsAfterStatesSync()).toEqual([]);
    store.appendEvents([event('C', 500)]);
    expect(store.eventsAfterStatesSync()).toEqual([event('C', 500)]);
    // A write with no state still moves the checkpoint: the events changed none.
    store.putStates([]);
    expect(store.eventsAfterStatesSync()).toEqual([]);
    // Rolled back with its transaction.
    store.appendEvents([event('D', 600)]);
    expect(() => store.db.transaction(() => { store.putStates([state]); throw new Error('disk full'); })()).toThrow('disk full');
    expect(store.eventsAfterStatesSync().map((e) => e.id)).toEqual(['D']);
  });

  it('replaces results, composites and tiers per period, leaving other periods alone', () => {
    open();
    store.putResults('2025', [result('P1', 'x', '2025')]);
    store.putResults('2026', [result('P1', 'x'), result('P2', 'x')]);
    store.putResults('2026', [result('P2', 'x'), { ...result('P2', 'y'), value: null, score: null }]);
    expect(store.listResults({ period: '2026' })).toEqual([result('P2', 'x'), { ...result('P2', 'y'), value: null, score: null }]);
    expect(store.listResults({ period: '2026', indicator: 'y', subjectKind: 'person', subjectId: 'P2' })).toHaveLength(1);
    expect(store.listResults({ period: '2025' })).toEqual([result('P1', 'x', '2025')]);

    const composite: Composite = { subjectKind: 'unit', subjectId: 'U1', period: '2026', composite: 91.25, weights: { x: 0.6, y: 0.4 } };
    store.putComposites('2026', [composite, { ...composite, subjectKind: 'person', subjectId: 'P1', composite: null }]);
    expect(store.listComposites({ period: '2026', subjectKind: 'unit' })).toEqual([composite]);
    expect(store.listComposites({ period: '2026' })).toHaveLength(2);

    const tier: Tier = { personId: 'P1', period: '2026', tier: 3, reason: 'sanction', rank: null, n: 40, group: 'U1', evidence: { rule: 'rule.sanction-tier3' } };
    store.putTiers('2026', [tier, { ...tier, personId: 'P2', tier: 1, reason: 'ranked', rank: 1 }]);
    store.putTiers('2025', [{ ...tier, period: '2025', tier: null, reason: 'no-data' }]);
    expect(store.listTiers({ personId: 'P1' })).toEqual([{ ...tier, period: '2025', tier: null, reason: 'no-data' }, tier]);
    expect(store.listTiers({ period: '2026' })).toHaveLength(2);
  });

  it('writes a close-sized period whole, rows sharing one evidence object included', () => {
    open();
    const shared = { scale: 'target', params: { target: 0.98 } };
    const id = (i: number) => `P${String(i).padStart(4, '0')}`;
    const rows = Array.from({ length: 253 }, (_, i) => ({ ...result(id(i), 'x'), value: i / 253, evidence: i % 2 ? shared : { rank: i } }));
    store.putResults('2026', rows);
    expect(store.listResults({ period: '2026' })).toEqual(rows);
    const weights = { x: 0.6, y: 0.4 };
    const composites: Composite[] = rows.map((r) => ({ subjectKind: 'person', subjectId: r.subjectId, period: '2026', composite: r.value, weights }));
    store.putComposites('2026', composites);
    expect(store.listComposites({ period: '2026' })).toEqual(composites);
  });

  it('refuses rows of another period than the one being replaced, and keeps the old rows', () => {
    open();
    store.putResults('2026', [result('P1', 'x')]);
    expect(() => store.putResults('2026', [result('P2', 'x'), result('P3', 'x', '2026-Q1')])).toThrow(
      'Store error: writing results of period 2026: a row is for period 2026-Q1; write each period separately',
    );
    expect(store.listResults({ period: '2026' })).toEqual([result('P1', 'x')]);
  });

  it('upserts risks, tasks and appeals by id and filters them', () => {
    open();
    store.putRisks([risk('R1'), risk('R2', { subject: { kind: 'unit', id: 'U1' }, period: '2026' })]);
    store.putRisks([risk('R1', { status: 'resolved', resolvedAt: 50 })]);
    expect(store.listRisks({ status: 'open' })).toEqual([risk('R2', { subject: { kind: 'unit', id: 'U1' }, period: '2026' })]);
    expect(store.listRisks({ subjectId: 'P001', period: '2026-03' })).toEqual([risk('R1', { status: 'resolved', resolvedAt: 50 })]);

    store.putTasks([task('T1'), task('T2', { assigneeId: 'P002', createdAt: 2 })]);
    store.putTasks([task('T1', { state: 'acknowledged', updatedAt: 5, escalatedTo: 'P900' })]);
    expect(store.listTasks()).toEqual([task('T1', { state: 'acknowledged', updatedAt: 5, escalatedTo: 'P900' }), task('T2', { assigneeId: 'P002', createdAt: 2 })]);
    expect(store.listTasks({ state: 'open', assigneeId: 'P002' })).toHaveLength(1);

    const appeal: Appeal = {
      id: 'A1', personId: 'P001', targetKind: 'tier', targetId: '2026/P001', reason: '处分已撤销', state: 'open',
      decision: null, createdAt: 7, decidedAt: null,
    };
    store.putAppeals([appeal]);
    store.putAppeals([{ ...appeal, state: 'accepted', decision: { adjustedTier: 2, by: 'E01' }, decidedAt: 9 }]);
    expect(store.listAppeals({ personId: 'P001', state: 'accepted' })).toEqual([
      { ...appeal, state: 'accepted', decision: { adjustedTier: 2, by: 'E01' }, decidedAt: 9 },
    ]);
    expect(store.listAppeals({ state: 'open' })).toEqual([]);
  });

  it('records task transitions in order and refuses one for an unknown task (foreign key)', () => {
    open();
    store.putTasks([task('T1')]);
    store.addTaskTransitions([
      { taskId: 'T1', who: 'system', at: 1, from: null, to: 'open' },
      { taskId: 'T1', who: 'P001', at: 2, from: 'open', to: 'acknowledged', note: '已收到' },
    ]);
    expect(store.listTaskTransitions('T1')).toEqual([
      { taskId: 'T1', who: 'system', at: 1, from: null, to: 'open', note: null },
      { taskId: 'T1', who: 'P001', at: 2, from: 'open', to: 'acknowledged', note: '已收到' },
    ]);
    expect(() => store.addTaskTransitions([{ taskId: 'nope', who: 'x', at: 3, from: null, to: 'open' }])).toThrow('FOREIGN KEY constraint failed');
  });

  it('keeps comments per target', () => {
    open();
    const c = { id: 'C1', targetKind: 'result', targetId: '2026/P001/x', authorId: 'P001', body: '数据有误', at: 3 };
    store.putComments([c, { ...c, id: 'C2', targetId: 'other', at: 1 }]);
    expect(store.listComments({ targetKind: 'result', targetId: '2026/P001/x' })).toEqual([c]);
    expect(store.listComments()).toHaveLength(2);
  });

  it('stores tokens by hash and meta values', () => {
    open();
    store.tokens.put({ id: 'tok1', hash: 'abc', role: 'leader', scope: 'U1', createdAt: 4 });
    expect(store.tokens.findByHash('abc')).toEqual({ id: 'tok1', hash: 'abc', role: 'leader', scope: 'U1', createdAt: 4 });
    expect(store.tokens.findByHash('zzz')).toBeUndefined();
    expect(store.tokens.delete('tok1')).toBe(true);
    expect(store.tokens.list()).toEqual([]);
    expect(store.getMeta('missing')).toBeUndefined();
    store.setMeta('k', 'v1');
    store.setMeta('k', 'v2');
    expect(store.getMeta('k')).toBe('v2');
  });
});

describe('a file store across reopening', () => {
  let cleanup = (): void => {};
  afterEach(() => cleanup());

  it('keeps what was written after close and reopen', () => {
    const t = openTestStore('file');
    cleanup = t.cleanup;
    t.store.putResults('2026', [result('P1', 'x')]);
    t.store.close();
    const again = openSqliteStore(t.file);
    expect(again.listResults({ period: '2026' })).toEqual([result('P1', 'x')]);
    again.close();
  });
});

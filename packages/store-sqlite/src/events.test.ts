import type { ActivityEvent } from '@kaoping/contract';
import { afterEach, describe, expect, it } from 'vitest';
import type { SqliteStore } from './sqlite-store.js';
import { event, openTestStore } from './test-support.js';

async function collect(store: SqliteStore, query: Parameters<SqliteStore['scanEvents']>[0], batchSize?: number): Promise<ActivityEvent[][]> {
  const batches: ActivityEvent[][] = [];
  for await (const b of store.scanEvents(query, batchSize)) batches.push(b);
  return batches;
}

const ids = (events: readonly ActivityEvent[]): string[] => events.map((e) => e.id);

describe.each(['file', 'memory'] as const)('events in a %s store', (where) => {
  let store: SqliteStore;
  let cleanup = (): void => {};
  afterEach(() => cleanup());
  const open = (): SqliteStore => ({ store, cleanup } = openTestStore(where)).store;

  it('tells new from duplicate events in every size of multi-row insert (a hook group of 25: 16 + 4 + 4 + 1)', () => {
    open();
    store.appendEvents([event('E3', 3), event('E20', 20)]);
    const group = Array.from({ length: 25 }, (_, i) => event(`E${i % 23}`, i % 23));
    const expected = group.map((e, i) => i < 23 && e.id !== 'E3' && e.id !== 'E20');
    expect(store.appendEvents(group)).toEqual(expected);
    expect(store.countEvents()).toBe(23);
    expect(store.appendEvents(group)).toEqual(group.map(() => false));
  });

  it('round-trips events with their attrs and reports duplicates on re-append', () => {
    open();
    const a = event('A', 1000);
    const b = event('B', 2000, { actorId: null, unitId: null, attrs: { planned: 1.5, month: '2026-01', ok: false } });
    expect(store.appendEvents([a, b])).toEqual([true, true]);
    expect(store.appendEvents([b, event('C', 3000), a])).toEqual([false, true, false]);
    // A duplicate inside one batch: the first is new, the second is not.
    expect(store.appendEventsSync([event('D', 4000), event('D', 4000)])).toEqual([true, false]);
    expect(store.getEvents([{ source: 'tax-collection', id: 'B' }, { source: 'hr', id: 'A' }, { source: 'tax-collection', id: 'A' }]))
      .toEqual([b, a]);
    expect(store.countEvents()).toBe(4);
  });

  it('keeps ids unique per source, not globally', () => {
    open();
    expect(store.appendEvents([event('X', 1), event('X', 1, { source: 'hr', type: 'hr.attendance.recorded' })])).toEqual([true, true]);
    expect(store.countEvents({ source: 'hr' })).toBe(1);
  });

  it('refuses UPDATE and DELETE on the event log', () => {
    open();
    store.appendEvents([event('A', 1000)]);
    expect(() => store.db.prepare("UPDATE events SET type = 'x' WHERE id = 'A'").run()).toThrow('events are append-only');
    expect(() => store.db.prepare('DELETE FROM events').run()).toThrow('events are append-only');
    expect(store.getEvents([{ source: 'tax-collection', id: 'A' }])[0].type).toBe('tax.matter.completed');
  });

  it('reports a malformed event as KP_ERR_STORE naming it, and stores none of its batch', () => {
    open();
    const bad = { ...event('BAD', 5), type: undefined } as unknown as ActivityEvent;
    expect(() => store.appendEvents([event('OK', 1), bad])).toThrow(
      expect.objectContaining({ code: 'KP_ERR_STORE', message: expect.stringContaining('cannot append event tax-collection/BAD (#1 of the batch)') }),
    );
    expect(store.countEvents()).toBe(0);
    const fractional = event('FRAC', 1.5);
    expect(() => store.appendEvents([fractional])).toThrow('cannot append event tax-collection/FRAC (#0 of the batch): CHECK constraint failed');
  });

  it('answers per event in large batches too: stored before, repeated within the batch, new', () => {
    open();
    const many = (from: number, n: number) => Array.from({ length: n }, (_, k) => event(`E${from + k}`, from + k));
    expect(store.appendEvents(many(0, 60))).toEqual(new Array(60).fill(true));
    // 0..59 are stored; 100..159 are new, each of them twice in a row.
    const batch = [...many(30, 60), ...many(100, 60).flatMap((e) => [e, e]), ...many(200, 7)];
    const expected = [...new Array(30).fill(false), ...new Array(30).fill(true), ...new Array(60).fill([true, false]).flat(), ...new Array(7).fill(true)];
    expect(store.appendEvents(batch)).toEqual(expected);
    expect(store.countEvents()).toBe(60 + 30 + 60 + 7);
    expect(store.getEvents([{ source: 'tax-collection', id: 'E159' }])).toEqual([event('E159', 159)]);
  });

  it('names the malformed event deep inside a large batch', () => {
    open();
    const batch = Array.from({ length: 120 }, (_, k) => event(`E${k}`, k));
    batch[73] = { ...batch[73], type: undefined } as unknown as ActivityEvent;
    expect(() => store.appendEvents(batch)).toThrow('cannot append event tax-collection/E73 (#73 of the batch): NOT NULL constraint failed');
    expect(store.countEvents()).toBe(0);
  });

  it('scans in batches ordered by occurredAt, then the order the events were stored', async () => {
    open();
    const events = [
      event('e3', 300), event('e1', 100), event('c2', 200), event('b2', 200, { source: 'hr' }), event('a2', 200),
      event('e5', 500), event('e4', 400),
    ];
    store.appendEvents(events);
    const batches = await collect(store, {}, 3);
    expect(batches.map((b) => b.length)).toEqual([3, 3, 1]);
    expect(batches.flat().map((e) => `${e.occurredAt}/${e.source}/${e.id}`)).toEqual([
      '100/tax-collection/e1', '200/tax-collection/c2', '200/hr/b2', '200/tax-collection/a2',
      '300/tax-collection/e3', '400/tax-collection/e4', '500/tax-collection/e5',
    ]);
    // Exactly a multiple of the batch size still ends cleanly.
    expect((await collect(store, { to: 400 }, 5)).map((b) => b.length)).toEqual([5]);
  });

  it('filters by time window, types, actor, source, unit and limit', async () => {
    open();
    store.upsertPeople([{ id: 'P002', name: '李四', unitId: 'U02', postId: 'POST1', since: 0 }]);
    store.appendEvents([
      event('a', 100), event('b', 200, { type: 'tax.matter.accepted' }), event('c', 300, { actorId: 'P002', unitId: null }),
      event('d', 400, { source: 'hr', type: 'hr.attendance.recorded' }), event('e', 500, { unitId: 'U03' }),
    ]);
    const scan = async (q: Parameters<SqliteStore['scanEvents']>[0]): Promise<string[]> => ids((await collect(store, q, 2)).flat());
    expect(await scan({ from: 200, to: 500 })).toEqual(['b', 'c', 'd']);
    expect(await scan({ types: ['tax.matter.accepted', 'hr.attendance.recorded'] })).toEqual(['b', 'd']);
    expect(await scan({ types: [] })).toEqual([]);
    expect(await scan({ actorId: 'P002' })).toEqual(['c']);
    expect(await scan({ source: 'hr' })).toEqual(['d']);
    // An event without a unit counts for its actor's unit in the directory.
    expect(await scan({ unitIds: ['U02', 'U03'] })).toEqual(['c', 'e']);
    expect(await scan({ limit: 3 })).toEqual(['a', 'b', 'c']);
    expect(await scan({ from: 150, limit: 1 })).toEqual(['b']);
    expect(store.countEvents({ from: 200, to: 500 })).toBe(3);
    expect(store.countEvents({ unitIds: ['U02'] })).toBe(1);
    expect(store.countEvents({ limit: 2 })).toBe(2);
    // The limit bounds the count, whether or not fewer match.
    expect(store.countEvents({ from: 200, to: 500, limit: 2 })).toBe(2);
    expect(store.countEvents({ from: 200, to: 500, limit: 10 })).toBe(3);
    expect(store.countEvents({ limit: 0 })).toBe(0);
  });

  it('filters on numeric attributes: at most a value; not a number or above a value (a JSON true, a text, null and a missing one are not numbers)', async () => {
    open();
    const with_ = (id: string, attrs: ActivityEvent['attrs']) => event(id, id.charCodeAt(0), { attrs });
    store.appendEvents([
      with_('a', { due: 10, doneAt: null }), with_('b', { due: 20, doneAt: 5 }), with_('c', { due: 30, doneAt: 50 }),
      with_('d', { due: '10', doneAt: true }), with_('e', { due: true }), with_('f', { due: 10.5, doneAt: '5' }),
    ]);
    const scan = async (attrs: NonNullable<Parameters<SqliteStore['scanEvents']>[0]['attrs']>): Promise<string[]> => ids((await collect(store, { attrs }, 2)).flat());
    expect(await scan([{ name: 'due', atMost: 20 }])).toEqual(['a', 'b', 'f']);
    expect(await scan([{ name: 'doneAt', absentOrAbove: 10 }])).toEqual(['a', 'c', 'd', 'e', 'f']);
    expect(await scan([{ name: 'due', atMost: 30 }, { name: 'doneAt', absentOrAbove: 10 }])).toEqual(['a', 'c', 'f']);
    expect(store.countEvents({ attrs: [{ name: 'due', atMost: 10 }] })).toBe(1);
    await expect(scan([{ name: "due') OR 1=1 --", atMost: 1 }])).rejects.toThrow(`attribute name "due') OR 1=1 --" is not a plain identifier`);
  });

  it('resumes an actor scan correctly across events at the same instant', async () => {
    open();
    store.appendEvents(['z', 'y', 'x', 'w'].map((id) => event(id, 100)).concat([event('v', 50), event('u', 150)]));
    expect(ids((await collect(store, { actorId: 'P001' }, 2)).flat())).toEqual(['v', 'z', 'y', 'x', 'w', 'u']);
  });

  it('leaves the connection free between batches, so the consumer can write while scanning', async () => {
    open();
    store.appendEvents(Array.from({ length: 10 }, (_, i) => event(`s${i}`, i)));
    let seen = 0;
    for await (const batch of store.scanEvents({}, 4)) {
      seen += batch.length;
      store.putStates([{ subjectKind: 'person', subjectId: 'P001', indicator: 'x', period: '2026', state: { seen } }]);
    }
    expect(seen).toBe(10);
    expect(store.loadStates()[0].state).toEqual({ seen: 10 });
  });

  it('walks the type index for a rare type and the time index for a common one, in the same order', async () => {
    open();
    const common = Array.from({ length: 30 }, (_, i) => event(`c${i}`, 1000 + (i % 7)));
    const rare = [event('r2', 1003, { type: 'hr.sanction.imposed' }), event('r1', 1003, { type: 'hr.sanction.imposed' }), event('r0', 5)];
    rare[2].type = 'hr.sanction.imposed';
    store.appendEvents([...common, ...rare]);
    expect(store.planEventScan({ types: ['hr.sanction.imposed'] }, 1)).toBe('events_by_type_time');
    expect(store.planEventScan({ types: ['tax.matter.completed'] }, 1)).toBe('events_by_time');
    expect(store.planEventScan({ types: ['tax.matter.completed'], from: 1006 }, 1)).toBe('events_by_type_time');
    expect(store.planEventScan({ actorId: 'P001', types: ['hr.sanction.imposed'] }, 1)).toBe('events_by_actor_time');
    expect(store.planEventScan({}, 1)).toBe('events_by_time');
    expect(ids((await collect(store, { types: ['hr.sanction.imposed'] }, 1)).flat())).toEqual(['r0', 'r2', 'r1']);
    const viaTime = ids((await collect(store, { types: ['tax.matter.completed'] }, 1)).flat());
    const viaType = ids((await collect(store, { types: ['tax.matter.completed'] }, 5)).flat());
    expect(store.planEventScan({ types: ['tax.matter.completed'] }, 5)).toBe('events_by_type_time');
    expect(store.planEventScan({ types: ['tax.matter.completed'], attrs: [{ name: 'deadlineAt', atMost: 1 }] }, 1)).toBe('events_by_type_time');
    expect(viaType).toEqual(viaTime);
    expect(viaTime).toHaveLength(30);
  });

  it('refuses a batch size below 1', async () => {
    open();
    await expect(collect(store, {}, 0)).rejects.toThrow('Store error: scanEvents batch size must be at least 1, got 0');
  });
});

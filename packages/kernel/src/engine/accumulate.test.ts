import { describe, expect, it } from 'vitest';
import { defineRule } from '@kaoping/contract';
import { completed, local, people, units } from '../__fixtures__/events.js';
import { makeOnTime } from '../__fixtures__/on-time.js';
import { Directory } from '../directory/directory.js';
import { accumulate, Touched } from './accumulate.js';
import { DispatchTable } from './dispatch.js';
import { StateTable } from './state-table.js';

const directory = new Directory();
directory.setUnits(units);
directory.setPeople(people);

const sanctions = defineRule<{ ids: string[] }, Record<string, never>>({
  id: 'test.rule', version: '1.0.0', api: '^1', title: { zh: '规则', en: 'Rule' }, consumes: ['tax.matter.completed'],
  init: () => ({ ids: [] }),
  add: (s, e) => void s.ids.push(e.id),
  merge: (a, b) => ({ ids: [...a.ids, ...b.ids] }),
  decide: () => null,
});

describe('accumulate', () => {
  it('is the same fold whether events come one by one or in partitions merged afterwards', () => {
    const def = makeOnTime();
    const dispatch = new DispatchTable([{ def, params: def.params.defaults }], ['year', 'month']);
    const ctx = { dispatch, directory, now: () => local(2026, 12, 31) };
    const events = Array.from({ length: 40 }, (_, i) => completed(i % 2 ? 'p1' : 'p2', local(2026, 1 + (i % 12), 1 + (i % 28)), { late: i % 3 === 0 }));
    const whole = new StateTable();
    for (const e of events) accumulate(e, whole, ctx);
    const merged = new StateTable((id) => (id === def.id ? (a, b) => def.merge(a as never, b as never) : undefined));
    for (const part of [events.slice(0, 13), events.slice(13, 29), events.slice(29)]) {
      const t = new StateTable();
      for (const e of part) accumulate(e, t, ctx);
      merged.mergeFrom(t);
    }
    const sorted = (t: StateTable) => t.toStoredStates().sort((a, b) => (a.indicator + a.subjectKind + a.subjectId + a.period).localeCompare(b.indicator + b.subjectKind + b.subjectId + b.period));
    expect(sorted(merged)).toEqual(sorted(whole));
    expect(whole.get(def.id, 'unit', 'B', '2026')?.state).toEqual({ done: 40, onTime: 26 });
  });

  it('collects what it touched, rules per person and per year only', () => {
    const def = makeOnTime({ subjects: ['person'] });
    const dispatch = new DispatchTable([{ def, params: {} }, { def: sanctions, params: {} }], ['year', 'quarter', 'month']);
    const out = new Touched();
    const n = accumulate(completed('p1', local(2026, 5, 5)), new StateTable(), { dispatch, directory, now: Date.now }, out);
    expect(n).toBe(4);
    expect(out.entries.slice(0, out.length).map((e) => `${e.indicator} ${e.subjectKind}:${e.subjectId} ${e.period}`)).toEqual([
      'test.on-time person:p1 2026', 'test.on-time person:p1 2026-Q2', 'test.on-time person:p1 2026-05', 'test.rule person:p1 2026',
    ]);
  });

  it('reports a throwing consumer to onError and goes on with the others', () => {
    const bad = makeOnTime({ id: 'test.bad', add: () => { throw new Error('nope'); } });
    const good = makeOnTime();
    const dispatch = new DispatchTable([{ def: bad, params: {} }, { def: good, params: {} }], ['year']);
    const errors: string[] = [];
    const table = new StateTable();
    accumulate(completed('p1', local(2026, 5, 5)), table, { dispatch, directory, now: Date.now, onError: (c, e) => errors.push(`${c.id}: ${(e as Error).message}`) });
    expect(errors).toEqual(['test.bad: nope']);
    expect(table.get('test.on-time', 'unit', 'B', '2026')?.state).toEqual({ done: 1, onTime: 1 });
    expect(() => accumulate(completed('p1', local(2026, 5, 5)), table, { dispatch, directory, now: Date.now })).toThrow('nope');
  });
});

import type { PeriodId, StoredState } from '@kaoping/contract';
import { describe, expect, it } from 'vitest';
import { StateTable } from './state-table.js';

type S = { n: number };
const merge = (a: unknown, b: unknown) => ({ n: (a as S).n + (b as S).n });

describe('StateTable', () => {
  it("keeps a subject's periods apart, the first inline and the rest in the order they came", () => {
    const t = new StateTable();
    const periods = ['2026', '2026-01', '2026-Q1', '2026-02'];
    const entries = periods.map((p, i) => t.getOrInit('x', 'person', 'p1', p, () => ({ n: i })));
    const slot = t.subject('x', 'person', 'p1');
    expect(slot.size).toBe(4);
    expect([...slot.values()]).toEqual(entries);
    // A period id equal in text but another string finds the same entry.
    for (const [i, p] of periods.entries()) expect(slot.get(`${p} `.trim())).toBe(entries[i]);
    expect(slot.get('2026-03')).toBeUndefined();
    // Stored rows for kept periods replace their states in place; a new period joins at the end.
    t.load([{ subjectKind: 'person', subjectId: 'p1', indicator: 'x', period: '2026', state: { n: 10 } }, { subjectKind: 'person', subjectId: 'p1', indicator: 'x', period: '2026-03', state: { n: 11 } }]);
    expect([...slot.values()].map((e) => [e.period, (e.state as S).n])).toEqual([['2026', 10], ['2026-01', 1], ['2026-Q1', 2], ['2026-02', 3], ['2026-03', 11]]);
    expect(t.size).toBe(5);
    t.removeIndicator('x');
    expect(t.size).toBe(0);
  });

  it('creates states on first use and tracks which changed', () => {
    const t = new StateTable();
    const e = t.getOrInit('x', 'person', 'p1', '2026', () => ({ n: 0 }));
    expect(t.getOrInit('x', 'person', 'p1', '2026', () => ({ n: 99 }))).toBe(e);
    expect(t.dirty()).toEqual([]);
    (e.state as S).n++;
    t.markDirty(e);
    t.markDirty(e);
    expect(t.dirty()).toEqual([e]);
    expect(t.toStoredStates({ dirtyOnly: true })).toEqual([{ subjectKind: 'person', subjectId: 'p1', indicator: 'x', period: '2026', state: { n: 1 } }]);
    t.clearDirty();
    expect(t.dirty()).toEqual([]);
    expect(e.dirty).toBe(false);
  });

  it('loads stored rows clean and merges partial tables with the indicator merge', () => {
    const a = new StateTable(() => merge);
    a.load([{ subjectKind: 'unit', subjectId: 'B', indicator: 'x', period: '2026', state: { n: 2 } }]);
    expect(a.dirty()).toEqual([]);
    const b = new StateTable(() => merge);
    b.getOrInit('x', 'unit', 'B', '2026', () => ({ n: 3 }));
    b.getOrInit('x', 'unit', 'D1', '2026', () => ({ n: 4 }));
    a.mergeFrom(b);
    expect(a.get('x', 'unit', 'B', '2026')?.state).toEqual({ n: 5 });
    expect(a.get('x', 'unit', 'D1', '2026')?.state).toEqual({ n: 4 });
    expect(a.dirty().map((e) => e.subjectId)).toEqual(['B', 'D1']);
    a.mergeFrom(b.toStoredStates());
    expect(a.get('x', 'unit', 'B', '2026')?.state).toEqual({ n: 8 });
  });

  it('says which indicator it cannot merge', () => {
    const t = new StateTable();
    t.getOrInit('x', 'person', 'p1', '2026', () => ({ n: 1 }));
    expect(() => t.mergeFrom([{ subjectKind: 'person', subjectId: 'p1', indicator: 'x', period: '2026', state: { n: 1 } }])).toThrow('no merge function known for "x"');
  });

  it('drops every state of one indicator', () => {
    const t = new StateTable();
    t.markDirty(t.getOrInit('x', 'person', 'p1', '2026', () => ({ n: 1 })));
    t.getOrInit('y', 'person', 'p1', '2026', () => ({ n: 1 }));
    t.removeIndicator('x');
    expect([...t.entries()].map((e) => e.indicator)).toEqual(['y']);
    expect(t.dirty()).toEqual([]);
  });

  describe('reading kept states from a source, a period when first touched', () => {
    const kept: StoredState[] = [
      { subjectKind: 'person', subjectId: 'p1', indicator: 'x', period: '2026', state: { n: 5 } },
      { subjectKind: 'person', subjectId: 'p2', indicator: 'x', period: '2026', state: { n: 7 } },
      { subjectKind: 'person', subjectId: 'p1', indicator: 'x', period: '2026-01', state: { n: 1 } },
    ];
    const lazyTable = () => {
      const reads: PeriodId[] = [];
      const t = new StateTable(() => merge);
      t.loadFrom({ load: (p) => { reads.push(p); return kept.filter((r) => r.period === p).map((r) => ({ ...r, state: { ...(r.state as S) } })); }, periods: () => ['2026', '2026-01'] });
      return { t, reads };
    };

    it('reads nothing up front, then each period once, whichever way it is touched', () => {
      const { t, reads } = lazyTable();
      expect(t.lazy).toBe(true);
      expect(t.size).toBe(0);
      expect(t.get('x', 'person', 'p2', '2026')?.state).toEqual({ n: 7 });
      expect(t.get('x', 'person', 'p9', '2026')).toBeUndefined();
      expect(t.getOrInit('x', 'person', 'p1', '2026', () => ({ n: 0 })).state).toEqual({ n: 5 });
      expect(reads).toEqual(['2026']);
      expect(t.periodEntries('2026-01').map((e) => e.subjectId)).toEqual(['p1']);
      expect(t.getOrInit('x', 'person', 'p1', '2026-02', () => ({ n: 0 })).state).toEqual({ n: 0 });
      expect(reads).toEqual(['2026', '2026-01', '2026-02']);
      expect(t.periods().sort()).toEqual(['2026', '2026-01', '2026-02']);
    });

    it('merges into the kept state, not over it', () => {
      const { t } = lazyTable();
      t.mergeFrom([{ subjectKind: 'person', subjectId: 'p1', indicator: 'x', period: '2026', state: { n: 1 } }]);
      expect(t.get('x', 'person', 'p1', '2026')?.state).toEqual({ n: 6 });
      expect(t.dirty().map((e) => e.subjectId)).toEqual(['p1']);
    });

    it('keeps a state changed in memory over the stored one, and reads periods again after clear()', () => {
      const { t, reads } = lazyTable();
      t.load([{ subjectKind: 'person', subjectId: 'p1', indicator: 'x', period: '2026', state: { n: 50 } }]);
      expect(t.get('x', 'person', 'p1', '2026')?.state).toEqual({ n: 50 });
      expect(t.get('x', 'person', 'p2', '2026')?.state).toEqual({ n: 7 });
      t.clear();
      expect(t.size).toBe(0);
      expect(t.get('x', 'person', 'p1', '2026')?.state).toEqual({ n: 5 });
      expect(reads).toEqual(['2026', '2026']);
    });
  });
});

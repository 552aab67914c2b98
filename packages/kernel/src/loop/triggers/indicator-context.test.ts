import { describe, expect, it } from 'vitest';
import { CellSet, type Cell } from './indicator-context.js';

describe('CellSet', () => {
  const cell: Cell = { indicator: 'business.on-time-rate', subjectKind: 'person', subjectId: 'P1', period: '2026' };

  it('takes a cell once, whichever object names it', () => {
    const set = new CellSet();
    expect(set.add(cell)).toBe(true);
    expect(set.add({ ...cell })).toBe(false);
  });

  it('tells cells apart by each coordinate', () => {
    const set = new CellSet();
    set.add(cell);
    expect(set.add({ ...cell, indicator: 'tax.enforcement-error-rate' })).toBe(true);
    expect(set.add({ ...cell, subjectKind: 'unit' })).toBe(true);
    expect(set.add({ ...cell, subjectId: 'P2' })).toBe(true);
    expect(set.add({ ...cell, period: '2026-Q1' })).toBe(true);
    // Ids that would collide once joined by a separator stay apart.
    expect(set.add({ ...cell, subjectId: 'P1\u00002026' })).toBe(true);
  });
});

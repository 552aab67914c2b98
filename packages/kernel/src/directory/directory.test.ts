import { describe, expect, it } from 'vitest';
import type { OrgUnit, Person } from '@kaoping/contract';
import { Directory } from './directory.js';

const units: OrgUnit[] = [
  { id: 'B', name: '市局', parentId: null, kind: 'bureau' },
  { id: 'D1', name: '一区局', parentId: 'B', kind: 'district' },
  { id: 'S1', name: '征管科', parentId: 'D1', kind: 'section' },
];
const people: Person[] = [{ id: 'p1', name: '张三', unitId: 'S1', postId: 'P01', since: 0 }];

describe('Directory', () => {
  it('answers unitOf, ancestors (self first, root last) and subtree', () => {
    const d = new Directory();
    d.setUnits(units);
    d.setPeople(people);
    expect(d.unitOf('p1')).toBe('S1');
    expect(d.ancestors('S1')).toEqual(['S1', 'D1', 'B']);
    expect(d.subtree('D1').sort()).toEqual(['D1', 'S1']);
    expect(d.hasUnit('B') && d.hasPerson('p1')).toBe(true);
    expect(d.person('nobody')).toBeUndefined();
  });

  it('drops cached ancestor chains when the tree changes', () => {
    const d = new Directory();
    d.setUnits(units);
    expect(d.ancestors('S1')).toEqual(['S1', 'D1', 'B']);
    d.upsertUnits([{ id: 'S1', name: '征管科', parentId: 'B', kind: 'section' }]);
    expect(d.ancestors('S1')).toEqual(['S1', 'B']);
  });

  it('treats an unknown unit as its own root and stops at a parent loop', () => {
    const d = new Directory();
    d.setUnits([
      { id: 'X', name: 'x', parentId: 'Y', kind: 'section' },
      { id: 'Y', name: 'y', parentId: 'X', kind: 'section' },
    ]);
    expect(d.ancestors('nowhere')).toEqual(['nowhere']);
    expect(d.ancestors('X')).toEqual(['X', 'Y']);
  });
});

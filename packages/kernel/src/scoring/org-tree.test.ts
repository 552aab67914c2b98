import { describe, expect, it } from 'vitest';
import type { OrgUnit } from '@kaoping/contract';
import { indexOrgTree, sumOverSubtrees } from './org-tree.js';

const unit = (id: string, parentId: string | null, kind: OrgUnit['kind'] = 'section'): OrgUnit => ({ id, name: id, parentId, kind });

describe('org tree', () => {
  it('sums each unit over its subtree, children listed before their parents or not', () => {
    // Given out of order on purpose: T1 (team) before its section, the section before its district.
    const tree = indexOrgTree([unit('T1', 'D1S'), unit('D1S', 'D1'), unit('B', null, 'bureau'), unit('D1', 'B', 'district'), unit('BS', 'B')]);
    const own = Float64Array.from([1, 10, 100, 1000, 10000]); // T1, D1S, B, D1, BS
    const sums = sumOverSubtrees(tree, own);
    expect(Array.from(sums)).toEqual([1, 11, 11111, 1011, 10000]);
    expect(tree.parent[tree.index.get('B') as number]).toBe(-1);
  });

  it('treats a unit whose parent is not in the directory as a root', () => {
    const tree = indexOrgTree([unit('X', 'GONE'), unit('Y', 'X')]);
    expect(Array.from(sumOverSubtrees(tree, Float64Array.from([1, 2])))).toEqual([3, 2]);
  });

  it('survives a parent cycle by cutting it once', () => {
    const tree = indexOrgTree([unit('A', 'C'), unit('B', 'A'), unit('C', 'B'), unit('L', 'B')]);
    expect(tree.topDown.length).toBe(4);
    expect(new Set(tree.topDown).size).toBe(4);
    const sums = Array.from(sumOverSubtrees(tree, Float64Array.from([1, 1, 1, 1])));
    expect(Math.max(...sums)).toBe(4); // the cut unit heads the whole former cycle
  });
});

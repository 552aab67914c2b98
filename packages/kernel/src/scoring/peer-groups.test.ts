import { describe, expect, it } from 'vitest';
import type { OrgUnit, Person } from '@kaoping/contract';
import { peerGroupKey, tierGroups } from './peer-groups.js';

const unit = (id: string, parentId: string | null, kind: OrgUnit['kind']): OrgUnit => ({ id, name: id, parentId, kind });
const person = (id: string, unitId: string, postId = 'P1'): Person => ({ id, name: id, unitId, postId, since: 0 });

const units = [
  unit('B', null, 'bureau'),
  unit('B-S1', 'B', 'section'),
  unit('B-S2', 'B', 'section'),
  unit('D1', 'B', 'district'),
  unit('D1-S1', 'D1', 'section'),
  unit('D1-S1-T', 'D1-S1', 'team'),
  unit('D2', 'B', 'district'),
  unit('D2-S1', 'D2', 'section'),
];

describe('tier groups', () => {
  it('puts each 区局 with its subtree, and the 市局 with its own 科室', () => {
    const people = [
      person('p1', 'B'), person('p2', 'B-S1'), person('p3', 'D1'), person('p4', 'D1-S1-T'),
      person('p5', 'B-S2'), person('p6', 'D2-S1'), person('p7', 'D1-S1'),
    ];
    const groups = tierGroups(units, people);
    expect(Object.fromEntries([...groups].map(([g, m]) => [g, m.map((p) => p.id)]))).toEqual({
      B: ['p1', 'p2', 'p5'],
      D1: ['p3', 'p4', 'p7'],
      D2: ['p6'],
    });
  });

  it('keeps someone in an unknown unit apart rather than in another group', () => {
    const groups = tierGroups(units, [person('p1', 'B-S1'), person('p9', 'NOWHERE')]);
    expect(groups.get('NOWHERE')?.map((p) => p.id)).toEqual(['p9']);
    expect(groups.get('B')?.map((p) => p.id)).toEqual(['p1']);
  });

  it('keys percentile peers by tier group and post', () => {
    expect(peerGroupKey('D1', 'P1')).not.toBe(peerGroupKey('D1', 'P2'));
    expect(peerGroupKey('D1', 'P1')).not.toBe(peerGroupKey('D2', 'P1'));
    expect(peerGroupKey('D1', 'P1')).toBe(peerGroupKey('D1', 'P1'));
  });
});

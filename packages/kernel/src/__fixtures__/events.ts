import { LOCAL_OFFSET_MS, type ActivityEvent, type OrgUnit, type Person } from '@kaoping/contract';

/** Epoch ms of a local (Asia/Shanghai) date and hour. */
export const local = (y: number, m: number, d: number, h = 0): number => Date.UTC(y, m - 1, d, h) - LOCAL_OFFSET_MS;

let seq = 0;

/** A `tax.matter.completed` event; `late` puts completion after the deadline. */
export function completed(actorId: string | null, at: number, opts: { late?: boolean; unitId?: string | null; boom?: boolean } = {}): ActivityEvent {
  const id = `m${++seq}`;
  return {
    id: `${id}#c`,
    source: 'tax-collection',
    type: 'tax.matter.completed',
    actorId,
    unitId: opts.unitId ?? null,
    occurredAt: at,
    attrs: {
      matterId: id,
      matterType: 'registration',
      acceptedAt: at - 86_400_000,
      deadlineAt: opts.late ? at - 3_600_000 : at + 3_600_000,
      completedAt: at,
      ...(opts.boom ? { boom: true } : {}),
    },
  };
}

export const units: OrgUnit[] = [
  { id: 'B', name: '市局', parentId: null, kind: 'bureau' },
  { id: 'D1', name: '第一区局', parentId: 'B', kind: 'district' },
  { id: 'S1', name: '征管科', parentId: 'D1', kind: 'section' },
];

export const people: Person[] = [
  { id: 'p1', name: '张三', unitId: 'S1', postId: 'P01', politicalStatus: '中共党员', since: 0 },
  { id: 'p2', name: '李四', unitId: 'S1', postId: 'P01', politicalStatus: '群众', since: 0 },
];

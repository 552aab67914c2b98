import type { OrgUnit, Person } from '@kaoping/contract';

const since = Date.UTC(2020, 0, 1) - 8 * 3_600_000;

/** The tiny directory of the example: one bureau, one district bureau, its front desk (办税服务厅). */
export const FRONT_DESK_UNITS: readonly OrgUnit[] = [
  { id: 'B01', name: '某市税务局', parentId: null, kind: 'bureau' },
  { id: 'D01', name: '城区税务局', parentId: 'B01', kind: 'district' },
  { id: 'S01', name: '第一办税服务厅', parentId: 'D01', kind: 'section' },
];

/** Two front-desk clerks (post FD) and the hall's leader (post AD, who gets escalations). */
export const FRONT_DESK_PEOPLE: readonly Person[] = [
  { id: 'P001', name: '张敏', unitId: 'S01', postId: 'FD', postName: '前台受理', since },
  { id: 'P002', name: '李强', unitId: 'S01', postId: 'FD', postName: '前台受理', since },
  { id: 'P003', name: '王芳', unitId: 'S01', postId: 'AD', postName: '综合', since },
];

export function personName(id: string | null): string {
  return FRONT_DESK_PEOPLE.find((p) => p.id === id)?.name ?? String(id);
}

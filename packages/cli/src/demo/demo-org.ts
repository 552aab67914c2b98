import { LOCAL_OFFSET_MS, type ActivityEvent, type OrgUnit, type Person } from '@kaoping/contract';
import { Rng } from '../generate/prng.js';

/** A small 市局: two 区局 with a few 科室 each, and the people who handle tax matters in them. */
export const DEMO_UNITS: OrgUnit[] = [
  { id: '13301000000', name: '杭州市税务局', parentId: null, kind: 'bureau' },
  { id: '13301020000', name: '上城区税务局', parentId: '13301000000', kind: 'district' },
  { id: '13301020100', name: '上城区纳税服务科', parentId: '13301020000', kind: 'section' },
  { id: '13301020200', name: '上城区征收管理科', parentId: '13301020000', kind: 'section' },
  { id: '13301060000', name: '西湖区税务局', parentId: '13301000000', kind: 'district' },
  { id: '13301060100', name: '西湖区纳税服务科', parentId: '13301060000', kind: 'section' },
  { id: '13301060200', name: '西湖区征收管理科', parentId: '13301060000', kind: 'section' },
  { id: '13301060300', name: '西湖区第一税务所', parentId: '13301060000', kind: 'section' },
];

const NAMES = ['王芳', '李伟', '张敏', '刘洋', '陈静', '杨帆', '赵磊', '黄丽', '周杰', '吴婷', '徐强', '孙悦', '胡斌', '朱琳', '高翔', '林娜', '何军', '郭涛', '马超', '罗颖'];

export const DEMO_PEOPLE: Person[] = NAMES.map((name, i) => {
  const sections = DEMO_UNITS.filter((u) => u.kind === 'section');
  return {
    id: `2330${String(i + 1).padStart(4, '0')}`,
    name,
    unitId: sections[i % sections.length].id,
    postId: 'ZG01',
    postName: '税收征管岗',
    since: Date.UTC(2015, 0, 1) - LOCAL_OFFSET_MS,
  };
});

const DAY = 86_400_000;

/**
 * `tax.matter.completed` events from January to June 2026, as the tax-collection adapter emits
 * them. Each person has their own habit of finishing late, so the results differ.
 */
export function demoEvents(count: number): ActivityEvent[] {
  // Seeded, so the demo prints the same every time.
  const rng = new Rng(20260101);
  const r = () => rng.next();
  const start = Date.UTC(2026, 0, 1) - LOCAL_OFFSET_MS;
  const lateness = DEMO_PEOPLE.map((_, i) => [0, 0.02, 0.05, 0.1, 0.2][i % 5]);
  const types = ['税务登记', '发票领用', '纳税申报', '退税审核', '涉税证明'];
  return Array.from({ length: count }, (_, i): ActivityEvent => {
    const who = Math.floor(r() * DEMO_PEOPLE.length);
    const person = DEMO_PEOPLE[who];
    const accepted = start + Math.floor(r() * 175 * DAY) + 9 * 3_600_000;
    const deadline = accepted + (3 + Math.floor(r() * 12)) * DAY;
    const completed = r() < lateness[who] ? deadline + (1 + Math.floor(r() * 5)) * DAY : accepted + Math.floor(r() * (deadline - accepted));
    const matterId = `SX2026${String(i + 1).padStart(6, '0')}`;
    return {
      id: `${matterId}#c`,
      source: 'tax-collection',
      type: 'tax.matter.completed',
      actorId: person.id,
      unitId: null,
      occurredAt: completed,
      attrs: { matterId, matterType: types[i % types.length], acceptedAt: accepted, deadlineAt: deadline, completedAt: completed },
    };
  });
}

import { districtName } from './names.js';
import type { PostCode } from './posts.js';
import type { Preset } from './presets.js';

export type UnitLevel = '市局' | '区局' | '科室';

export interface Unit {
  code: string;
  name: string;
  parent: string | null;
  level: UnitLevel;
  /** The post of everyone in a 科室 (a section does one kind of work); AD for leaders' units. */
  post: PostCode;
  /** Tier group: index of the 区局 (1-based), 0 for the 市局 and its own 科室. */
  group: number;
}

export const CITY_NAME = '示范市';

/** Unit code: 1 (tax) + 33 (province) + 01 (city) + DD (区局) + SS (科室) + 00; see docs/synthetic-bureau.md. */
export function unitCode(district: number, section: number): string {
  return `13301${String(district).padStart(2, '0')}${String(section).padStart(2, '0')}00`;
}

const BUREAU_SECTIONS: ReadonlyArray<readonly [string, PostCode]> = [
  ['办公室', 'AD'], ['征收管理科', 'TM'], ['纳税服务科', 'FD'], ['法制科', 'LG'], ['稽查一科', 'IN'], ['人事科', 'AD'],
  ['所得税科', 'TM'], ['督察内审科', 'LG'], ['稽查二科', 'IN'], ['货物和劳务税科', 'TM'], ['财务管理科', 'AD'], ['收入规划核算科', 'TM'],
];

const DISTRICT_SECTIONS: ReadonlyArray<readonly [string, PostCode]> = [
  ['办公室', 'AD'], ['办税服务厅', 'FD'], ['税源管理一科', 'TM'], ['稽查科', 'IN'], ['法制科', 'LG'], ['税源管理二科', 'TM'],
  ['第一税务所', 'FD'], ['税源管理三科', 'TM'], ['人事教育科', 'AD'], ['第二税务所', 'FD'], ['稽查二科', 'IN'], ['税源管理四科', 'TM'],
  ['第三税务所', 'FD'], ['税源管理五科', 'TM'],
];

/** Beyond the named templates, sections alternate between 税务所 (front desk) and 税源管理 (TM). */
function sectionTemplate(templates: ReadonlyArray<readonly [string, PostCode]>, i: number): readonly [string, PostCode] {
  if (i < templates.length) return templates[i];
  const n = i - templates.length + 1;
  return n % 2 === 1 ? [`第${n + 3}税务所`, 'FD'] : [`税源管理${n + 5}科`, 'TM'];
}

/** The unit tree in export order: 市局, its 科室, then each 区局 followed by its 科室. */
export function buildUnits(preset: Preset): Unit[] {
  if (preset.districts > 98 || preset.sectionsPerDistrict > 99 || preset.bureauSections > 99) {
    throw new Error('unit codes have two digits for 区局 and 科室: at most 98 districts and 99 sections');
  }
  const root = unitCode(0, 0);
  const units: Unit[] = [{ code: root, name: `国家税务总局${CITY_NAME}税务局`, parent: null, level: '市局', post: 'AD', group: 0 }];
  for (let s = 0; s < preset.bureauSections; s++) {
    const [name, post] = sectionTemplate(BUREAU_SECTIONS, s);
    units.push({ code: unitCode(0, s + 1), name, parent: root, level: '科室', post, group: 0 });
  }
  for (let d = 1; d <= preset.districts; d++) {
    const code = unitCode(d, 0);
    units.push({ code, name: `国家税务总局${CITY_NAME}${districtName(d - 1)}区税务局`, parent: root, level: '区局', post: 'AD', group: d });
    for (let s = 0; s < preset.sectionsPerDistrict; s++) {
      const [name, post] = sectionTemplate(DISTRICT_SECTIONS, s);
      units.push({ code: unitCode(d, s + 1), name, parent: code, level: '科室', post, group: d });
    }
  }
  return units;
}

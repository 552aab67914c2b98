/** The org shapes `kaoping generate --preset` knows; staff ≈ sections × mean size + leaders. */
export interface Preset {
  name: PresetName;
  /** 区局 under the 市局. */
  districts: number;
  /** 科室 in each 区局. */
  sectionsPerDistrict: number;
  /** 科室 directly under the 市局. */
  bureauSections: number;
  /** Mean staff per 科室, before the per-post size factors. */
  meanSectionSize: number;
  /** Leaders attached to each 区局 itself (post AD). */
  districtLeaders: number;
  /** Leaders attached to the 市局 itself (post AD). */
  bureauLeaders: number;
}

export type PresetName = 'small' | 'city' | 'province';

export const PRESETS: Readonly<Record<PresetName, Preset>> = {
  small: { name: 'small', districts: 3, sectionsPerDistrict: 5, bureauSections: 4, meanSectionSize: 11, districtLeaders: 2, bureauLeaders: 3 },
  city: { name: 'city', districts: 12, sectionsPerDistrict: 9, bureauSections: 8, meanSectionSize: 17, districtLeaders: 2, bureauLeaders: 3 },
  province: { name: 'province', districts: 80, sectionsPerDistrict: 14, bureauSections: 12, meanSectionSize: 26.4, districtLeaders: 2, bureauLeaders: 3 },
};

export function isPresetName(name: string): name is PresetName {
  return Object.hasOwn(PRESETS, name);
}

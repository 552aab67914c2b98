/**
 * Posts (岗位) and what a person in each post does in a year. Rates are per working day
 * present (≈245 a year), tuned so that a person-year is ≈700 records across the four systems.
 */
export type PostCode = 'FD' | 'TM' | 'IN' | 'LG' | 'AD';

export interface PostProfile {
  code: PostCode;
  name: string;
  /** Relative 科室 size: front desks and tax-source sections are the big ones. */
  sizeFactor: number;
  matters: number;
  enforcement: number;
  ratings: number;
  documents: number;
  supervision: number;
}

export const POSTS: Readonly<Record<PostCode, PostProfile>> = {
  FD: { code: 'FD', name: '办税服务厅窗口', sizeFactor: 1.3, matters: 1.45, enforcement: 0, ratings: 0.28, documents: 0.02, supervision: 0.004 },
  TM: { code: 'TM', name: '税源管理', sizeFactor: 1.3, matters: 1.35, enforcement: 0.16, ratings: 0.04, documents: 0.06, supervision: 0.012 },
  IN: { code: 'IN', name: '稽查', sizeFactor: 1.1, matters: 0.12, enforcement: 1.3, ratings: 0, documents: 0.12, supervision: 0.02 },
  LG: { code: 'LG', name: '法制', sizeFactor: 0.6, matters: 0.08, enforcement: 0.3, ratings: 0, documents: 1.0, supervision: 0.16 },
  AD: { code: 'AD', name: '综合行政', sizeFactor: 0.8, matters: 0, enforcement: 0, ratings: 0, documents: 1.45, supervision: 0.24 },
};

/** Matter types (sxlx): share of matters and statutory deadline in days after acceptance. */
export const MATTER_TYPES = [
  { code: 'SB', share: 0.4, deadlineDays: 1 },
  { code: 'FP', share: 0.28, deadlineDays: 2 },
  { code: 'DJ', share: 0.14, deadlineDays: 1 },
  { code: 'ZX', share: 0.1, deadlineDays: 20 },
  { code: 'TS', share: 0.08, deadlineDays: 10 },
] as const;

/** Enforcement action types (zflx): 税务检查, 行政处罚, 强制执行, 税收保全. */
export const ENFORCEMENT_TYPES = ['JC', 'CF', 'QZ', 'BQ'] as const;
export const ENFORCEMENT_WEIGHTS = [0.5, 0.3, 0.12, 0.08] as const;

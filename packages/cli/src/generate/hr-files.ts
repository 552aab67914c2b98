import { pad, type FileSpec } from './file-spec.js';
import { personName } from './names.js';
import type { AttendanceRow, PersonRow, SanctionRow, TierRow, UnitRow } from './records.js';

/** HR (数字人事): CSV in GBK with Chinese headers. */

export const unitsFile: FileSpec<UnitRow> = {
  path: 'hr/units.csv',
  encoding: 'gbk',
  layout: 'csv',
  header: ['机构代码', '机构名称', '上级机构代码', '机构层级'],
  format: (r) => `${r.code},${r.name},${r.parent},${r.level}`,
  events: () => 0,
  fresh: (r) => r,
  defects: {},
};

/**
 * Defective people.csv rows are "ghosts": extra people (codes P8xxxxx) that nothing else
 * refers to, so rejecting them takes nothing else down with them.
 */
export const peopleFile: FileSpec<PersonRow> = {
  path: 'hr/people.csv',
  encoding: 'gbk',
  layout: 'csv',
  header: ['人员代码', '姓名', '机构代码', '岗位代码', '岗位名称', '政治面貌', '入职日期', '离职日期'],
  format: (r) => `${r.code},${r.name},${r.unit},${r.post},${r.postName},${r.political},${r.hired},${r.left}`,
  events: () => 0,
  fresh: (r, n) => ({ ...r, code: `P8${pad(n, 5)}`, left: '' }),
  defects: {
    'unknown-unit': (r, t) => ({ ...r, unit: t.unknownUnit() }),
    // Three-character names: their UTF-8 bytes cannot pair up into valid GBK, so the row decodes to U+FFFD.
    'wrong-encoding': (r, t) => ({ ...r, name: personName(t.rng, 3) }),
  },
};

export const sanctionsFile: FileSpec<SanctionRow> = {
  path: 'hr/sanctions.csv',
  encoding: 'gbk',
  layout: 'csv',
  header: ['记录号', '人员代码', '处分类型', '处分日期', '影响期至'],
  format: (r) => `${r.id},${r.person},${r.type},${r.date},${r.until}`,
  events: () => 1,
  fresh: (r) => r,
  defects: {},
};

export function attendanceFile(year: number): FileSpec<AttendanceRow> {
  return {
    path: 'hr/attendance.csv',
    encoding: 'gbk',
    layout: 'csv',
    header: ['记录号', '人员代码', '日期', '状态'],
    format: (r) => `${r.id},${r.person},${r.date},${r.status}`,
    events: () => 1,
    fresh: (r, n) => ({ ...r, id: `KQ${year}9${pad(n, 8)}` }),
    defects: {
      'unknown-person': (r, t) => ({ ...r, person: t.unknownPerson() }),
      'bad-date': (r, t) => ({ ...r, date: t.badDate() }),
      'wrong-cell-count': true,
      'duplicate-id': true,
      'dirty-code': (r, t) => ({ ...r, person: t.dirtyCode(r.person) }),
    },
  };
}

export const tierHistoryFile: FileSpec<TierRow> = {
  path: 'hr/tier-history.csv',
  encoding: 'gbk',
  layout: 'csv',
  header: ['人员代码', '年度', '段'],
  format: (r) => `${r.person},${r.year},${r.tier}`,
  events: () => 1,
  fresh: (r) => r,
  defects: {},
};

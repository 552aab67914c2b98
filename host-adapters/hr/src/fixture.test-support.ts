import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodeGbk } from '@kaoping/contract/records';

/** A GBK CSV; a line given as `{ utf8 }` is written in UTF-8 instead (the wrong-encoding defect). */
function gbkCsv(lines: Array<string | { utf8: string }>, finalNewline = true): Buffer {
  const parts = lines.map((l, i) => {
    const text = `${typeof l === 'string' ? l : l.utf8}${i < lines.length - 1 || finalNewline ? '\r\n' : ''}`;
    return typeof l === 'string' ? Buffer.from(encodeGbk(text)) : Buffer.from(text, 'utf8');
  });
  return Buffer.concat(parts);
}

/** An hr/ export (GBK) with every defect that applies to 数字人事 between clean records. */
export function writeHrFixture(): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'kp-hr-')), 'hr');
  mkdirSync(dir);
  writeFileSync(join(dir, 'units.csv'), gbkCsv([
    '机构代码,机构名称,上级机构代码,机构层级',
    'U02,城区税务局,U01,区局', // listed before its parent
    'U01,市税务局,,市局',
    'U03,纳税服务科,U02,科室',
    'U04,孤立科,U99,科室', // unknown-unit (parent), line 5
  ]));
  writeFileSync(join(dir, 'people.csv'), gbkCsv([
    '人员代码,姓名,机构代码,岗位代码,岗位名称,政治面貌,入职日期,离职日期',
    'P001,张三,U03,FD,办税服务厅窗口,中共党员,2018-03-01,',
    'P002,李四,U99,TM,税源管理,群众,2019-07-01,', // unknown-unit, line 3
    'P003,王五,U03,IN,稽查,中共党员,2020-02-30,', // bad-date, line 4
    { utf8: 'P004,赵六,U03,LG,法制,群众,2021-01-04,' }, // wrong-encoding, line 5
    '" Ｐ００５",钱七,U0 3,AD,综合行政,群众,2015-09-01,2025-12-31', // dirty-code, line 6
    'P006,孙八,U02,TM,税源管理,群众,2016-05-01', // wrong-cell-count, line 7
    'P007,周九,U02,FD,办税服务厅窗口,中共党员,2017-01-01,',
  ]));
  writeFileSync(join(dir, 'sanctions.csv'), gbkCsv([
    '记录号,人员代码,处分类型,处分日期,影响期至',
    'S1,P001,党纪处分,2026-04-10,2027-04-09',
    'S2,P404,政务处分,2026-04-11,2027-04-10', // unknown-person, line 3
    'S3,P007,处分,2026-05-01,',
  ]));
  writeFileSync(join(dir, 'attendance.csv'), gbkCsv([
    '记录号,人员代码,日期,状态',
    'A1,P001,2026-03-02,出勤',
    'A2, P 007 ,2026-03-02,缺勤', // dirty-code, line 3
    'A3,P002,2026-03-02,出勤', // unknown-person (P002 was rejected), line 4
    'A4,P001,2026-03-32,出勤', // bad-date, line 5
    'A1,P001,2026-03-02,出勤', // duplicate-id, line 6
    'A6,P007,2026-03-03,请假',
    'A7,P001,2026-03-03,迟到', // unknown status, line 8
  ]));
  writeFileSync(join(dir, 'tier-history.csv'), gbkCsv([
    '人员代码,年度,段',
    'P001,2024,1',
    'P007,2025,2',
    'P001,2025,4', // tier out of range, line 4
    'P007,20', // truncated last line, line 5
  ], false));
  return dir;
}

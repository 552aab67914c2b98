import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodeGbk } from '@kaoping/contract/records';

export const DIRECTORY = { units: ['U01', 'U02'], people: { P001: 'U01', P002: 'U01', P003: 'U02' } };

/** A UTF-8-with-BOM CSV; a line given as `{ gbk }` is written in GBK (the wrong-encoding defect). */
function bomCsv(lines: Array<string | { gbk: string }>): Buffer {
  return Buffer.concat([
    Buffer.from([0xef, 0xbb, 0xbf]),
    ...lines.map((l) => (typeof l === 'string' ? Buffer.from(`${l}\r\n`) : Buffer.from(encodeGbk(`${l.gbk}\r\n`)))),
  ]);
}

/** An oa/ export with every defect that applies to OA 政务 between clean records. */
export function writeOaFixture(): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'kp-oa-')), 'oa');
  mkdirSync(dir);
  writeFileSync(join(dir, 'documents.csv'), bomCsv([
    '文号,承办人代码,承办机构代码,收文日期,办结时限,办结日期',
    '"杭税发〔2026〕1号",P001,U01,2026-03-02,2026-03-16,2026-03-10',
    '杭税发〔2026〕2号,P001,U01,2026-03-03,2026-03-17,',
    'D3,P999,U01,2026-03-03,2026-03-17,', // unknown-person, line 4
    'D4,P001,U99,2026-03-03,2026-03-17,', // unknown-unit, line 5
    'D5,P001,U01,2026/03/04,2026-03-18,', // bad-date, line 6
    'D6,P001,U01,2026-03-10,2026-03-01,', // deadline-before-acceptance, line 7
    'D7,P002,U01,2026-03-05,2026-03-19', // wrong-cell-count, line 8
    { gbk: '杭税办〔2026〕8号,P001,U01,2026-03-05,2026-03-19,' }, // wrong-encoding, line 9
    'D9, Ｐ００２ ,U0 1,2026-03-06,2026-03-20,2026-03-19', // dirty-code, line 10
  ]));
  writeFileSync(join(dir, 'supervision.csv'), bomCsv([
    '督办编号,责任人代码,责任机构代码,下达日期,要求完成日期,完成日期',
    'DB1,P001,U01,2026-03-01,2026-03-31,2026-03-20',
    'DB2,P002,U01,2026-03-01,2026-03-31,',
    'DB3,P404,U01,2026-03-01,2026-03-31,', // unknown-person, line 4
    'DB4,P001,U01,2026-04-01,2026-03-01,', // due before assigned, line 5
    'DB5,P003,U02,2026-04-01,2026-04-30,',
  ]));
  return dir;
}

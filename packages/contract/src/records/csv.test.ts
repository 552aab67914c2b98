import { describe, expect, it } from 'vitest';
import { csvHeader, csvRow, splitCsvLine } from './csv.js';
import { RecordDefect } from './defect.js';

describe('splitCsvLine', () => {
  it('splits plain cells, keeping empty ones', () => {
    expect(splitCsvLine('a,b,,d,')).toEqual(['a', 'b', '', 'd', '']);
  });
  it('reads RFC 4180 quotes: commas and doubled quotes inside', () => {
    expect(splitCsvLine('"a,b","say ""hi""",c')).toEqual(['a,b', 'say "hi"', 'c']);
    expect(splitCsvLine('x,"",')).toEqual(['x', '', '']);
  });
  it('returns null when the record continues on the next line', () => {
    expect(splitCsvLine('a,"open')).toBeNull();
    expect(splitCsvLine('a,"open\nclosed",b')).toEqual(['a', 'open\nclosed', 'b']);
  });
});

describe('csvHeader / csvRow', () => {
  const header = csvHeader([' 人员代码', '姓名 ', '机构代码'], ['人员代码', '机构代码', '岗位代码']);
  it('maps cells to trimmed Chinese column names and lists missing columns', () => {
    expect(header.missing).toEqual(['岗位代码']);
    expect(csvRow(header, ['P1', '张三', 'U1'])).toEqual({ 人员代码: 'P1', 姓名: '张三', 机构代码: 'U1' });
  });
  it('rejects a row with the wrong number of cells, naming both counts', () => {
    expect(() => csvRow(header, ['P1', '张三'])).toThrow(RecordDefect);
    expect(() => csvRow(header, ['P1', '张三', 'U1', 'x'])).toThrow('the row has 4 cells but the header has 3 (人员代码, 姓名, 机构代码)');
  });
});

import { describe, expect, it } from 'vitest';
import { readCsv } from './csv-reader.js';
import { encodeGbk } from './gbk.js';
import { collect, tempFiles } from './test-files.test-support.js';

const files = tempFiles('csv');

describe('readCsv', () => {
  it('yields rows keyed by header, with file line numbers, skipping blank lines', async () => {
    const p = files.write('a.csv', '\uFEFF文号,承办人代码\r\nA1,P1\r\n\r\n"A,2",P2\r\n');
    const items = await collect(readCsv(p, { columns: ['文号', '承办人代码'] }));
    expect(items).toEqual([
      { line: 2, raw: 'A1,P1', value: { 文号: 'A1', 承办人代码: 'P1' } },
      { line: 4, raw: '"A,2",P2', value: { 文号: 'A,2', 承办人代码: 'P2' } },
    ]);
  });

  it('keeps a quoted cell spanning lines as one record at its first line', async () => {
    const p = files.write('b.csv', 'k,v\n1,"two\nlines"\n2,x\n');
    const items = await collect(readCsv(p));
    expect(items.map((i) => [i.line, i.value])).toEqual([[2, { k: '1', v: 'two\nlines' }], [4, { k: '2', v: 'x' }]]);
  });

  it('reports a wrong cell count and keeps the rows around it', async () => {
    const p = files.write('c.csv', 'a,b,c\n1,2,3\n4,5\n6,7,8\n');
    const items = await collect(readCsv(p));
    expect(items[1]).toMatchObject({ line: 3, raw: '4,5' });
    expect(items[1].defect?.code).toBe('KP_ERR_RECORD_INVALID');
    expect(items[1].defect?.detail).toBe('the row has 2 cells but the header has 3 (a, b, c)');
    expect(items[2].value).toEqual({ a: '6', b: '7', c: '8' });
  });

  it('reports a UTF-8 row in a GBK file as an encoding defect', async () => {
    const p = files.write('d.csv', Buffer.concat([encodeGbk('人员代码,姓名\n'), encodeGbk('P1,张三\n'), Buffer.from('P2,李四\n'), encodeGbk('P3,王五\n')]));
    const items = await collect(readCsv(p, { encoding: 'gbk' }));
    expect(items.map((i) => i.value ?? i.defect.code)).toEqual([{ 人员代码: 'P1', 姓名: '张三' }, 'KP_ERR_ENCODING', { 人员代码: 'P3', 姓名: '王五' }]);
    expect(items[1].line).toBe(3);
  });

  it('rejects every row when the header lacks a needed column, saying which', async () => {
    const p = files.write('e.csv', 'x,y\n1,2\n');
    const [item] = await collect(readCsv(p, { columns: ['x', '机构代码'] }));
    expect(item.defect?.detail).toBe('the header row (line 1) lacks column 机构代码');
  });

  it('reports a last record cut inside a quoted cell', async () => {
    const p = files.write('f.csv', 'a,b\n1,"unfinished');
    const [item] = await collect(readCsv(p));
    expect(item).toMatchObject({ line: 2, raw: '1,"unfinished' });
    expect(item.defect?.detail).toBe('the row ends inside a quoted cell: the file looks cut off');
  });
});

import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { encodeGbk } from './gbk.js';
import { readJsonArray } from './json-array-reader.js';
import { collect, tempFiles } from './test-files.test-support.js';

const files = tempFiles('jsonarr');

describe('readJsonArray', () => {
  it('yields each top-level object with the line it starts on, one per line', async () => {
    const p = files.write('a.json', '[\n{"id":"a","s":"x, } ] \\" {"},\n{"id":"b","n":{"deep":[1,2]}}\n]\n');
    expect((await collect(readJsonArray(p))).map((i) => [i.line, i.value])).toEqual([
      [2, { id: 'a', s: 'x, } ] " {' }],
      [3, { id: 'b', n: { deep: [1, 2] } }],
    ]);
  });

  it('reads pretty-printed and single-line arrays alike', async () => {
    const records = [{ id: 'a', v: [1, { x: '换行\n' }] }, { id: 'b' }, { id: 'c' }];
    const pretty = files.write('b.json', JSON.stringify(records, null, 2));
    const oneLine = files.write('c.json', JSON.stringify(records));
    expect((await collect(readJsonArray(pretty))).map((i) => [i.line, i.value])).toEqual([[2, records[0]], [11, records[1]], [14, records[2]]]);
    expect((await collect(readJsonArray(oneLine, { highWaterMark: 7 }))).map((i) => i.value)).toEqual(records);
  });

  it('reports a truncated final object and keeps everything before it', async () => {
    const p = files.write('d.json', '[\n{"id":"a"},\n{"id":"b"},\n{"id":"c","da');
    const items = await collect(readJsonArray(p));
    expect(items.slice(0, 2).map((i) => i.value)).toEqual([{ id: 'a' }, { id: 'b' }]);
    expect(items[2]).toMatchObject({ line: 4, raw: '{"id":"c","da' });
    expect(items[2].defect?.detail).toBe('the file ends inside this record: the export was cut off');
  });

  it('rejects a malformed item, a non-object item and a GBK item, and reads on', async () => {
    const p = files.write('e.json', '');
    writeFileSync(p, Buffer.concat([Buffer.from('[{"id":"a"},\n{"id":},\n7,\n'), encodeGbk('{"id":"李四"},\n'), Buffer.from('{"id":"z"}]')]));
    const items = await collect(readJsonArray(p));
    expect(items.map((i) => i.value ?? i.defect.code)).toEqual([{ id: 'a' }, 'KP_ERR_RECORD_INVALID', 'KP_ERR_RECORD_INVALID', 'KP_ERR_ENCODING', { id: 'z' }]);
    expect(items.map((i) => i.line)).toEqual([1, 2, 3, 4, 5]);
    expect(items[2].defect?.detail).toBe('the array item is not a JSON object');
  });

  it('rejects a file whose top level is not an array, once', async () => {
    const p = files.write('f.json', '{"id":"a"}');
    const items = await collect(readJsonArray(p));
    expect(items).toHaveLength(1);
    expect(items[0].defect?.detail).toBe('the file is not a JSON array (it must start with "[")');
  });
});

import { describe, expect, it } from 'vitest';
import { encodeGbk } from './gbk.js';
import { readNdjson } from './ndjson-reader.js';
import { collect, tempFiles } from './test-files.test-support.js';

const files = tempFiles('ndjson');

describe('readNdjson', () => {
  it('yields one object per line with its line number, skipping blank lines', async () => {
    const p = files.write('a.ndjson', '{"a":1}\n\n{"a":2}\r\n');
    expect(await collect(readNdjson(p))).toEqual([
      { line: 1, raw: '{"a":1}', value: { a: 1 } },
      { line: 3, raw: '{"a":2}', value: { a: 2 } },
    ]);
  });

  it('calls a bad line in the middle invalid JSON and a bad last line cut off', async () => {
    const p = files.write('b.ndjson', '{"a":1}\n{"a":\n{"a":3}\n[1]\n{"a":5}\n{"a":6,"b"');
    const items = await collect(readNdjson(p));
    expect(items.map((i) => i.value ?? i.defect.detail)).toEqual([
      { a: 1 },
      expect.stringMatching(/^the line is not valid JSON \(/),
      { a: 3 },
      'the line is not a JSON object',
      { a: 5 },
      'the last line is cut off mid-record (not complete JSON)',
    ]);
    expect(items[5]).toMatchObject({ line: 6, raw: '{"a":6,"b"' });
  });

  it('rejects a GBK line in a UTF-8 file as an encoding defect', async () => {
    const p = files.write('c.ndjson', Buffer.concat([Buffer.from('{"n":"张三"}\n'), encodeGbk('{"n":"李四"}\n'), Buffer.from('{"n":"王五"}\n')]));
    const items = await collect(readNdjson(p));
    expect(items[1].defect?.code).toBe('KP_ERR_ENCODING');
    expect(items[2].value).toEqual({ n: '王五' });
  });
});

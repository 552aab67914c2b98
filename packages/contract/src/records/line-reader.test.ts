import { mkdtempSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { encodeGbk } from './gbk.js';
import { readLines, type Line } from './line-reader.js';

const dir = mkdtempSync(join(tmpdir(), 'kp-lines-'));
let n = 0;
function file(bytes: Uint8Array | string): string {
  const p = join(dir, `f${n++}.txt`);
  writeFileSync(p, bytes);
  return p;
}

async function all(it: AsyncIterable<Line>): Promise<Line[]> {
  const out: Line[] = [];
  for await (const l of it) out.push(l);
  return out;
}

describe('readLines', () => {
  it('numbers lines from 1, handles \\r\\n, a UTF-8 BOM and a last line without newline', async () => {
    const p = file('\uFEFFa,b\r\n\r\nc,d\r\nlast');
    const lines = await all(readLines(p));
    expect(lines.map((l) => [l.line, l.text])).toEqual([[1, 'a,b'], [2, ''], [3, 'c,d'], [4, 'last']]);
    expect(lines.every((l) => l.encodingError === undefined && l.raw === undefined)).toBe(true);
  });

  it('joins a line split across read chunks, multi-byte characters included', async () => {
    const p = file('张三,税源管理\n李四,稽查\n');
    const lines = await all(readLines(p, { highWaterMark: 5 }));
    expect(lines.map((l) => l.text)).toEqual(['张三,税源管理', '李四,稽查']);
  });

  it('decodes GBK and attaches the bytes when asked', async () => {
    const p = file(Buffer.concat([Buffer.from(encodeGbk('人员代码,姓名\r\n')), Buffer.from(encodeGbk('P001,张三\r\n'))]));
    const lines = await all(readLines(p, { encoding: 'gbk', raw: true }));
    expect(lines.map((l) => l.text)).toEqual(['人员代码,姓名', 'P001,张三']);
    expect(Buffer.from(lines[1].raw!)).toEqual(Buffer.from(encodeGbk('P001,张三')));
  });

  it('flags a UTF-8 line inside a GBK file, quoting what it says', async () => {
    const p = file(Buffer.concat([Buffer.from(encodeGbk('P001,张三\n')), Buffer.from('P002,李四\n', 'utf8'), Buffer.from(encodeGbk('P003,王五\n'))]));
    const lines = await all(readLines(p, { encoding: 'gbk' }));
    expect(lines[0].encodingError).toBeUndefined();
    expect(lines[1].encodingError).toBe('the line is UTF-8, not GBK ("P002,李四"); re-export the file as GBK');
    expect(lines[1].raw).toBeInstanceOf(Buffer);
    expect(lines[2]).toEqual({ line: 3, text: 'P003,王五' });
  });

  it('flags a GBK line inside a UTF-8 file (it decodes to U+FFFD)', async () => {
    const p = file(Buffer.concat([Buffer.from('{"a":"张三"}\n', 'utf8'), Buffer.from(encodeGbk('{"a":"李四"}\n')), Buffer.from('{"a":"王五"}\n', 'utf8')]));
    const lines = await all(readLines(p));
    expect(lines[1].text).toContain('\uFFFD');
    expect(lines[1].encodingError).toBe('the line is not valid UTF-8 (it reads as GBK: "{"a":"李四"}"); re-export the file as UTF-8');
    expect(lines[2].encodingError).toBeUndefined();
  });

  it('streams: stopping after the first line leaves most of a large file unread', async () => {
    const line = `${'x'.repeat(99)}\n`;
    const p = file(line.repeat(20_000));
    const it = readLines(p)[Symbol.asyncIterator]();
    expect((await it.next()).value).toMatchObject({ line: 1 });
    // Whatever was not read yet is gone; an implementation that slurped the file still has it.
    truncateSync(p, 0);
    let count = 1;
    while (!(await it.next()).done) count++;
    expect(count).toBeLessThan(20_000);
  });
});

describe('encodeGbk', () => {
  it('round-trips through the GBK decoder and refuses what GBK cannot write', () => {
    const text = '数字人事 中共党员 办税服务厅窗口 A-1';
    expect(new TextDecoder('gbk').decode(encodeGbk(text))).toBe(text);
    expect(() => encodeGbk('😀')).toThrow('has no GBK encoding');
  });
});

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { encodeSegment, type EventRow } from './columnar-segment.js';
import { FileBuffer } from './file-buffer.js';
import { readSegment, writeSegment } from './segment-file.js';

const dir = mkdtempSync(join(tmpdir(), 'kp-segment-file-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function rows(n: number, from = 1): EventRow[] {
  return Array.from({ length: n }, (_, i) => [
    from + i, 'tax-collection', `R${from + i}`, 'tax.rating.submitted', i % 3 ? `P${i % 7}` : null, null, 1_700_000_000_000 + i,
    JSON.stringify({ score: 1 + (i % 5), note: i % 2 ? 'x' : null, ok: i % 4 === 0 }),
  ]);
}

describe('segment files', () => {
  it('reads back what was written, with or without a reused buffer', () => {
    const seg = encodeSegment(1, 100, rows(100));
    const file = join(dir, 'a.seg');
    writeSegment(file, seg);
    expect(readSegment(file)).toEqual(seg);
    expect(readSegment(file, new FileBuffer())).toEqual(seg);
  });

  it('a reused buffer reads a smaller file after a bigger one, then a bigger one again, each exactly', () => {
    const buffer = new FileBuffer();
    const sizes = [500, 20, 3000];
    const segs = sizes.map((n, i) => encodeSegment(1 + i * 10_000, (i + 1) * 10_000, rows(n, 1 + i * 10_000)));
    segs.forEach((seg, i) => writeSegment(join(dir, `s${i}.seg`), seg));
    segs.forEach((seg, i) => {
      const read = readSegment(join(dir, `s${i}.seg`), buffer)!;
      expect(read).toEqual(seg);
      expect(read.occurredAt.byteOffset % 8).toBe(0);
    });
  });

  it('FileBuffer returns exactly the file bytes', () => {
    const buffer = new FileBuffer();
    const big = join(dir, 'big.bin');
    const small = join(dir, 'small.bin');
    writeFileSync(big, Buffer.alloc(10_000, 7));
    writeFileSync(small, Buffer.from('kaoping'));
    expect(buffer.read(big).equals(readFileSync(big))).toBe(true);
    expect(buffer.read(small).toString()).toBe('kaoping');
  });

  it('a file cut short is not a segment', () => {
    const file = join(dir, 'cut.seg');
    writeSegment(file, encodeSegment(1, 50, rows(50)));
    const bytes = readFileSync(file);
    writeFileSync(file, bytes.subarray(0, bytes.length - 64));
    expect(readSegment(file, new FileBuffer())).toBeUndefined();
    expect(readSegment(join(dir, 'missing.seg'), new FileBuffer())).toBeUndefined();
  });
});

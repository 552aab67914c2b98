import { closeSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import type { ColumnarSegment } from './columnar-segment.js';
import type { FileBuffer } from './file-buffer.js';

/** Bump when the layout changes: an older file is then rebuilt, never misread. */
export const SEGMENT_FORMAT = 1;

const ARRAYS = ['type', 'source', 'actor', 'unit', 'occurredAt', 'idEnd', 'shape', 'attrStart', 'tags', 'values'] as const;
type ArrayName = (typeof ARRAYS)[number];
const CTORS = {
  type: Uint16Array, source: Uint16Array, actor: Int32Array, unit: Int32Array, occurredAt: Float64Array,
  idEnd: Uint32Array, shape: Uint16Array, attrStart: Uint32Array, tags: Uint8Array, values: Float64Array,
} as const;

const align8 = (n: number) => (n + 7) & ~7;

/**
 * File layout: u32 header length, the header as JSON (dictionaries, ids, validity key, array
 * lengths), then each typed array at an 8-byte aligned offset, so reading is one readFileSync and
 * views on its buffer, no per-event decoding.
 */
export function writeSegment(path: string, seg: ColumnarSegment): void {
  const { type, source, actor, unit, occurredAt, idEnd, shape, attrStart, tags, values, ...rest } = seg;
  const arrays = { type, source, actor, unit, occurredAt, idEnd, shape, attrStart, tags, values };
  const header = Buffer.from(JSON.stringify({ format: SEGMENT_FORMAT, ...rest, lengths: ARRAYS.map((n) => arrays[n].length) }));
  const length = Buffer.alloc(4);
  length.writeUInt32LE(header.length, 0);
  const zeros = Buffer.alloc(8);
  // Written aside and renamed: a reader never sees half a file.
  const partial = `${path}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  const fd = openSync(partial, 'w');
  try {
    // Piece by piece, each array straight from its own memory: no second copy of the whole segment.
    let size = 0;
    const put = (bytes: Uint8Array) => {
      for (let at = 0; at < bytes.length; ) at += writeSync(fd, bytes, at);
      size += bytes.length;
    };
    const pad = () => put(zeros.subarray(0, align8(size) - size));
    put(length);
    put(header);
    for (const n of ARRAYS) {
      pad();
      put(new Uint8Array(arrays[n].buffer, arrays[n].byteOffset, arrays[n].byteLength));
    }
    pad();
  } finally {
    closeSync(fd);
  }
  renameSync(partial, path);
}

/**
 * The segment in a file, or undefined when the file is missing, of another format, or cut short.
 * With `into`, the bytes go to that reused buffer and the segment's arrays are views on it: the
 * segment is then valid only until the buffer's next read.
 */
export function readSegment(path: string, into?: FileBuffer): ColumnarSegment | undefined {
  let buf: Buffer;
  try {
    buf = into ? into.read(path) : readFileSync(path);
  } catch {
    return undefined;
  }
  try {
    // Typed array views need an aligned, unshared buffer.
    if (buf.byteOffset % 8 !== 0) buf = Buffer.from(buf);
    const headerLength = buf.readUInt32LE(0);
    const header = JSON.parse(buf.toString('utf8', 4, 4 + headerLength)) as Omit<ColumnarSegment, ArrayName> & { format: number; lengths: number[] };
    if (header.format !== SEGMENT_FORMAT) return undefined;
    let at = align8(4 + headerLength);
    const arrays = {} as Record<ArrayName, ArrayLike<number>>;
    ARRAYS.forEach((n, i) => {
      const Ctor = CTORS[n];
      const length = header.lengths[i];
      if (at + length * Ctor.BYTES_PER_ELEMENT > buf.length) throw new Error('segment file is cut short');
      arrays[n] = new Ctor(buf.buffer as ArrayBuffer, buf.byteOffset + at, length);
      at = align8(at + length * Ctor.BYTES_PER_ELEMENT);
    });
    const { format: _format, lengths: _lengths, ...rest } = header;
    return { ...rest, ...arrays } as ColumnarSegment;
  } catch {
    return undefined;
  }
}

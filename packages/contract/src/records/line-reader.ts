import { createReadStream } from 'node:fs';
import { eachOf } from './batches.js';
import { decodeLine, type TextEncodingName } from './text-encoding.js';

export interface Line {
  /** 1-based line number in the file. */
  line: number;
  /** The line decoded, without its `\n` / `\r\n` (and without a UTF-8 BOM on line 1). */
  text: string;
  /** The line's bytes: always on a line with an encoding error, otherwise when asked for. */
  raw?: Buffer;
  /** Set when the bytes are not in the declared encoding (decoded text has U+FFFD, …). */
  encodingError?: string;
}

export interface ReadLinesOptions {
  encoding?: TextEncodingName;
  /** Attach every line's bytes (`raw`). */
  raw?: boolean;
  /** Read chunk size; tests make it small to cross chunk boundaries. */
  highWaterMark?: number;
}

const NL = 0x0a;
const CR = 0x0d;

function hasUtf8Bom(b: Buffer): boolean {
  return b.length >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf;
}

/** Streams a file line by line (see `readLineBatches`). */
export function readLines(path: string, opts: ReadLinesOptions = {}): AsyncGenerator<Line> {
  return eachOf(readLineBatches(path, opts));
}

/**
 * Streams a file's lines, one batch per read chunk: splits the bytes on `\n`, then decodes each
 * line, so a line's encoding is judged on its own bytes. Only the current chunk (and a line that
 * spans chunks) is ever in memory.
 */
export async function* readLineBatches(path: string, opts: ReadLinesOptions = {}): AsyncGenerator<Line[]> {
  const encoding = opts.encoding ?? 'utf-8';
  const stream = createReadStream(path, { highWaterMark: opts.highWaterMark ?? 64 * 1024 });
  let lineNo = 0;
  let pending: Buffer[] = [];
  let first = true;

  const make = (bytes: Buffer): Line => {
    let end = bytes.length;
    if (end > 0 && bytes[end - 1] === CR) end--;
    let start = 0;
    if (first) {
      first = false;
      if (encoding === 'utf-8' && hasUtf8Bom(bytes)) start = 3;
    }
    const slice = bytes.subarray(start, end);
    const decoded = decodeLine(slice, encoding);
    const out: Line = { line: ++lineNo, text: decoded.text };
    if (decoded.encodingError !== undefined) out.encodingError = decoded.encodingError;
    if (opts.raw || decoded.encodingError !== undefined) out.raw = slice;
    return out;
  };

  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      const batch: Line[] = [];
      let start = 0;
      let nl = chunk.indexOf(NL, start);
      while (nl !== -1) {
        const piece = chunk.subarray(start, nl);
        if (pending.length > 0) {
          pending.push(piece);
          const whole = Buffer.concat(pending);
          pending = [];
          batch.push(make(whole));
        } else {
          batch.push(make(piece));
        }
        start = nl + 1;
        nl = chunk.indexOf(NL, start);
      }
      if (start < chunk.length) pending.push(chunk.subarray(start));
      if (batch.length > 0) yield batch;
    }
    if (pending.length > 0) yield [make(Buffer.concat(pending))];
  } finally {
    stream.destroy();
  }
}

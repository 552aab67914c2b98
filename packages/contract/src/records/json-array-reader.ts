import { createReadStream } from 'node:fs';
import { invalid, wrongEncoding, type RecordDefect } from './defect.js';
import { eachOf } from './batches.js';
import type { NativeItem } from './native-item.js';
import { streamingDecoder, type TextEncodingName } from './text-encoding.js';

type Item = NativeItem<Record<string, unknown>>;

const C = {
  NL: 10, QUOTE: 34, COMMA: 44, BACKSLASH: 92,
  OPEN_SQUARE: 91, CLOSE_SQUARE: 93, OPEN_CURLY: 123, CLOSE_CURLY: 125,
  SPACE: 32, TAB: 9, CR: 13, BOM: 0xfeff,
} as const;

function isSpace(c: number): boolean {
  return c === C.SPACE || c === C.NL || c === C.CR || c === C.TAB || c === C.BOM;
}

function finish(line: number, text: string): Item {
  const raw = text.trim();
  if (raw.includes('\uFFFD')) return { line, raw, defect: wrongEncoding('the record is not valid UTF-8 (it decodes to U+FFFD); re-export the file as UTF-8') };
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch (e) {
    return { line, raw, defect: invalid(`the record is not valid JSON (${(e as Error).message})`, 'correct the record') };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return { line, raw, defect: invalid('the array item is not a JSON object', 'correct the record') };
  }
  return { line, raw, value: value as Record<string, unknown> };
}

function failure(line: number, raw: string, defect: RecordDefect): Item {
  return { line, raw, defect };
}

/** Streams the top-level items of a JSON array one at a time (see `readJsonArrayBatches`). */
export function readJsonArray(path: string, opts: { encoding?: TextEncodingName; highWaterMark?: number } = {}): AsyncGenerator<Item> {
  return eachOf(readJsonArrayBatches(path, opts));
}

/**
 * Streams the top-level items of a JSON array (`[ {...}, {...} ]`), one batch per read chunk,
 * however it is laid out (one per line, pretty-printed, or all on one line), each with the line
 * it starts on. Only the current chunk's items are held in memory. An item the file ends inside is reported as cut
 * off; a top level that is not an array is one dead letter at line 1.
 */
export async function* readJsonArrayBatches(path: string, opts: { encoding?: TextEncodingName; highWaterMark?: number } = {}): AsyncGenerator<Item[]> {
  const decoder = streamingDecoder(opts.encoding ?? 'utf-8');
  const stream = createReadStream(path, { highWaterMark: opts.highWaterMark ?? 64 * 1024 });
  let state: 'start' | 'expect-item' | 'in-item' | 'after-item' | 'done' = 'start';
  let line = 1;
  let itemLine = 0;
  let depth = 0;
  let inString = false;
  let escaped = false;
  let parts: string[] = [];

  try {
    const chunks = (async function* () {
      for await (const chunk of stream as AsyncIterable<Buffer>) yield decoder.decode(chunk, { stream: true });
      yield decoder.decode();
    })();
    for await (const text of chunks) {
      const out: Item[] = [];
      let segStart = 0;
      for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (state === 'in-item') {
          if (inString) {
            if (escaped) escaped = false;
            else if (c === C.BACKSLASH) escaped = true;
            else if (c === C.QUOTE) inString = false;
          } else if (c === C.QUOTE) {
            inString = true;
          } else if (c === C.OPEN_CURLY || c === C.OPEN_SQUARE) {
            depth++;
          } else if (c === C.CLOSE_CURLY || c === C.CLOSE_SQUARE) {
            if (depth === 0) {
              // `]` closing the array right after a bare value (`[1, 2]`).
              parts.push(text.slice(segStart, i));
              out.push(finish(itemLine, parts.join('')));
              parts = [];
              state = 'done';
            } else if (--depth === 0) {
              parts.push(text.slice(segStart, i + 1));
              out.push(finish(itemLine, parts.join('')));
              parts = [];
              state = 'after-item';
            }
          } else if (c === C.COMMA && depth === 0) {
            parts.push(text.slice(segStart, i));
            out.push(finish(itemLine, parts.join('')));
            parts = [];
            state = 'expect-item';
          }
          if (c === C.NL) line++;
          continue;
        }
        if (c === C.NL) line++;
        if (isSpace(c)) continue;
        if (state === 'start') {
          if (c !== C.OPEN_SQUARE) {
            yield [failure(1, text.slice(0, 200), invalid('the file is not a JSON array (it must start with "[")', 're-export the file from %host'))];
            return;
          }
          state = 'expect-item';
        } else if (state === 'done') {
          continue;
        } else if (c === C.CLOSE_SQUARE) {
          state = 'done';
        } else if (state === 'after-item' && c === C.COMMA) {
          state = 'expect-item';
        } else {
          // An item starts (after `[`, after `,`, or — tolerated — with the comma missing).
          state = 'in-item';
          itemLine = line;
          segStart = i;
          depth = c === C.OPEN_CURLY || c === C.OPEN_SQUARE ? 1 : 0;
          inString = c === C.QUOTE;
          escaped = false;
        }
      }
      if (state === 'in-item') parts.push(text.slice(segStart));
      if (out.length > 0) yield out;
    }
    if (state === 'in-item') {
      yield [failure(itemLine, parts.join('').trim(), invalid('the file ends inside this record: the export was cut off', 're-export the file from %host'))];
    }
  } finally {
    stream.destroy();
  }
}

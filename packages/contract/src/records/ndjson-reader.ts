import { invalid, wrongEncoding } from './defect.js';
import { eachOf } from './batches.js';
import { readLineBatches, type ReadLinesOptions } from './line-reader.js';
import type { NativeItem } from './native-item.js';

type Item = NativeItem<Record<string, unknown>>;

function parseLine(line: number, text: string): Item {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return { line, raw: text, defect: invalid(`the line is not valid JSON (${(e as Error).message})`, 'correct the line') };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return { line, raw: text, defect: invalid('the line is not a JSON object', 'correct the line') };
  }
  return { line, raw: text, value: value as Record<string, unknown> };
}

/** The last record of the file did not parse: most likely the export was cut off. */
function asTruncated(item: Item): Item {
  return { line: item.line, raw: item.raw, defect: invalid('the last line is cut off mid-record (not complete JSON)', 're-export the file from %host') };
}

/** Streams an NDJSON export one record at a time (see `readNdjsonBatches`). */
export function readNdjson(path: string, opts: Pick<ReadLinesOptions, 'encoding' | 'highWaterMark'> = {}): AsyncGenerator<Item> {
  return eachOf(readNdjsonBatches(path, opts));
}

/**
 * Streams an NDJSON export in batches: one JSON object per line, blank lines skipped. A last line
 * that does not parse is reported as cut off; one earlier in the file as invalid JSON.
 */
export async function* readNdjsonBatches(path: string, opts: Pick<ReadLinesOptions, 'encoding' | 'highWaterMark'> = {}): AsyncGenerator<Item[]> {
  // A failed line is held back one step: only the next line tells whether it was the last.
  let failed: Item | null = null;
  for await (const lines of readLineBatches(path, opts)) {
    const out: Item[] = [];
    for (const line of lines) {
      if (line.text.trim() === '' && line.encodingError === undefined) continue;
      if (failed) {
        out.push(failed);
        failed = null;
      }
      if (line.encodingError !== undefined) {
        out.push({ line: line.line, raw: line.text, defect: wrongEncoding(line.encodingError) });
        continue;
      }
      const item = parseLine(line.line, line.text);
      if (item.defect) failed = item;
      else out.push(item);
    }
    if (out.length > 0) yield out;
  }
  if (failed) yield [asTruncated(failed)];
}

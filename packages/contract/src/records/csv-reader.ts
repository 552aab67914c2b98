import { RecordDefect, invalid, wrongEncoding } from './defect.js';
import { csvHeader, csvRow, splitCsvLine, type CsvHeader } from './csv.js';
import { eachOf } from './batches.js';
import { readLineBatches, type Line, type ReadLinesOptions } from './line-reader.js';
import type { NativeItem } from './native-item.js';

export interface ReadCsvOptions extends Pick<ReadLinesOptions, 'encoding' | 'highWaterMark'> {
  /** Columns the adapter needs; a header without them makes every row a dead letter. */
  columns?: readonly string[];
}

/** A record being assembled from one or more physical lines (quoted cells may hold newlines). */
interface Pending {
  line: number;
  text: string;
  encodingError?: string;
}

// Object literals, not `{ ...base, value }`: spreading is many times slower on this hot path.
function item(p: Pending, header: CsvHeader | null, headerProblem: string | null, cells: string[] | null): NativeItem<Record<string, string>> {
  if (p.encodingError !== undefined) return { line: p.line, raw: p.text, defect: wrongEncoding(p.encodingError) };
  if (cells === null) return { line: p.line, raw: p.text, defect: invalid('the row ends inside a quoted cell: the file looks cut off', 're-export the file from %host') };
  if (headerProblem !== null || header === null) {
    return { line: p.line, raw: p.text, defect: invalid(headerProblem ?? 'the file has no header row', 're-export the file from %host with its header row') };
  }
  try {
    return { line: p.line, raw: p.text, value: csvRow(header, cells) };
  } catch (e) {
    if (e instanceof RecordDefect) return { line: p.line, raw: p.text, defect: e };
    throw e;
  }
}

function describeHeaderProblem(line: Line, header: CsvHeader): string | null {
  if (line.encodingError !== undefined) return `the header row (line ${line.line}) cannot be read: ${line.encodingError}`;
  if (header.missing.length > 0) return `the header row (line ${line.line}) lacks column ${header.missing.join(', ')}`;
  return null;
}

/** Streams a CSV export with a header row, one row at a time (see `readCsvBatches`). */
export function readCsv(path: string, opts: ReadCsvOptions = {}): AsyncGenerator<NativeItem<Record<string, string>>> {
  return eachOf(readCsvBatches(path, opts));
}

/**
 * Streams a CSV export with a header row, in batches: each data row keyed by column name, or
 * the reason it cannot be read (wrong encoding, wrong cell count, cut off). Blank lines
 * are skipped; line numbers are those of the file.
 */
export async function* readCsvBatches(path: string, opts: ReadCsvOptions = {}): AsyncGenerator<NativeItem<Record<string, string>>[]> {
  let header: CsvHeader | null = null;
  let headerProblem: string | null = null;
  let pending: Pending | null = null;
  for await (const lines of readLineBatches(path, opts)) {
    const out: NativeItem<Record<string, string>>[] = [];
    for (const line of lines) {
      if (pending === null) {
        if (line.text.trim() === '') continue;
        pending = { line: line.line, text: line.text, encodingError: line.encodingError };
      } else {
        pending.text += `\n${line.text}`;
        pending.encodingError ??= line.encodingError;
      }
      const cells = splitCsvLine(pending.text);
      if (cells === null) continue;
      if (header === null) {
        header = csvHeader(cells, opts.columns);
        headerProblem = describeHeaderProblem(line, header);
      } else {
        out.push(item(pending, header, headerProblem, cells));
      }
      pending = null;
    }
    if (out.length > 0) yield out;
  }
  if (pending !== null) yield [item(pending, header, headerProblem, null)];
}

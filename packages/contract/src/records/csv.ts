import { invalid } from './defect.js';

const QUOTE = 34;
const COMMA = 44;

/**
 * Splits one CSV record (RFC 4180: `"` quotes, `""` inside quotes). Returns null when the
 * text ends inside a quoted cell, i.e. the record continues on the next line.
 */
export function splitCsvLine(text: string): string[] | null {
  if (!text.includes('"')) return text.split(',');
  const cells: string[] = [];
  let i = 0;
  for (;;) {
    if (text.charCodeAt(i) === QUOTE) {
      let cell = '';
      let j = i + 1;
      for (;;) {
        const q = text.indexOf('"', j);
        if (q === -1) return null;
        cell += text.slice(j, q);
        if (text.charCodeAt(q + 1) === QUOTE) {
          cell += '"';
          j = q + 2;
          continue;
        }
        j = q + 1;
        break;
      }
      // Tolerate text between the closing quote and the comma (`"a"b`): keep it.
      const comma = text.indexOf(',', j);
      const end = comma === -1 ? text.length : comma;
      cells.push(cell + text.slice(j, end));
      if (comma === -1) return cells;
      i = comma + 1;
    } else {
      const comma = text.indexOf(',', i);
      if (comma === -1) {
        cells.push(text.slice(i));
        return cells;
      }
      cells.push(text.slice(i, comma));
      i = comma + 1;
    }
    if (i === text.length && text.charCodeAt(i - 1) === COMMA) {
      cells.push('');
      return cells;
    }
  }
}

/** The header row: column names as written (trimmed), looked up by name. */
export interface CsvHeader {
  readonly columns: readonly string[];
  /** Required columns the header lacks. */
  readonly missing: readonly string[];
}

export function csvHeader(cells: readonly string[], required: readonly string[] = []): CsvHeader {
  const columns = cells.map((c) => c.trim());
  return { columns, missing: required.filter((r) => !columns.includes(r)) };
}

/**
 * One row keyed by the header's column names; throws a RecordDefect when the row has more
 * or fewer cells than the header (the export dropped or split a cell).
 */
export function csvRow(header: CsvHeader, cells: readonly string[]): Record<string, string> {
  const cols = header.columns;
  if (cells.length !== cols.length) {
    throw invalid(`the row has ${cells.length} cells but the header has ${cols.length} (${cols.join(', ')})`, 'correct the row');
  }
  const row: Record<string, string> = {};
  for (let i = 0; i < cols.length; i++) row[cols[i]] = cells[i];
  return row;
}

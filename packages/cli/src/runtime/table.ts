import { LOCAL_OFFSET_MS } from '@kaoping/contract';

/** One column of a printed table: a header (Chinese label first) and how to read a row's cell. */
export interface Column<T> {
  header: string;
  cell(row: T): string;
  align?: 'left' | 'right';
}

// East Asian wide and fullwidth ranges: a terminal draws these two cells wide, so padding counts them twice.
const WIDE = /[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u;

/** Terminal cells a string takes. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += WIDE.test(ch) ? 2 : 1;
  return width;
}

function pad(text: string, width: number, align: 'left' | 'right'): string {
  const fill = ' '.repeat(Math.max(0, width - displayWidth(text)));
  return align === 'right' ? fill + text : text + fill;
}

/** Rows under their headers, columns two spaces apart; the last column is not padded. */
export function formatTable<T>(columns: readonly Column<T>[], rows: readonly T[]): string {
  const cells = rows.map((r) => columns.map((c) => c.cell(r)));
  const widths = columns.map((c, i) => Math.max(displayWidth(c.header), ...cells.map((row) => displayWidth(row[i]))));
  const line = (values: readonly string[]) =>
    values.map((v, i) => (i === values.length - 1 && columns[i].align !== 'right' ? v : pad(v, widths[i], columns[i].align ?? 'left'))).join('  ');
  return [line(columns.map((c) => c.header)), ...cells.map(line)].join('\n');
}

/** Label/value lines of one record, labels padded to one width (`show` output). */
export function formatFields(fields: readonly (readonly [label: string, value: string])[]): string {
  const width = Math.max(...fields.map(([label]) => displayWidth(label)));
  return fields.map(([label, value]) => `${pad(label, width, 'left')}  ${value}`).join('\n');
}

/** Epoch ms as Asia/Shanghai local `YYYY-MM-DD HH:mm`, the time people in the bureau read; '—' for none. */
export function localTime(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return '—';
  return new Date(ms + LOCAL_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');
}

/** A table for people, or the rows as JSON for programs (`--json`); an empty list says so. */
export function printRows<T>(rows: readonly T[], columns: readonly Column<T>[], json: boolean, empty: string): void {
  if (json) console.log(JSON.stringify(rows));
  else console.log(rows.length === 0 ? empty : formatTable(columns, rows));
}

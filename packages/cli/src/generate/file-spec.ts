import type { DefectKind, DefectTools } from './defect-kinds.js';
import type { FileEncoding } from './sink.js';

/**
 * How to write one host file: its place, encoding, layout, one record as one line, and the
 * defects it can carry. A defect hook turns a real record into the bad one (a copy under a
 * fresh id for the kinds that add records); `true` means the generic treatment is enough.
 */
export interface FileSpec<R> {
  path: string;
  encoding: FileEncoding;
  layout: 'csv' | 'ndjson' | 'json-array';
  header?: readonly string[];
  /** One line without its newline. CSV cells are never quoted: the hosts do not, and no value holds a comma or quote. */
  format(r: R): string;
  /** Canonical events the record yields on import (0 for directory rows). */
  events(r: R): number;
  /** The same record under the n-th id of the defect series (never used by real records). */
  fresh(r: R, n: number): R;
  defects: Partial<Record<DefectKind, ((r: R, t: DefectTools) => R) | true>>;
}

/** A JSON string literal for values known to hold no quote, backslash or control character. */
export function q(s: string | null): string {
  return s === null ? 'null' : `"${s}"`;
}

export function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

import type { Composite, Result, Tier } from '@kaoping/contract';

/**
 * The public export shapes of INDICATORS.md § Exports. Other tools read these files, so the
 * field names and their order are part of the contract: they are written out here, once.
 */

export const EXPORT_COLUMNS = {
  results: ['subjectKind', 'subjectId', 'indicator', 'period', 'value', 'score'],
  composites: ['subjectKind', 'subjectId', 'period', 'composite'],
  tiers: ['personId', 'period', 'tier', 'reason', 'rank', 'n'],
} as const;

export type ExportKind = keyof typeof EXPORT_COLUMNS;

export type ExportRow<K extends ExportKind> = { [C in (typeof EXPORT_COLUMNS)[K][number]]: unknown };

interface ExportSource {
  results: Result;
  composites: Composite;
  tiers: Tier;
}

/** Picks the public fields, in the public order (JSON.stringify keeps insertion order). */
export function toExportRows<K extends ExportKind>(kind: K, rows: readonly ExportSource[K][]): ExportRow<K>[] {
  const columns = EXPORT_COLUMNS[kind];
  return rows.map((row) => {
    const out: Record<string, unknown> = {};
    for (const c of columns) out[c] = (row as unknown as Record<string, unknown>)[c] ?? null;
    return out as ExportRow<K>;
  });
}

/** Newline-delimited JSON, one object per line, numbers unrounded. */
export function toNdjson(rows: readonly object[]): string {
  let out = '';
  for (const row of rows) out += JSON.stringify(row) + '\n';
  return out;
}

/**
 * CSV with a header line; RFC 4180: CRLF line ends, a field holding a comma, quote, CR or LF
 * is quoted with inner quotes doubled. null/undefined → empty field; numbers unrounded.
 * `columns` defaults to the first row's keys (pass EXPORT_COLUMNS[kind] to get a header for
 * an empty export).
 */
export function toCsv(rows: readonly object[], columns?: readonly string[]): string {
  const cols = columns ?? (rows.length > 0 ? Object.keys(rows[0]) : []);
  if (cols.length === 0) return '';
  let out = csvLine(cols);
  for (const row of rows) out += csvLine(cols.map((c) => (row as Record<string, unknown>)[c]));
  return out;
}

export function csvLine(values: readonly unknown[]): string {
  return values.map(csvField).join(',') + '\r\n';
}

function csvField(v: unknown): string {
  if (v === null || v === undefined) return '';
  const s = typeof v === 'object' ? JSON.stringify(v) : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

import { kpError, parsePeriod, type Composite, type PeriodId, type Result, type Tier } from '@kaoping/contract';
import type { Kernel } from '../kernel.js';
import { EXPORT_COLUMNS, toCsv, toExportRows, toNdjson, type ExportKind } from '../scoring/export-format.js';
import { requireStore } from './score-states.js';

export type ExportFormat = 'jsonl' | 'csv';

export const EXPORT_KINDS: readonly ExportKind[] = Object.freeze(Object.keys(EXPORT_COLUMNS) as ExportKind[]);
export const EXPORT_FORMATS: readonly ExportFormat[] = Object.freeze(['jsonl', 'csv']);

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

// Sorted here, not left to the store's ORDER BY, so every store exports byte-identical files.
const byResultKey = (a: Result, b: Result): number =>
  cmp(a.subjectKind, b.subjectKind) || cmp(a.subjectId, b.subjectId) || cmp(a.indicator, b.indicator);
const byCompositeKey = (a: Composite, b: Composite): number => cmp(a.subjectKind, b.subjectKind) || cmp(a.subjectId, b.subjectId);
const byTierKey = (a: Tier, b: Tier): number => cmp(a.personId, b.personId);

/** The stored rows of a closed period in export order; throws KP_ERR_PERIOD_NOT_CLOSED when it was never closed. */
export async function closedRows(kernel: Kernel, periodId: PeriodId): Promise<{ results: Result[]; composites: Composite[]; tiers: Tier[] }> {
  const store = requireStore(kernel, 'exporting');
  parsePeriod(periodId);
  const results = [...(await store.listResults({ period: periodId }))].sort(byResultKey);
  const composites = [...(await store.listComposites({ period: periodId }))].sort(byCompositeKey);
  if (results.length === 0 && composites.length === 0) {
    throw kpError('KP_ERR_PERIOD_NOT_CLOSED', periodId);
  }
  const tiers = [...(await store.listTiers({ period: periodId }))].sort(byTierKey);
  return { results, composites, tiers };
}

/**
 * One export file of a closed period, exactly as INDICATORS.md § Exports: NDJSON (one object
 * per line) or CSV with a header, the public fields in the public order, numbers unrounded.
 */
export async function exportPeriod(kernel: Kernel, periodId: PeriodId, what: ExportKind, format: ExportFormat = 'jsonl'): Promise<string> {
  const rows = await closedRows(kernel, periodId);
  const out = what === 'results' ? toExportRows('results', rows.results)
    : what === 'composites' ? toExportRows('composites', rows.composites)
      : toExportRows('tiers', rows.tiers);
  return format === 'csv' ? toCsv(out, EXPORT_COLUMNS[what]) : toNdjson(out);
}

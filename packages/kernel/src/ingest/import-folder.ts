import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { kpError, type AdapterContext, type Store } from '@kaoping/contract';
import type { Kernel, LoadedAdapter } from '../kernel.js';
import { addCounts, emptyCounts, type IngestCounts } from './counts.js';
import { ingestRecords } from './ingest-records.js';
import { ingestTarget } from './ingest-target.js';

export interface ImportReport {
  sources: Record<string, IngestCounts>;
  total: IngestCounts;
  /** Adapters that had no folder in the import directory. */
  missing: string[];
}

export interface ImportOptions {
  /** Only these adapter ids (default: every started adapter). */
  adapters?: readonly string[];
  batchSize?: number;
  /**
   * Load with the store's secondary event indexes dropped and rebuilt once at the end (when the
   * store supports it). Default: only when the store holds no events yet — a first load is large,
   * while rebuilding a full table's indexes for a small daily delta would cost more than it saves.
   */
  bulk?: boolean;
  onProgress?(source: string, counts: IngestCounts): void;
}

/** Directory providers first (the others refer to their people and units), then by id. */
function importOrder(adapters: readonly LoadedAdapter[]): LoadedAdapter[] {
  return [...adapters].sort((a, b) =>
    Number(!!b.definition.providesDirectory) - Number(!!a.definition.providesDirectory) || (a.definition.id < b.definition.id ? -1 : 1));
}

function folderOf(adapter: LoadedAdapter): string {
  const configured = adapter.params.folder;
  return typeof configured === 'string' && configured !== '' ? configured : adapter.definition.folder;
}

/**
 * Runs the started adapters over an import folder (`<dir>/hr`, `<dir>/tax`, …) into the kernel's
 * store. Each accepted event is folded into the kept states in the same transaction that stores
 * it; importing the same folder again accepts nothing new.
 */
export async function importFolder(kernel: Kernel, dir: string, options: ImportOptions = {}): Promise<ImportReport> {
  const store = kernel.store;
  if (!store) throw kpError('KP_ERR_STORE', 'importFolder needs a kernel created with a store');
  if (!existsSync(dir)) throw kpError('KP_ERR_SOURCE_MISSING', 'import', `the folder ${dir}`);
  const bulk = options.bulk ?? (await store.countEvents({ limit: 1 })) === 0;
  const run = () => importAdapters(kernel, store, dir, options);
  return bulk && store.bulkLoad ? store.bulkLoad(run) : run();
}

async function importAdapters(kernel: Kernel, store: Store, dir: string, options: ImportOptions): Promise<ImportReport> {
  const wanted = options.adapters ? new Set(options.adapters) : undefined;
  const report: ImportReport = { sources: {}, total: emptyCounts(), missing: [] };
  for (const adapter of importOrder(kernel.adapters())) {
    const id = adapter.definition.id;
    if (wanted && !wanted.has(id)) continue;
    const folder = join(dir, folderOf(adapter));
    if (!existsSync(folder)) {
      report.missing.push(id);
      continue;
    }
    const ctx: AdapterContext<Record<string, unknown>> = {
      config: adapter.params, dir: folder, directory: kernel.directory, logger: kernel.logger,
    };
    const counts = await ingestRecords(
      ingestTarget(kernel, { batchSize: options.batchSize, onProgress: options.onProgress }),
      id,
      adapter.definition.readBatches?.(ctx) ?? adapter.definition.read(ctx),
    );
    report.sources[id] = counts;
    addCounts(report.total, counts);
  }
  return report;
}

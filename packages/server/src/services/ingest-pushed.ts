import { kpError, type AdapterContext, type AdapterRecord } from '@kaoping/contract';
import { ingestRecords, ingestTarget, type IngestCounts, type Kernel, type LoadedAdapter } from '@kaoping/kernel';

export interface RecordOutcome {
  index: number;
  status: 'accepted' | 'duplicate' | 'rejected';
  code?: string;
  reason?: string;
}

export interface PushedReport {
  results: RecordOutcome[];
  counts: IngestCounts;
}

export function startedAdapter(kernel: Kernel, id: string): LoadedAdapter {
  const adapters = kernel.adapters();
  const adapter = adapters.find((a) => a.definition.id === id);
  if (!adapter) {
    const err = kpError('KP_ERR_NOT_FOUND', 'Started adapter', id);
    err.message += `; started adapters: ${adapters.map((a) => a.definition.id).join(', ') || 'none'}`;
    throw err;
  }
  return adapter;
}

/**
 * Normalizes each pushed native record through the adapter and ingests them with the import
 * pipeline (validation, dead letters, idempotent store, kept states). Each raw record becomes
 * one "line" (its index + 1), so a record that maps to two events is still one outcome.
 */
export async function ingestPushed(kernel: Kernel, adapterId: string, raws: readonly unknown[]): Promise<PushedReport> {
  const adapter = startedAdapter(kernel, adapterId);
  const file = `POST /v1/ingest/${adapterId}`;
  const ctx: AdapterContext<Record<string, unknown>> = { config: adapter.params, dir: '', directory: kernel.directory, logger: kernel.logger };
  // normalize runs lazily, record by record, so a directory row pushed first is known to the records after it.
  function* records(): Generator<AdapterRecord> {
    for (let i = 0; i < raws.length; i++) {
      let mapped: AdapterRecord[];
      try {
        mapped = adapter.definition.normalize(raws[i], ctx);
      } catch (e) {
        const err = kpError('KP_ERR_RECORD_INVALID', file, i + 1, `adapter ${adapterId} could not read the record: ${(e as Error)?.message ?? e}`);
        mapped = [{ kind: 'rejected', origin: { file, line: 0 }, raw: safeJson(raws[i]), code: err.code, reason: err.message }];
      }
      // An adapter that maps a record to nothing still owes the caller an answer.
      if (mapped.length === 0) {
        const err = kpError('KP_ERR_RECORD_INVALID', file, i + 1, `adapter ${adapterId} produced nothing from this record`);
        mapped = [{ kind: 'rejected', origin: { file, line: 0 }, raw: safeJson(raws[i]), code: err.code, reason: err.message }];
      }
      for (const rec of mapped) yield { ...rec, origin: { file, line: i + 1 } };
    }
  }
  const results: RecordOutcome[] = [];
  const counts = await ingestRecords(
    ingestTarget(kernel, {
      onLine: (o) => results.push({ index: o.line - 1, status: o.status, ...(o.code ? { code: o.code, reason: o.reason } : {}) }),
    }),
    adapterId,
    records(),
  );
  return { results, counts };
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

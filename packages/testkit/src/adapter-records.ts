import type { AdapterContext, AdapterDefinition, AdapterRecord, PluginLogger } from '@kaoping/contract';

export type RejectedRecord = Extract<AdapterRecord, { kind: 'rejected' }>;

/** A logger that keeps what it is told, so a test can assert the warnings an adapter gave. */
export function recordingLogger(): PluginLogger & { warnings: string[] } {
  const warnings: string[] = [];
  return { warnings, info() {}, error() {}, warn: (m) => { warnings.push(m); } };
}

/** Every record an adapter reads from `ctx.dir`, in the order it yields them. */
export async function readAdapter<C extends Record<string, unknown>>(adapter: AdapterDefinition<C>, ctx: AdapterContext<C>): Promise<AdapterRecord[]> {
  const out: AdapterRecord[] = [];
  for await (const r of adapter.read(ctx)) out.push(r);
  return out;
}

/** The records read from one line of one file; `file` as the records name it (`tax/ratings.ndjson`). */
export function recordsAt(records: readonly AdapterRecord[], file: string, line: number): AdapterRecord[] {
  return records.filter((r) => r.origin.file === file && r.origin.line === line);
}

/** The dead letter an adapter made of one line; fails with what it found instead when there is none. */
export function rejectedAt(records: readonly AdapterRecord[], file: string, line: number): RejectedRecord {
  const found = recordsAt(records, file, line);
  const rejected = found.find((r): r is RejectedRecord => r.kind === 'rejected');
  if (rejected === undefined) {
    throw new Error(`${file} line ${line} was not rejected; the adapter read it as: ${found.map((r) => r.kind).join(', ') || 'nothing'}`);
  }
  return rejected;
}

/** The ids of the events read from one file, in order. */
export function eventIdsIn(records: readonly AdapterRecord[], file: string): string[] {
  return records.flatMap((r) => (r.kind === 'event' && r.origin.file === file ? [r.event.id] : []));
}

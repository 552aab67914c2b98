import { stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { AdapterRecord } from '../adapter.js';
import { kpError } from '../errors.js';
import type { Origin } from '../model.js';
import type { PluginLogger } from '../plugin.js';
import { eachOf } from './batches.js';
import { readCsvBatches } from './csv-reader.js';
import { invalid, isRecordDefect, rejectedRecord } from './defect.js';
import { readJsonArrayBatches } from './json-array-reader.js';
import type { NativeItem } from './native-item.js';
import { readNdjsonBatches } from './ndjson-reader.js';
import type { TextEncodingName } from './text-encoding.js';
import type { NativeRecord } from './fields.js';

export type NativeFormat = 'csv' | 'ndjson' | 'json-array';

/** Maps one native record to canonical records; throws a RecordDefect to reject it. */
export type RecordMapper = (rec: NativeRecord, origin: Origin) => AdapterRecord[];

/** The origin of a pushed record (the webhook path has no file or line). */
export const PUSH_ORIGIN: Origin = Object.freeze({ file: 'push', line: 0 });

export interface HostFile {
  /** The host's export folder (`ctx.dir`). */
  dir: string;
  /** File name inside it. */
  name: string;
  format: NativeFormat;
  encoding: TextEncodingName;
  /** CSV: columns the mapper needs. */
  columns?: readonly string[];
}

/** `tax/matters.ndjson`: the name dead letters and messages use for a host file. */
export function originFile(dir: string, name: string): string {
  return `${basename(dir)}/${name}`;
}

/** The native reader for a file's format. */
export function readNative(file: HostFile): AsyncIterable<NativeItem<NativeRecord>> {
  return eachOf(readNativeBatches(file));
}

/** The native reader for a file's format, in batches. */
export function readNativeBatches(file: HostFile): AsyncIterable<NativeItem<NativeRecord>[]> {
  const path = join(file.dir, file.name);
  switch (file.format) {
    case 'csv': return readCsvBatches(path, { encoding: file.encoding, columns: file.columns });
    case 'ndjson': return readNdjsonBatches(path, { encoding: file.encoding });
    case 'json-array': return readJsonArrayBatches(path, { encoding: file.encoding });
  }
}

/** Runs a mapper, turning a RecordDefect into the record's dead letter. */
export function mapOrReject(map: RecordMapper, rec: NativeRecord, origin: Origin, raw: string, host: string): AdapterRecord[] {
  try {
    return map(rec, origin);
  } catch (e) {
    if (isRecordDefect(e)) return [rejectedRecord(origin, raw, e, host)];
    throw e;
  }
}

async function exists(path: string): Promise<'file' | 'dir' | null> {
  try {
    const s = await stat(path);
    return s.isDirectory() ? 'dir' : 'file';
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
}

/** Throws KP_ERR_SOURCE_MISSING when the host's whole export folder is missing. */
export async function assertHostFolder(adapterId: string, dir: string): Promise<void> {
  if ((await exists(dir)) !== 'dir') throw kpError('KP_ERR_SOURCE_MISSING', adapterId, `its export folder ${dir}`);
}

export interface ReadHostFileOptions {
  host: string;
  logger: PluginLogger;
}

/** Streams one host file as AdapterRecords, one at a time (see `readHostFileBatches`). */
export function readHostFile(file: HostFile, map: RecordMapper, opts: ReadHostFileOptions): AsyncGenerator<AdapterRecord> {
  return eachOf(readHostFileBatches(file, map, opts));
}

/**
 * Streams one host file as batches of AdapterRecords: unreadable records and mapper defects
 * become dead letters naming file and line; a missing file yields nothing and logs a warning
 * (a host may legitimately not export every file).
 */
export async function* readHostFileBatches(file: HostFile, map: RecordMapper, opts: ReadHostFileOptions): AsyncGenerator<AdapterRecord[]> {
  const label = originFile(file.dir, file.name);
  if ((await exists(join(file.dir, file.name))) !== 'file') {
    opts.logger.warn(`${label} is missing; nothing was read from it`, { file: label });
    return;
  }
  for await (const items of readNativeBatches(file)) {
    const out: AdapterRecord[] = [];
    for (const item of items) {
      const origin: Origin = { file: label, line: item.line };
      if (item.defect) out.push(rejectedRecord(origin, item.raw, item.defect, opts.host));
      else for (const rec of mapOrReject(map, item.value, origin, item.raw, opts.host)) out.push(rec);
    }
    if (out.length > 0) yield out;
  }
}

/** Maps one pushed native record with the same mapper `read` uses; origin is PUSH_ORIGIN. */
export function mapPushed(raw: unknown, map: RecordMapper, host: string): AdapterRecord[] {
  const origin = { ...PUSH_ORIGIN };
  const text = JSON.stringify(raw) ?? String(raw);
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    return [rejectedRecord(origin, text, invalid('the pushed record is not a JSON object', 'send one native record as a JSON object'), host)];
  }
  return mapOrReject(map, raw as NativeRecord, origin, text, host);
}

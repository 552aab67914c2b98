import type { AdapterContext, AdapterRecord, DirectoryView } from '../adapter.js';
import type { ActivityEvent, Origin } from '../model.js';
import { invalid, rejectedRecord } from './defect.js';
import type { NativeRecord } from './fields.js';
import { fileNameOf, type HostConfig } from './host-config.js';
import { DEFAULT_TIME_ZONE } from './host-time.js';
import { eachOf } from './batches.js';
import { PUSH_ORIGIN, assertHostFolder, mapPushed, readHostFileBatches, type NativeFormat, type RecordMapper } from './host-file.js';
import type { TextEncodingName } from './text-encoding.js';

/** What a host's mappers look things up in. */
export interface MapEnv {
  directory: DirectoryView;
  timeZone: string;
}

/** A file-based host: its files (in read order), their format, and how to recognise a pushed record. */
export interface HostSpec<K extends string> {
  adapterId: string;
  /** The host's name as its users know it (`金税`), used in dead-letter reasons. */
  host: string;
  format: NativeFormat;
  encoding: TextEncodingName;
  /** Default file name per record kind, in the order `read` goes through them. */
  files: Record<K, string>;
  /** CSV: the columns each kind's mapper needs. */
  columns?: Partial<Record<K, readonly string[]>>;
  /** A field only records of that kind have, to route a pushed record without a `file` key. */
  idKeys?: Partial<Record<K, string>>;
}

export function mapEnvOf(ctx: Pick<AdapterContext<HostConfig<string>>, 'config' | 'directory'>, directory: DirectoryView = ctx.directory): MapEnv {
  return { directory, timeZone: ctx.config.timeZone ?? DEFAULT_TIME_ZONE };
}

/** The AdapterRecord of a canonical event. */
export function eventRecord(origin: Origin, event: ActivityEvent): AdapterRecord {
  return { kind: 'event', event, origin };
}

/** Reads the host's export folder one record at a time (see `readHostBatches`). */
export function readHost<K extends string>(
  spec: HostSpec<K>,
  ctx: AdapterContext<HostConfig<K>>,
  mappers: Partial<Record<K, RecordMapper>>,
): AsyncGenerator<AdapterRecord> {
  return eachOf(readHostBatches(spec, ctx, mappers));
}

/**
 * Reads the host's export folder in batches: the file of every kind `mappers` has a mapper for,
 * in the order of `spec.files`. Throws KP_ERR_SOURCE_MISSING when the folder itself is missing.
 * A batch never spans two files, and the next batch is mapped only once this one was taken, so
 * a reader that notes what it yielded sees every earlier batch before mapping the next.
 */
export async function* readHostBatches<K extends string>(
  spec: HostSpec<K>,
  ctx: AdapterContext<HostConfig<K>>,
  mappers: Partial<Record<K, RecordMapper>>,
): AsyncGenerator<AdapterRecord[]> {
  await assertHostFolder(spec.adapterId, ctx.dir);
  for (const kind of Object.keys(spec.files) as K[]) {
    const map = mappers[kind];
    if (!map) continue;
    yield* readHostFileBatches(
      { dir: ctx.dir, name: fileNameOf(ctx.config, spec.files, kind), format: spec.format, encoding: ctx.config.encoding ?? spec.encoding, columns: spec.columns?.[kind] },
      map,
      { host: spec.host, logger: ctx.logger },
    );
  }
}

function stem(name: string): string {
  const slash = name.lastIndexOf('/');
  const base = slash === -1 ? name : name.slice(slash + 1);
  const dot = base.indexOf('.');
  return dot === -1 ? base : base.slice(0, dot);
}

/**
 * Which export a pushed record belongs to: its `file` key (`attendance`, `attendance.csv`)
 * or, failing that, the identifying field only that kind has.
 */
export function pushedKind<K extends string>(spec: HostSpec<K>, rec: NativeRecord): K | null {
  const kinds = Object.keys(spec.files) as K[];
  const file = rec.file;
  if (typeof file === 'string' && file.trim() !== '') {
    const s = stem(file.trim());
    return kinds.find((k) => k === s || stem(spec.files[k]) === s) ?? null;
  }
  if (kinds.length === 1) return kinds[0];
  return kinds.find((k) => spec.idKeys?.[k] !== undefined && rec[spec.idKeys[k] as string] !== undefined) ?? null;
}

/** normalize(): routes one pushed native record to its kind's mapper (the one `read` uses). */
export function normalizeHost<K extends string>(spec: HostSpec<K>, raw: unknown, mappers: Record<K, RecordMapper>): AdapterRecord[] {
  const rec = raw !== null && typeof raw === 'object' && !Array.isArray(raw) ? (raw as NativeRecord) : null;
  const kind = rec ? pushedKind(spec, rec) : null;
  if (rec && kind === null) {
    const keys = Object.values<string | undefined>(spec.idKeys ?? {}).filter(Boolean).join(' / ');
    const files = Object.keys(spec.files).join(' / ');
    const defect = invalid(`cannot tell which export the pushed record belongs to: give a "file" key (${files})${keys ? ` or one of the fields ${keys}` : ''}`, 'send the record with its "file" key');
    return [rejectedRecord({ ...PUSH_ORIGIN }, JSON.stringify(raw), defect, spec.host)];
  }
  return mapPushed(raw, kind ? mappers[kind] : () => [], spec.host);
}

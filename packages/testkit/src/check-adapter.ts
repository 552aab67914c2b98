import { AssertionError } from 'node:assert';
import { cpSync, mkdtempSync, readdirSync, statSync, truncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, extname, join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import {
  createAjv, formatIssues, manifestOf, manifestSchema, schemas, toIssues,
  type AdapterContext, type AdapterDefinition, type AdapterRecord, type DirectoryView, type PluginLogger,
} from '@kaoping/contract';
import { readCsv, readJsonArray, readNdjson, type NativeItem, type NativeRecord, type TextEncodingName } from '@kaoping/contract/records';
import { firstDifference } from './deep-diff.js';

/** A directory for the check: a DirectoryView, or the codes it knows. */
export type DirectoryInput = DirectoryView | { units?: Iterable<string>; people?: Iterable<string> | Record<string, string> };

export interface CheckAdapterOptions<C> {
  /** The host's export folder (what the kernel passes as `ctx.dir`). */
  dir: string;
  /** Overlaid on the adapter's config defaults. */
  config?: Partial<C>;
  /** What the directory knows before this adapter reads (HR supplies its own). */
  directory?: DirectoryInput;
  expect?: { events?: number; rejected?: Record<string, number> };
}

export interface AdapterCheckReport {
  records: AdapterRecord[];
  events: number;
  units: number;
  people: number;
  /** Dead letters by code. */
  rejected: Record<string, number>;
  /** What the adapter logged as warnings (missing files, …). */
  warnings: string[];
  /** Native lines whose pushed form went through `normalize` and matched `read`. */
  normalizeCompared: number;
}

/** Thrown when an adapter fails conformance; `problems` lists every failure found. */
export class AdapterCheckError extends AssertionError {
  readonly problems: string[];
  readonly report: AdapterCheckReport | undefined;
  constructor(id: string, problems: string[], report?: AdapterCheckReport) {
    super({ message: `checkAdapter(${id}): ${problems.length} problem(s)\n - ${problems.join('\n - ')}` });
    this.name = 'AdapterCheckError';
    this.problems = problems;
    this.report = report;
  }
}

/** A DirectoryView over known codes; `people` as a map also answers unitOf. */
export function makeDirectory(input: DirectoryInput = {}): DirectoryView {
  if ('hasPerson' in input) return input;
  const units = new Set(input.units ?? []);
  const people = input.people === undefined ? new Map<string, string>()
    : Symbol.iterator in input.people ? new Map([...(input.people as Iterable<string>)].map((p) => [p, ''] as const))
      : new Map(Object.entries(input.people));
  return { hasUnit: (id) => units.has(id), hasPerson: (id) => people.has(id), unitOf: (id) => people.get(id) || undefined };
}

/** The base directory plus the units and people a read yielded (what the kernel would have stored). */
function extendDirectory(base: DirectoryView, records: readonly AdapterRecord[]): DirectoryView {
  const units = new Set<string>();
  const people = new Map<string, string>();
  for (const r of records) {
    if (r.kind === 'unit') units.add(r.unit.id);
    else if (r.kind === 'person') people.set(r.person.id, r.person.unitId);
  }
  return {
    hasUnit: (id) => units.has(id) || base.hasUnit(id),
    hasPerson: (id) => people.has(id) || base.hasPerson(id),
    unitOf: (id) => people.get(id) ?? base.unitOf(id),
  };
}

function collectingLogger(warnings: string[]): PluginLogger {
  return { info() {}, error: (m) => { warnings.push(m); }, warn: (m) => { warnings.push(m); } };
}

async function drain(it: AsyncIterable<AdapterRecord>): Promise<AdapterRecord[]> {
  const out: AdapterRecord[] = [];
  for await (const r of it) out.push(r);
  return out;
}

function originKey(r: AdapterRecord): string {
  return `${r.origin.file}:${r.origin.line}`;
}

/** Checks each record's shape; returns problems. */
function checkRecords(adapterId: string, records: readonly AdapterRecord[]): string[] {
  const ajv = createAjv();
  const validators: Record<string, ReturnType<typeof ajv.compile>> = {
    event: ajv.compile(schemas.activityEvent), unit: ajv.compile(schemas.orgUnit), person: ajv.compile(schemas.person),
  };
  const problems: string[] = [];
  for (const r of records) {
    const at = `${r.origin?.file}:${r.origin?.line}`;
    if (!r.origin || typeof r.origin.file !== 'string' || r.origin.file === '' || !Number.isInteger(r.origin.line) || r.origin.line < 1) {
      problems.push(`a ${r.kind} record has origin ${JSON.stringify(r.origin)}: read must give the file and a 1-based line`);
    }
    if (r.kind === 'rejected') {
      if (typeof r.raw !== 'string') problems.push(`${at}: rejected record has no raw text`);
      if (!/^KP_ERR_[A-Z_]+$/.test(r.code)) problems.push(`${at}: rejected record has code "${r.code}", not a KP_ERR_ code`);
      if (typeof r.reason !== 'string' || r.reason.trim() === '') problems.push(`${at}: rejected record has no reason`);
      continue;
    }
    const value = r.kind === 'event' ? r.event : r.kind === 'unit' ? r.unit : r.kind === 'person' ? r.person : undefined;
    const validate = validators[r.kind];
    if (!validate) {
      problems.push(`${at}: unknown record kind "${(r as { kind: string }).kind}"`);
    } else if (!validate(value)) {
      problems.push(`${at}: ${r.kind} is invalid: ${formatIssues(toIssues(validate.errors))}`);
    }
    if (r.kind === 'event' && r.event.source !== adapterId) problems.push(`${at}: event source "${r.event.source}" is not the adapter id "${adapterId}"`);
  }
  return problems;
}

function fileKinds(records: readonly AdapterRecord[]): Set<string> {
  return new Set(records.filter((r) => r.kind !== 'rejected').map((r) => r.origin.file));
}

/**
 * Stops after the first record and truncates every file of a copy of the folder: an adapter
 * that streams then yields fewer records than a full read, one that read everything up front
 * yields them all. Only decisive when records come from more than one file.
 */
async function checkStreaming<C>(adapter: AdapterDefinition<C & Record<string, unknown>>, ctx: AdapterContext<C>, full: readonly AdapterRecord[]): Promise<string[]> {
  const copy = join(mkdtempSync(join(tmpdir(), 'kp-check-adapter-')), basename(ctx.dir));
  cpSync(ctx.dir, copy, { recursive: true });
  const iterable = adapter.read({ ...ctx, dir: copy } as AdapterContext<C & Record<string, unknown>>);
  if (!iterable || typeof (iterable as AsyncIterable<unknown>)[Symbol.asyncIterator] !== 'function' || Array.isArray(iterable)) {
    return ['read() must return an async iterable (an async generator), not an array or a promise'];
  }
  const it = iterable[Symbol.asyncIterator]();
  const first = await it.next();
  if (full.length === 0) return first.done ? [] : ['read() yields records from a copy of the folder but none from the folder itself'];
  if (first.done) return ['read() yielded nothing on the first next() although a full read yields records'];
  for (const name of readdirSync(copy, { recursive: true }) as string[]) {
    const p = join(copy, name);
    if (statSync(p).isFile()) truncateSync(p, 0);
  }
  let count = 1;
  while (!(await it.next()).done) count++;
  if (fileKinds(full).size > 1 && count >= full.length) {
    return [`read() is not streaming: after the first record the files were emptied, yet it still yielded all ${full.length} records`];
  }
  return [];
}

async function nativeItems(path: string, encoding: TextEncodingName): Promise<Map<number, NativeItem<NativeRecord>> | null> {
  const ext = extname(path);
  const reader = ext === '.csv' ? readCsv(path, { encoding }) : ext === '.ndjson' || ext === '.jsonl' ? readNdjson(path, { encoding })
    : ext === '.json' ? readJsonArray(path, { encoding }) : null;
  if (!reader) return null;
  const out = new Map<number, NativeItem<NativeRecord>>();
  for await (const item of reader) out.set(item.line, item);
  return out;
}

function withoutOrigin(r: AdapterRecord): unknown {
  const { origin: _origin, ...rest } = r;
  return rest;
}

/**
 * For every native line `read` mapped, pushes the same native record (a CSV row keyed by
 * column name plus `file`) through `normalize` and expects the same canonical records; for
 * a line `read` rejected for its content, expects the same code.
 */
async function checkNormalize<C>(adapter: AdapterDefinition<C & Record<string, unknown>>, ctx: AdapterContext<C>, records: readonly AdapterRecord[]): Promise<{ problems: string[]; compared: number }> {
  const groups = new Map<string, AdapterRecord[]>();
  for (const r of records) {
    const g = groups.get(originKey(r));
    if (g) g.push(r);
    else groups.set(originKey(r), [r]);
  }
  const pushCtx = { ...ctx, directory: extendDirectory(ctx.directory, records) } as AdapterContext<C & Record<string, unknown>>;
  const encoding = ((ctx.config as { encoding?: TextEncodingName }).encoding) ?? 'utf-8';
  const files = new Map<string, Map<number, NativeItem<NativeRecord>> | null>();
  const problems: string[] = [];
  let compared = 0;
  for (const [key, group] of groups) {
    const { file, line } = group[0].origin;
    const name = file.slice(file.indexOf('/') + 1);
    if (!files.has(name)) files.set(name, await nativeItems(join(ctx.dir, name), encoding));
    const item = files.get(name)?.get(line);
    if (!item || item.defect) continue;
    const raw = extname(name) === '.csv' ? { ...item.value, file: name.slice(0, -'.csv'.length) } : item.value;
    const pushed = adapter.normalize(structuredClone(raw), pushCtx);
    compared++;
    if (pushed.some((r) => r.origin.file !== 'push' || r.origin.line !== 0)) {
      problems.push(`normalize(${key}) gives origin ${JSON.stringify(pushed[0]?.origin)}: pushed records have origin { file: 'push', line: 0 }`);
    }
    const rejected = group.filter((r) => r.kind === 'rejected');
    if (rejected.length > 0) {
      if (rejected[0].kind === 'rejected' && rejected[0].code === 'KP_ERR_ENCODING') continue;
      const codes = pushed.map((r) => (r.kind === 'rejected' ? r.code : r.kind));
      if (!isDeepStrictEqual(codes, rejected.map((r) => (r.kind === 'rejected' ? r.code : r.kind)))) {
        problems.push(`normalize(${key}) gives ${JSON.stringify(codes)} but read rejected the line with ${rejected.map((r) => (r as { code: string }).code).join(', ')}`);
      }
      continue;
    }
    const diff = firstDifference(group.map(withoutOrigin), pushed.map(withoutOrigin), 0);
    if (diff) problems.push(`normalize(${key}) differs from read for the same native record: ${diff}`);
  }
  return { problems, compared };
}

function countRejected(records: readonly AdapterRecord[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of records) if (r.kind === 'rejected') out[r.code] = (out[r.code] ?? 0) + 1;
  return out;
}

/**
 * The host-adapter conformance suite: manifest and config valid, `read` streams well-formed
 * records (events, units and people valid against the contract's schemas; every dead letter
 * with file, line, raw, code and reason), `normalize` agrees with `read` on the same native
 * record, two reads give the same output, and the counts match `expect`. Throws an
 * AdapterCheckError listing every problem; returns the report otherwise.
 */
export async function checkAdapter<C extends Record<string, unknown>>(adapter: AdapterDefinition<C>, opts: CheckAdapterOptions<C>): Promise<AdapterCheckReport> {
  const id = typeof adapter?.id === 'string' ? adapter.id : '?';
  const ajv = createAjv();
  const problems: string[] = [];

  const validateManifest = ajv.compile(manifestSchema);
  const manifest = manifestOf(adapter);
  if (!validateManifest(manifest)) problems.push(`manifest is invalid: ${formatIssues(toIssues(validateManifest.errors))}`);
  if (adapter.kind !== 'adapter') problems.push(`kind is "${String(adapter.kind)}": define the adapter with defineAdapter`);
  if (typeof adapter.folder !== 'string' || adapter.folder === '') problems.push('folder (the default export folder name) is missing');
  if (typeof adapter.read !== 'function' || typeof adapter.normalize !== 'function') problems.push('read and normalize must both be functions');

  const validateConfig = ajv.compile(adapter.config?.schema ?? {});
  if (!validateConfig(adapter.config?.defaults)) problems.push(`config defaults do not satisfy the config schema: ${formatIssues(toIssues(validateConfig.errors))}`);
  const config = { ...adapter.config?.defaults, ...opts.config } as C;
  if (!validateConfig(config)) problems.push(`the config under test does not satisfy the config schema: ${formatIssues(toIssues(validateConfig.errors))}`);
  if (problems.length > 0) throw new AdapterCheckError(id, problems);

  const warnings: string[] = [];
  const ctx: AdapterContext<C> = { config, dir: opts.dir, directory: makeDirectory(opts.directory), logger: collectingLogger(warnings) };
  const records = await drain(adapter.read(ctx));
  const again = await drain(adapter.read({ ...ctx, logger: collectingLogger([]) }));
  problems.push(...checkRecords(id, records));
  const diff = firstDifference(records, again, 0);
  if (diff) problems.push(`read is not deterministic: a second read differs at ${diff}`);
  problems.push(...(await checkStreaming(adapter, ctx, records)));
  const normalized = await checkNormalize(adapter, ctx, records);
  problems.push(...normalized.problems);

  const report: AdapterCheckReport = {
    records,
    events: records.filter((r) => r.kind === 'event').length,
    units: records.filter((r) => r.kind === 'unit').length,
    people: records.filter((r) => r.kind === 'person').length,
    rejected: countRejected(records),
    warnings,
    normalizeCompared: normalized.compared,
  };
  if (opts.expect?.events !== undefined && report.events !== opts.expect.events) {
    problems.push(`read yielded ${report.events} events, expected ${opts.expect.events}`);
  }
  if (opts.expect?.rejected !== undefined && !isDeepStrictEqual(report.rejected, opts.expect.rejected)) {
    problems.push(`read rejected ${JSON.stringify(report.rejected)}, expected ${JSON.stringify(opts.expect.rejected)}`);
  }
  if (problems.length > 0) throw new AdapterCheckError(id, problems, report);
  return report;
}

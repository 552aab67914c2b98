import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { kpError } from '@kaoping/contract';
import { Calendar } from './calendar.js';
import { DEFECT_KINDS, defectTools, type DefectKind } from './defect-kinds.js';
import type { FileSpec } from './file-spec.js';
import { attendanceFile, peopleFile, sanctionsFile, tierHistoryFile, unitsFile } from './hr-files.js';
import type { Manifest } from './manifest.js';
import { buildUnits } from './org.js';
import { activitiesFile, documentsFile, supervisionFile } from './party-oa-files.js';
import { buildStaff, type Person, type Staff } from './people.js';
import { generatePersonYear, newIdSeries, type ActivityFiles } from './person-year.js';
import { POSTS } from './posts.js';
import { isPresetName, PRESETS, type PresetName } from './presets.js';
import { Rng, streamSeed } from './prng.js';
import type { Progress } from './progress.js';
import { RecordFile, type DirtyPlan, type FileStats } from './record-file.js';
import { revenueRecords } from './revenue.js';
import { enforcementFile, mattersFile, ratingsFile, revenueFile } from './tax-files.js';

export interface GenerateOptions {
  preset: PresetName;
  seed: number;
  year: number;
  /** Output directory; created if missing, files in it overwritten. */
  out: string;
  /** Inject the defect kinds of docs/synthetic-bureau.md. */
  dirty?: boolean;
  /** Defects per real record and per kind of a file (default 0.0005, i.e. 0.05 %). */
  dirtyRate?: number;
  onProgress?: (p: Progress) => void;
}

const DEFAULT_DIRTY_RATE = 0.0005;
const FOLDERS = ['hr', 'tax', 'party', 'oa'] as const;
/** Streams of the run seed: one for the directory, one per file's defects, one per person (1000 + index). */
const DIRECTORY_STREAM = 1;
const REVENUE_STREAM = 2;
const DEFECT_STREAM_BASE = 500;

/**
 * Generates a synthetic tax bureau's host exports into `out` and returns the manifest it also
 * writes there. Same options ⇒ byte-identical files. Memory stays flat: records are written
 * person by person through ~1 MB chunks.
 */
export async function generateBureau(options: GenerateOptions): Promise<Manifest> {
  validate(options);
  const { seed, year, out } = options;
  const preset = PRESETS[options.preset];
  const cal = new Calendar(year);
  const units = buildUnits(preset);
  const staff = buildStaff(units, preset, cal, new Rng(streamSeed(seed, DIRECTORY_STREAM)));
  await makeFolders(out);

  let fileNo = 0;
  const open = <R>(spec: FileSpec<R>) => new RecordFile(spec, out, dirtyPlan(options, ++fileNo));
  const stats: FileStats[] = [];
  const paths: string[] = [];
  const record = async (f: RecordFile<unknown>) => {
    paths.push(f.path);
    stats.push(await f.close());
  };

  await record(writeAll(open(unitsFile), units.map((u) => ({ code: u.code, name: u.name, parent: u.parent ?? '', level: u.level }))));
  await record(writeAll(open(peopleFile), staff.people.map((p) => personRow(p, cal))));
  await record(writeAll(open(sanctionsFile), staff.sanctions.map((s) => ({ id: s.id, person: s.personCode, type: s.type, date: cal.date(s.day), until: cal.date(s.untilDay) }))));
  await record(writeAll(open(tierHistoryFile), staff.people.flatMap((p) => p.tiers.map((t) => ({ person: p.code, year: t.year, tier: t.tier })))));

  const files: ActivityFiles = {
    attendance: open(attendanceFile(year)),
    matters: open(mattersFile(year)),
    enforcement: open(enforcementFile(year)),
    ratings: open(ratingsFile(year)),
    activities: open(activitiesFile(year)),
    documents: open(documentsFile(year)),
    supervision: open(supervisionFile(year)),
  };
  await generateActivity(staff.people, cal, seed, files, options.onProgress);
  for (const f of Object.values(files)) await record(f);
  await record(writeAll(open(revenueFile), revenueRecords(units, cal, new Rng(streamSeed(seed, REVENUE_STREAM)))));

  const manifest = buildManifest(options, cal, units.length, preset.districts, staff, paths, stats);
  await writeFile(join(out, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

function validate(o: GenerateOptions): void {
  if (!isPresetName(o.preset)) throw kpError('KP_ERR_USAGE', `unknown preset "${o.preset}": use one of ${Object.keys(PRESETS).join(', ')}`);
  if (!Number.isInteger(o.seed) || o.seed < 0 || o.seed > 0xffffffff) throw kpError('KP_ERR_USAGE', `seed must be an integer from 0 to 4294967295, got ${o.seed}`);
  if (!Number.isInteger(o.year) || o.year < 1990 || o.year > 2100) throw kpError('KP_ERR_USAGE', `year must be a four-digit year from 1990 to 2100, got ${o.year}`);
  if (o.dirtyRate !== undefined && !(o.dirtyRate > 0 && o.dirtyRate < 0.05)) throw kpError('KP_ERR_USAGE', `dirtyRate must be above 0 and below 0.05, got ${o.dirtyRate}`);
}

async function makeFolders(out: string): Promise<void> {
  try {
    for (const folder of FOLDERS) await mkdir(join(out, folder), { recursive: true });
  } catch (e) {
    throw kpError('KP_ERR_USAGE', `cannot create the output folders under "${out}": ${(e as Error).message}`);
  }
}

function dirtyPlan(o: GenerateOptions, fileNo: number): DirtyPlan | null {
  if (!o.dirty) return null;
  return { tools: defectTools(new Rng(streamSeed(o.seed, DEFECT_STREAM_BASE + fileNo)), o.year), rate: o.dirtyRate ?? DEFAULT_DIRTY_RATE };
}

function writeAll<R>(file: RecordFile<R>, records: Iterable<R>): RecordFile<unknown> {
  for (const r of records) file.write(r);
  return file as RecordFile<unknown>;
}

function personRow(p: Person, cal: Calendar) {
  return {
    code: p.code, name: p.name, unit: p.unit.code, post: p.post, postName: POSTS[p.post].name, political: p.political,
    hired: cal.date(p.hireDay), left: p.leaveDay === null ? '' : cal.date(p.leaveDay),
  };
}

/** Person by person; between small batches the files write what they have, so memory stays flat. */
async function generateActivity(people: readonly Person[], cal: Calendar, seed: number, files: ActivityFiles, onProgress?: (p: Progress) => void): Promise<void> {
  const ids = newIdSeries();
  const all = Object.values(files) as Array<RecordFile<unknown>>;
  const report = () => onProgress?.({ people: done, totalPeople: people.length, records: all.reduce((s, f) => s + f.stats.records, 0) });
  let done = 0;
  for (const p of people) {
    generatePersonYear(p, cal, seed, files, ids);
    done++;
    if (done % 32 === 0) {
      for (const f of all) await f.drain();
      if (done % 256 === 0) report();
    }
  }
  report();
}

function buildManifest(o: GenerateOptions, cal: Calendar, units: number, districts: number, staff: Staff, paths: string[], stats: FileStats[]): Manifest {
  const files: Record<string, number> = {};
  const events: Record<string, number> = {};
  const byFile: Record<string, Partial<Record<DefectKind, number>>> = {};
  const totals: Partial<Record<DefectKind, number>> = {};
  paths.forEach((path, i) => {
    const s = stats[i];
    files[path] = s.records;
    if (s.events > 0) events[path] = s.events;
    if (Object.keys(s.defects).length > 0) byFile[path] = sortKinds(s.defects);
    for (const [k, n] of Object.entries(s.defects) as Array<[DefectKind, number]>) totals[k] = (totals[k] ?? 0) + n;
  });
  const earlier = staff.sanctions.filter((s) => s.day < cal.yearStart);
  const manifest: Manifest = {
    preset: o.preset,
    seed: o.seed,
    year: o.year,
    generatedBy: 'kaoping generate',
    dirty: Boolean(o.dirty),
    asOf: `${cal.date(cal.yearEnd)}T00:00:00+08:00`,
    files,
    events,
    counts: {
      units,
      districts,
      sections: units - districts - 1,
      people: staff.people.length,
      partyMembers: staff.people.filter((p) => p.member).length,
      leavers: staff.people.filter((p) => p.leaveDay !== null).length,
      newHires: staff.people.filter((p) => p.hireDay >= cal.yearStart).length,
      sanctionsInYear: staff.sanctions.length - earlier.length,
      sanctionsEarlier: earlier.length,
      sanctionsEarlierInForce: earlier.filter((s) => s.untilDay >= cal.yearStart).length,
      records: stats.reduce((s, f) => s + f.clean, 0),
      lines: stats.reduce((s, f) => s + f.records, 0),
    },
  };
  if (o.dirty) {
    const { 'dirty-code': normalized = 0, ...rejectedOrDuplicate } = sortKinds(totals);
    manifest.injectedDefects = rejectedOrDuplicate;
    manifest.normalizedDefects = { 'dirty-code': normalized };
    manifest.defectsByFile = byFile;
  }
  return manifest;
}

/** Kinds in catalogue order, so the manifest reads the same way every run. */
function sortKinds(m: Partial<Record<DefectKind, number>>): Partial<Record<DefectKind, number>> {
  const sorted: Partial<Record<DefectKind, number>> = {};
  for (const k of DEFECT_KINDS) if (m[k] !== undefined) sorted[k] = m[k];
  return sorted;
}

import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFECT_KINDS, type DefectKind } from './defect-kinds.js';
import { byteLines, dataLines, generateTemp } from './output.test-support.js';

/** Where each file keeps the fields a defect can spoil. */
interface Layout {
  id(r: Fields): string;
  person?: string;
  unit?: string;
  date: string;
  iso?: boolean;
  deadline?: string;
  cells?: number;
}
type Fields = Record<string, unknown>;

const CSV_FIELDS: Record<string, string[]> = {
  'hr/people.csv': ['code', 'name', 'unit', 'post', 'postName', 'political', 'hired', 'left'],
  'hr/attendance.csv': ['id', 'person', 'date', 'status'],
  'oa/documents.csv': ['id', 'person', 'unit', 'received', 'deadline', 'closed'],
  'oa/supervision.csv': ['id', 'person', 'unit', 'assigned', 'due', 'completed'],
};

const LAYOUTS: Record<string, Layout> = {
  'hr/people.csv': { id: (r) => String(r.code), unit: 'unit', date: 'hired' },
  'hr/attendance.csv': { id: (r) => String(r.id), person: 'person', date: 'date' },
  'tax/matters.ndjson': { id: (r) => String(r.swsxbh), person: 'swry_dm', unit: 'swjg_dm', date: 'slrq', iso: true, deadline: 'blqx' },
  'tax/enforcement.ndjson': { id: (r) => String(r.zfbh), person: 'swry_dm', unit: 'swjg_dm', date: 'zfrq' },
  'tax/ratings.ndjson': { id: (r) => String(r.pjbh), person: 'swry_dm', unit: 'swjg_dm', date: 'pjrq', iso: true },
  'tax/revenue.ndjson': { id: (r) => `${r.swjg_dm}:${r.yf}`, unit: 'swjg_dm', date: 'yf' },
  'party/activities.json': { id: (r) => String(r.id), person: 'memberCode', date: 'date' },
  'oa/documents.csv': { id: (r) => String(r.id), person: 'person', unit: 'unit', date: 'received', deadline: 'deadline' },
  'oa/supervision.csv': { id: (r) => String(r.id), person: 'person', unit: 'unit', date: 'assigned' },
};

const normalize = (code: string) => code.normalize('NFKC').trim();

function validDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})(?:-(\d{2}))?/.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, m[3] ? +m[3] : 1));
  return d.getUTCMonth() === +m[2] - 1 && (!m[3] || d.getUTCDate() === +m[3]);
}

/**
 * Reads a dirty file the way an importer would, independently of the generator, and sorts
 * every line into a defect kind (or none). Also rebuilds the clean file: real records, dirty
 * codes normalised, duplicates dropped.
 */
function classify(dir: string, file: string, people: Set<string>, units: Set<string>) {
  const layout = LAYOUTS[file];
  const gbk = file.startsWith('hr/');
  const counts: Partial<Record<DefectKind, number>> = {};
  const clean: string[] = [];
  const seen = new Set<string>();
  const lines = dataLines(dir, file);
  const raw = byteLines(join(dir, file)).slice(1);
  const count = (k: DefectKind) => { counts[k] = (counts[k] ?? 0) + 1; };
  lines.forEach((text, i) => {
    if (text.includes('\uFFFD')) {
      // Only the bytes of the other encoding decode to U+FFFD.
      expect(new TextDecoder(gbk ? 'utf-8' : 'gbk', { fatal: true }).decode(raw[i])).not.toContain('\uFFFD');
      return count('wrong-encoding');
    }
    let r: Fields;
    if (CSV_FIELDS[file]) {
      const cells = text.split(',');
      if (cells.length !== CSV_FIELDS[file].length) return count('wrong-cell-count');
      r = Object.fromEntries(CSV_FIELDS[file].map((f, j) => [f, cells[j]]));
    } else {
      try {
        r = JSON.parse(text) as Fields;
      } catch {
        expect(i, `${file}: only the last line may be cut`).toBe(lines.length - 1);
        return count('truncated-line');
      }
    }
    let normalized = text;
    let dirty = false;
    for (const f of [layout.person, layout.unit]) {
      if (!f) continue;
      const v = String(r[f]);
      if (normalize(v) !== v) {
        dirty = true;
        normalized = normalized.replace(v, normalize(v));
        r[f] = normalize(v);
      }
    }
    if (layout.person && !people.has(String(r[layout.person]))) return count('unknown-person');
    if (layout.unit && !units.has(String(r[layout.unit]))) return count('unknown-unit');
    if (!validDate(String(r[layout.date]))) return count('bad-date');
    if (layout.deadline && String(r[layout.deadline]) < String(r[layout.date])) return count('deadline-before-acceptance');
    if ('pjfs' in r && !(Number.isInteger(r.pjfs) && (r.pjfs as number) >= 1 && (r.pjfs as number) <= 5)) return count('rating-out-of-range');
    const id = layout.id(r);
    if (seen.has(id)) return count('duplicate-id');
    seen.add(id);
    if (dirty) count('dirty-code');
    clean.push(normalized);
  });
  return { counts, clean };
}

describe('generateBureau --dirty (small preset)', () => {
  let clean: Awaited<ReturnType<typeof generateTemp>>;
  let dirty: Awaited<ReturnType<typeof generateTemp>>;
  beforeAll(async () => {
    clean = await generateTemp({ preset: 'small', seed: 11, year: 2026 });
    dirty = await generateTemp({ preset: 'small', seed: 11, year: 2026, dirty: true });
  });
  afterAll(() => {
    clean.cleanup();
    dirty.cleanup();
  });

  it('injects every defect kind, and the manifest totals are the per-file counts summed', () => {
    const m = dirty.manifest;
    expect(m.dirty).toBe(true);
    const summed: Record<string, number> = {};
    for (const byKind of Object.values(m.defectsByFile ?? {})) for (const [k, n] of Object.entries(byKind)) summed[k] = (summed[k] ?? 0) + (n ?? 0);
    const { 'dirty-code': normalized, ...rest } = summed;
    expect(m.injectedDefects).toEqual(rest);
    expect(m.normalizedDefects).toEqual({ 'dirty-code': normalized });
    for (const kind of DEFECT_KINDS) expect(summed[kind] ?? 0, kind).toBeGreaterThanOrEqual(1);
    // About 0.05 % of the records per kind a file can carry.
    expect(m.injectedDefects!['unknown-person']).toBeGreaterThan(0.0002 * m.counts.records);
    expect(m.injectedDefects!['unknown-person']).toBeLessThan(0.002 * m.counts.records);
    // Duplicates only where one line is exactly one event; truncation only in JSON files.
    for (const [file, byKind] of Object.entries(m.defectsByFile ?? {})) {
      if (byKind['duplicate-id']) expect(['tax/ratings.ndjson', 'tax/enforcement.ndjson', 'hr/attendance.csv', 'party/activities.json']).toContain(file);
      if (byKind['truncated-line']) expect(byKind['truncated-line']).toBe(1);
      if (byKind['truncated-line']) expect(file).toMatch(/\.(ndjson|json)$/);
    }
  });

  it('has exactly the defects the manifest lists, file by file, found by reading the files', () => {
    const units = new Set(dataLines(dirty.dir, 'hr/units.csv').map((l) => l.split(',')[0]));
    const people = new Set<string>();
    const peopleResult = classify(dirty.dir, 'hr/people.csv', people, units);
    for (const line of peopleResult.clean) people.add(line.split(',')[0]);
    expect(people.size).toBe(dirty.manifest.counts.people);
    const found: Record<string, Partial<Record<DefectKind, number>>> = {};
    if (Object.keys(peopleResult.counts).length) found['hr/people.csv'] = peopleResult.counts;
    for (const file of Object.keys(LAYOUTS)) {
      if (file === 'hr/people.csv') continue;
      const { counts } = classify(dirty.dir, file, people, units);
      if (Object.keys(counts).length) found[file] = counts;
    }
    const sortKeys = (o: Record<string, Partial<Record<DefectKind, number>>>) =>
      Object.fromEntries(Object.keys(o).sort().map((f) => [f, Object.fromEntries(Object.entries(o[f]).sort())]));
    expect(sortKeys(found)).toEqual(sortKeys(dirty.manifest.defectsByFile ?? {}));
  });

  it('keeps the real records as they are without --dirty: defects only add, repeat or re-spell codes', () => {
    const units = new Set(dataLines(dirty.dir, 'hr/units.csv').map((l) => l.split(',')[0]));
    const people = new Set(dataLines(clean.dir, 'hr/people.csv').map((l) => l.split(',')[0]));
    for (const file of Object.keys(LAYOUTS)) {
      expect(classify(dirty.dir, file, people, units).clean, file).toEqual(dataLines(clean.dir, file));
    }
    for (const file of ['hr/units.csv', 'hr/sanctions.csv', 'hr/tier-history.csv']) expect(dataLines(dirty.dir, file)).toEqual(dataLines(clean.dir, file));
    expect(dirty.manifest.counts.records).toBe(clean.manifest.counts.records);
    expect(dirty.manifest.events).toEqual(clean.manifest.events);
  });

  it('cuts the truncated line mid-record and leaves the JSON array unclosed', () => {
    const tail = byteLines(join(dirty.dir, 'party/activities.json')).at(-1)!.toString('utf8');
    expect(tail.startsWith('{"id":"DW2026')).toBe(true);
    expect(tail.endsWith('}')).toBe(false);
    const matters = byteLines(join(dirty.dir, 'tax/matters.ndjson'));
    expect(() => JSON.parse(matters.at(-1)!.toString('utf8'))).toThrow();
    expect(() => JSON.parse(matters.at(-2)!.toString('utf8'))).not.toThrow();
  });
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Manifest } from './manifest.js';
import { byteLines, dataLines, generateTemp, listFiles } from './output.test-support.js';

const HR_HEADERS: Record<string, string> = {
  'hr/units.csv': '机构代码,机构名称,上级机构代码,机构层级',
  'hr/people.csv': '人员代码,姓名,机构代码,岗位代码,岗位名称,政治面貌,入职日期,离职日期',
  'hr/sanctions.csv': '记录号,人员代码,处分类型,处分日期,影响期至',
  'hr/attendance.csv': '记录号,人员代码,日期,状态',
  'hr/tier-history.csv': '人员代码,年度,段',
};
const OA_HEADERS: Record<string, string> = {
  'oa/documents.csv': '文号,承办人代码,承办机构代码,收文日期,办结时限,办结日期',
  'oa/supervision.csv': '督办编号,责任人代码,责任机构代码,下达日期,要求完成日期,完成日期',
};
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

describe('generateBureau (small preset, clean)', () => {
  let a: Awaited<ReturnType<typeof generateTemp>>;
  let b: Awaited<ReturnType<typeof generateTemp>>;
  beforeAll(async () => {
    a = await generateTemp({ preset: 'small', seed: 7, year: 2026 });
    b = await generateTemp({ preset: 'small', seed: 7, year: 2026 });
  });
  afterAll(() => {
    a.cleanup();
    b.cleanup();
  });

  it('writes byte-identical files for the same seed', () => {
    const files = listFiles(a.dir);
    expect(files).toEqual(listFiles(b.dir));
    expect(files).toContain('manifest.json');
    for (const f of files) expect(readFileSync(join(a.dir, f)).equals(readFileSync(join(b.dir, f))), f).toBe(true);
  });

  it('writes different data for another seed', async () => {
    const c = await generateTemp({ preset: 'small', seed: 8, year: 2026 });
    try {
      expect(readFileSync(join(c.dir, 'tax/matters.ndjson')).equals(readFileSync(join(a.dir, 'tax/matters.ndjson')))).toBe(false);
    } finally {
      c.cleanup();
    }
  });

  it('writes the manifest it returns, and its record counts match the files', () => {
    const onDisk = JSON.parse(readFileSync(join(a.dir, 'manifest.json'), 'utf8')) as Manifest;
    expect(onDisk).toEqual(a.manifest);
    expect(onDisk).toMatchObject({ preset: 'small', seed: 7, year: 2026, generatedBy: 'kaoping generate', dirty: false, asOf: '2027-01-01T00:00:00+08:00' });
    expect(onDisk.injectedDefects).toBeUndefined();
    expect(Object.keys(onDisk.files).sort()).toEqual(listFiles(a.dir).filter((f) => f !== 'manifest.json'));
    for (const [file, n] of Object.entries(onDisk.files)) expect(dataLines(a.dir, file).length, file).toBe(n);
    const total = Object.values(onDisk.files).reduce((s, n) => s + n, 0);
    expect(onDisk.counts.lines).toBe(total);
    expect(onDisk.counts.records).toBe(total);
    expect(onDisk.files['hr/people.csv']).toBe(onDisk.counts.people);
    expect(onDisk.files['hr/units.csv']).toBe(onDisk.counts.units);
  });

  it('counts the events the records yield: a completed matter or closed document is two', () => {
    const matters = dataLines(a.dir, 'tax/matters.ndjson').map((l) => JSON.parse(l) as { bjrq: string | null });
    expect(a.manifest.events['tax/matters.ndjson']).toBe(matters.length + matters.filter((m) => m.bjrq !== null).length);
    const docs = dataLines(a.dir, 'oa/documents.csv').map((l) => l.split(','));
    expect(a.manifest.events['oa/documents.csv']).toBe(docs.length + docs.filter((d) => d[5] !== '').length);
    expect(a.manifest.events['hr/attendance.csv']).toBe(a.manifest.files['hr/attendance.csv']);
  });

  it('writes HR files in GBK with the Chinese headers', () => {
    for (const [file, header] of Object.entries(HR_HEADERS)) {
      const bytes = readFileSync(join(a.dir, file));
      expect(bytes.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf])), file).toBe(false);
      const text = new TextDecoder('gbk', { fatal: true }).decode(bytes);
      expect(text.split('\n')[0], file).toBe(header);
      // GBK, not UTF-8: the header's bytes are not its UTF-8 bytes.
      expect(bytes.subarray(0, Buffer.byteLength(header)).equals(Buffer.from(header, 'utf8'))).toBe(false);
    }
    const people = dataLines(a.dir, 'hr/people.csv').map((l) => l.split(','));
    expect(people[0]).toHaveLength(8);
    expect(new Set(people.map((p) => p[5]))).toEqual(new Set(['中共党员', '群众', '共青团员', '中国民主同盟盟员']));
    expect(people.filter((p) => !/^P\d{6}$/.test(p[0]) || !/^13301\d{6}$/.test(p[2]) || !DATE.test(p[6]))).toEqual([]);
    const levels = dataLines(a.dir, 'hr/units.csv').map((l) => l.split(',')[3]);
    expect(levels.filter((l) => l === '市局')).toHaveLength(1);
    expect(levels.filter((l) => l === '区局')).toHaveLength(a.manifest.counts.districts);
  });

  it('writes OA files in UTF-8 with a BOM and the Chinese headers', () => {
    for (const [file, header] of Object.entries(OA_HEADERS)) {
      const bytes = readFileSync(join(a.dir, file));
      expect(bytes.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf])), file).toBe(true);
      expect(new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes).split('\n')[0]).toBe(header);
    }
    const badDocs = dataLines(a.dir, 'oa/documents.csv').filter((l) => {
      const [id, person, unit, received, deadline, closed] = l.split(',');
      return !/^示税收〔2026〕\d{7}号$/.test(id) || !/^P\d{6}$/.test(person) || !/^13301\d{6}$/.test(unit) || !DATE.test(received) || !(deadline >= received) || (closed !== '' && !DATE.test(closed));
    });
    expect(badDocs).toEqual([]);
  });

  it('writes tax NDJSON whose every line parses, with ISO 8601 +08:00 times and plain zfrq dates', () => {
    const keys = 'swsxbh,swry_dm,swjg_dm,sxlx,slrq,blqx,bjrq';
    const badMatters = dataLines(a.dir, 'tax/matters.ndjson').filter((l) => {
      const m = JSON.parse(l);
      return Object.keys(m).join(',') !== keys || !ISO.test(m.slrq) || !ISO.test(m.blqx) || !(Date.parse(m.blqx) > Date.parse(m.slrq))
        || (m.bjrq !== null && !ISO.test(m.bjrq)) || !['DJ', 'SB', 'FP', 'TS', 'ZX'].includes(m.sxlx);
    });
    expect(badMatters).toEqual([]);
    const badEnforcement = dataLines(a.dir, 'tax/enforcement.ndjson').filter((l) => {
      const e = JSON.parse(l);
      return !DATE.test(e.zfrq) || ![null, '正确', '过错'].includes(e.fcjg);
    });
    expect(badEnforcement).toEqual([]);
    const badRatings = dataLines(a.dir, 'tax/ratings.ndjson').filter((l) => {
      const r = JSON.parse(l);
      return !ISO.test(r.pjrq) || ![1, 2, 3, 4, 5].includes(r.pjfs);
    });
    expect(badRatings).toEqual([]);
    for (const l of dataLines(a.dir, 'tax/revenue.ndjson')) expect(JSON.parse(l)).toMatchObject({ yf: expect.stringMatching(/^2026-(0[1-9]|1[0-2])$/) });
    // The last line of every NDJSON file ends with a newline when clean.
    for (const f of ['tax/matters.ndjson', 'tax/enforcement.ndjson', 'tax/ratings.ndjson', 'tax/revenue.ndjson']) {
      const bytes = readFileSync(join(a.dir, f));
      expect(bytes[bytes.length - 1]).toBe(0x0a);
    }
  });

  it('writes party activities as one JSON array, one object per line', () => {
    const text = readFileSync(join(a.dir, 'party/activities.json'), 'utf8');
    const items = JSON.parse(text) as Array<Record<string, unknown>>;
    expect(items).toHaveLength(a.manifest.files['party/activities.json']);
    expect(byteLines(join(a.dir, 'party/activities.json'))).toHaveLength(items.length + 2);
    const bad = items.filter((it) => (it.kind === 'study'
      ? Object.keys(it).join(',') !== 'id,memberCode,branchUnitCode,kind,date,credits' || typeof it.credits !== 'number'
      : it.kind !== 'organisational-life' || !['attended', 'absent'].includes(it.status as string)));
    expect(bad).toEqual([]);
  });

  it('rejects bad options with a usage error naming the option', async () => {
    await expect(generateTemp({ preset: 'tiny' as never, seed: 1, year: 2026 })).rejects.toMatchObject({ code: 'KP_ERR_USAGE', message: expect.stringContaining('unknown preset "tiny"') });
    await expect(generateTemp({ preset: 'small', seed: -1, year: 2026 })).rejects.toMatchObject({ code: 'KP_ERR_USAGE', message: expect.stringContaining('seed must be an integer') });
    await expect(generateTemp({ preset: 'small', seed: 1, year: 26 })).rejects.toMatchObject({ code: 'KP_ERR_USAGE', message: expect.stringContaining('year must be a four-digit year') });
  });
});

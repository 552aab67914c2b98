import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { AdapterContext, AdapterRecord } from '@kaoping/contract';
import {
  checkAdapter, eventIdsIn, makeDirectory, readAdapter, recordingLogger, recordsAt, rejectedAt as rejectedIn, type RejectedRecord,
} from '@kaoping/testkit';
import { describe, expect, it } from 'vitest';
import adapter, { type TaxConfig } from './index.js';
import { DIRECTORY, writeTaxFixture } from './fixture.test-support.js';

const logger = recordingLogger();
const warnings = logger.warnings;
const H = 3_600_000;
function context(dir: string, config: TaxConfig = adapter.config.defaults): AdapterContext<TaxConfig> {
  return { config, dir, directory: makeDirectory(DIRECTORY), logger };
}
const readAll = (dir: string) => readAdapter(adapter, context(dir));
const at = (records: AdapterRecord[], file: string, line: number) => recordsAt(records, `tax/${file}`, line);
const rejectedAt = (records: AdapterRecord[], file: string, line: number) => rejectedIn(records, `tax/${file}`, line);
const eventIds = (records: AdapterRecord[], file: string) => eventIdsIn(records, `tax/${file}`);

describe('tax-collection adapter', () => {
  const dir = writeTaxFixture();

  it('passes the adapter conformance suite on a fixture with every 金税 defect', async () => {
    const report = await checkAdapter(adapter, {
      dir, directory: DIRECTORY,
      expect: { events: 15, rejected: { KP_ERR_RECORD_UNKNOWN_REFERENCE: 3, KP_ERR_RECORD_INVALID: 6, KP_ERR_ENCODING: 1 } },
    });
    expect(report.normalizeCompared).toBeGreaterThan(10);
  });

  it('maps a matter to accepted and completed events with the catalogue attrs', async () => {
    const [accepted, completed] = at(await readAll(dir), 'matters.ndjson', 2);
    const attrs = { matterId: 'M2', matterType: 'DJ', acceptedAt: Date.UTC(2026, 2, 4, 1), deadlineAt: Date.UTC(2026, 2, 11, 9), completedAt: Date.UTC(2026, 2, 6, 2) };
    expect(accepted).toEqual({ kind: 'event', origin: { file: 'tax/matters.ndjson', line: 2 }, event: {
      id: 'M2#a', source: 'tax-collection', type: 'tax.matter.accepted', actorId: 'P001', unitId: 'U01', occurredAt: attrs.acceptedAt, attrs,
    } });
    expect(completed).toMatchObject({ event: { id: 'M2#c', type: 'tax.matter.completed', occurredAt: attrs.completedAt, attrs } });
  });

  it('emits only the accepted event for an open matter (bjrq null)', async () => {
    const records = at(await readAll(dir), 'matters.ndjson', 1);
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ event: { id: 'M1#a', attrs: { completedAt: null } } });
  });

  it('rejects unknown staff and unit codes and keeps the clean records around them', async () => {
    const records = await readAll(dir);
    expect(rejectedAt(records, 'matters.ndjson', 3)).toMatchObject({
      code: 'KP_ERR_RECORD_UNKNOWN_REFERENCE',
      reason: 'tax/matters.ndjson line 3: unknown person code "P999" in swry_dm; import the HR people.csv that defines it, or correct swry_dm in 金税 and re-export',
    });
    expect(rejectedAt(records, 'matters.ndjson', 4).reason).toBe('tax/matters.ndjson line 4: unknown unit code "U99" in swjg_dm; import the HR units.csv that defines it, or correct swjg_dm in 金税 and re-export');
    expect(rejectedAt(records, 'revenue.ndjson', 2)).toMatchObject({ code: 'KP_ERR_RECORD_UNKNOWN_REFERENCE', raw: '{"swjg_dm":"U99","yf":"2026-01","jhs":1,"sjs":1}' });
    expect(eventIds(records, 'matters.ndjson')).toEqual(['M1#a', 'M2#a', 'M2#c', 'M7#a', 'M7#c', 'M9#a', 'M9#c']);
    expect(eventIds(records, 'revenue.ndjson')).toEqual(['U01:2026-01', 'U02:2026-02']);
  });

  it('rejects a date that does not parse, in matters and in revenue', async () => {
    const records = await readAll(dir);
    expect(rejectedAt(records, 'matters.ndjson', 5)).toMatchObject({
      code: 'KP_ERR_RECORD_INVALID',
      reason: 'tax/matters.ndjson line 5: slrq "2026-02-30T09:00:00+08:00" is not a calendar date or time that exists; correct slrq in 金税 and re-export',
    });
    expect(rejectedAt(records, 'revenue.ndjson', 3).reason).toBe('tax/revenue.ndjson line 3: yf "2026-13" is not a month: expected YYYY-MM; correct yf in 金税 and re-export');
  });

  it('rejects a deadline before acceptance, quoting both', async () => {
    expect(rejectedAt(await readAll(dir), 'matters.ndjson', 6)).toMatchObject({
      code: 'KP_ERR_RECORD_INVALID',
      reason: 'tax/matters.ndjson line 6: blqx 2026-03-01T00:00:00+08:00 is before slrq 2026-03-04T09:00:00+08:00; correct the deadline in 金税 and re-export',
    });
  });

  it('normalises dirty codes and accepts the record', async () => {
    const [accepted] = at(await readAll(dir), 'matters.ndjson', 7);
    expect(accepted).toMatchObject({ kind: 'event', event: { id: 'M7#a', actorId: 'P002', unitId: 'U01', attrs: { matterId: 'M7' } } });
  });

  it('rejects a GBK line in the UTF-8 file as wrong encoding', async () => {
    const r = rejectedAt(await readAll(dir), 'matters.ndjson', 8);
    expect(r.code).toBe('KP_ERR_ENCODING');
    expect(r.reason).toMatch(/^tax\/matters\.ndjson line 8: the line is not valid UTF-8 \(it reads as GBK: .*补录.*\); re-export the file as UTF-8$/);
  });

  it('rejects a truncated last line as cut off', async () => {
    const r = rejectedAt(await readAll(dir), 'matters.ndjson', 10);
    expect(r).toMatchObject({ code: 'KP_ERR_RECORD_INVALID', raw: '{"swsxbh":"M10","swry_dm":"P001","swjg_d' });
    expect(r.reason).toBe('tax/matters.ndjson line 10: the last line is cut off mid-record (not complete JSON); re-export the file from 金税');
  });

  it('rejects a rating outside 1..5 and an unknown review result', async () => {
    const records = await readAll(dir);
    expect(rejectedAt(records, 'ratings.ndjson', 2).reason).toBe('tax/ratings.ndjson line 2: pjfs 6 is not an integer from 1 to 5; correct pjfs in 金税 and re-export');
    expect(rejectedAt(records, 'enforcement.ndjson', 5).reason).toBe('tax/enforcement.ndjson line 5: fcjg "待定" is not one of 正确 / 过错; correct fcjg in 金税 and re-export');
    expect(eventIds(records, 'ratings.ndjson')).toEqual(['R1', 'R3']);
  });

  it('leaves duplicates to the store: a repeated id is yielded again', async () => {
    const records = await readAll(dir);
    expect(eventIds(records, 'enforcement.ndjson')).toEqual(['E1', 'E2', 'E3', 'E1']);
    const reviews = records.filter((r) => r.kind === 'event' && r.origin.file === 'tax/enforcement.ndjson').map((r) => (r as Extract<AdapterRecord, { kind: 'event' }>).event.attrs.review);
    expect(reviews).toEqual(['correct', 'faulty', null, 'correct']);
  });

  it('maps revenue to a unit event at the local start of the month', async () => {
    const [rev] = at(await readAll(dir), 'revenue.ndjson', 4);
    expect(rev).toMatchObject({ event: { id: 'U02:2026-02', actorId: null, unitId: 'U02', occurredAt: Date.UTC(2026, 1, 1) - 8 * H, attrs: { month: '2026-02', planned: 800000, collected: 700000.5 } } });
  });

  it('normalize maps a pushed record like read, recognising the export by its id field', () => {
    const ctx = context(dir);
    const [event] = adapter.normalize({ pjbh: 'R9', swry_dm: 'P003', swjg_dm: 'U02', pjrq: '2026-05-02T11:00:00+08:00', pjfs: 4 }, ctx);
    expect(event).toMatchObject({ kind: 'event', origin: { file: 'push', line: 0 }, event: { id: 'R9', type: 'tax.rating.submitted', attrs: { score: 4 } } });
    const [bad] = adapter.normalize({ what: 1 }, ctx);
    expect(bad).toMatchObject({ kind: 'rejected', code: 'KP_ERR_RECORD_INVALID', origin: { file: 'push', line: 0 } });
    expect((bad as RejectedRecord).reason).toContain('cannot tell which export the pushed record belongs to');
  });

  it('skips a missing file with a warning and throws KP_ERR_SOURCE_MISSING for a missing folder', async () => {
    const partial = writeTaxFixture();
    rmSync(join(partial, 'ratings.ndjson'));
    warnings.length = 0;
    const records = await readAll(partial);
    expect(records.some((r) => r.origin.file === 'tax/ratings.ndjson')).toBe(false);
    expect(warnings).toContain('tax/ratings.ndjson is missing; nothing was read from it');
    await expect(readAll(join(partial, 'nope'))).rejects.toMatchObject({ code: 'KP_ERR_SOURCE_MISSING' });
  });
});

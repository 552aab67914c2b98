import { readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AdapterContext, AdapterRecord } from '@kaoping/contract';
import {
  checkAdapter, makeDirectory, readAdapter, recordingLogger, recordsAt, rejectedAt as rejectedIn,
} from '@kaoping/testkit';
import { describe, expect, it } from 'vitest';
import adapter, { type PartyConfig } from './index.js';
import { DIRECTORY, writePartyFixture } from './fixture.test-support.js';

const logger = recordingLogger();
const localMidnight = (y: number, m: number, d: number) => Date.UTC(y, m - 1, d) - 8 * 3_600_000;
function context(dir: string): AdapterContext<PartyConfig> {
  return { config: adapter.config.defaults, dir, directory: makeDirectory(DIRECTORY), logger };
}
const readAll = (dir: string) => readAdapter(adapter, context(dir));
const at = (records: AdapterRecord[], line: number) => recordsAt(records, 'party/activities.json', line);
const rejectedAt = (records: AdapterRecord[], line: number) => rejectedIn(records, 'party/activities.json', line);

describe('party-affairs adapter', () => {
  const dir = writePartyFixture();

  it('passes the adapter conformance suite on a fixture with every 党务 defect', async () => {
    await checkAdapter(adapter, {
      dir, directory: DIRECTORY,
      expect: { events: 5, rejected: { KP_ERR_RECORD_UNKNOWN_REFERENCE: 2, KP_ERR_RECORD_INVALID: 3, KP_ERR_ENCODING: 1 } },
    });
  });

  it('maps organisational life and study records, however the array is laid out', async () => {
    const records = await readAll(dir);
    expect(at(records, 2)[0]).toEqual({ kind: 'event', origin: { file: 'party/activities.json', line: 2 }, event: {
      id: 'L1', source: 'party-affairs', type: 'party.life.recorded', actorId: 'P001', unitId: 'U01', occurredAt: localMidnight(2026, 3, 5), attrs: { status: 'attended' },
    } });
    expect(at(records, 3)[0]).toMatchObject({ event: { id: 'L2', type: 'party.study.recorded', attrs: { credits: 2 } } });
    expect(at(records, 10)[0]).toMatchObject({ event: { id: 'L8', attrs: { credits: 1.5 } } });
    expect(records.filter((r) => r.kind === 'event').map((r) => (r as Extract<AdapterRecord, { kind: 'event' }>).event.id)).toEqual(['L1', 'L2', 'L7', 'L1', 'L8']);
  });

  it('rejects unknown member and branch codes', async () => {
    const records = await readAll(dir);
    expect(rejectedAt(records, 4).reason).toBe('party/activities.json line 4: unknown person code "P999" in memberCode; import the HR people.csv that defines it, or correct memberCode in 党务系统 and re-export');
    expect(rejectedAt(records, 5)).toMatchObject({ code: 'KP_ERR_RECORD_UNKNOWN_REFERENCE', raw: expect.stringContaining('"branchUnitCode":"U99"') });
  });

  it('rejects a date that does not exist and a status outside attended/absent', async () => {
    const records = await readAll(dir);
    expect(rejectedAt(records, 6).reason).toBe('party/activities.json line 6: date "2026-02-29" is not a calendar date or time that exists; correct date in 党务系统 and re-export');
    expect(rejectedAt(records, 18).reason).toBe('party/activities.json line 18: status "late" is not one of attended / absent; correct status in 党务系统 and re-export');
  });

  it('rejects a GBK item as wrong encoding', async () => {
    expect(rejectedAt(await readAll(dir), 7)).toMatchObject({
      code: 'KP_ERR_ENCODING',
      reason: 'party/activities.json line 7: the record is not valid UTF-8 (it decodes to U+FFFD); re-export the file as UTF-8',
    });
  });

  it('rejects the truncated final object, naming its line', async () => {
    expect(rejectedAt(await readAll(dir), 19)).toMatchObject({
      code: 'KP_ERR_RECORD_INVALID', raw: '{"id":"L10","memberCode":"P001',
      reason: 'party/activities.json line 19: the file ends inside this record: the export was cut off; re-export the file from 党务系统',
    });
  });

  it('normalises dirty codes', async () => {
    expect(at(await readAll(dir), 8)[0]).toMatchObject({ kind: 'event', event: { id: 'L7', actorId: 'P003', unitId: 'U02' } });
  });

  it('streams the array: stopping after the first item leaves most of a large file unread', async () => {
    const big = writePartyFixture();
    const path = join(big, 'activities.json');
    const items = Array.from({ length: 20_000 }, (_, i) => JSON.stringify({ id: `B${i}`, memberCode: 'P001', branchUnitCode: 'U01', kind: 'study', date: '2026-03-06', credits: 1 }));
    writeFileSync(path, `[\n${items.join(',\n')}\n]\n`);
    const it = adapter.read(context(big))[Symbol.asyncIterator]();
    expect((await it.next()).value).toMatchObject({ event: { id: 'B0' } });
    truncateSync(path, 0);
    let n = 1;
    while (!(await it.next()).done) n++;
    expect(n).toBeLessThan(20_000);
  });

  it('normalize maps a pushed item like read', () => {
    const [event] = adapter.normalize({ id: 'X1', memberCode: 'P002', branchUnitCode: null, kind: 'study', date: '2026-07-01', credits: 3 }, context(dir));
    expect(event).toEqual({ kind: 'event', origin: { file: 'push', line: 0 }, event: {
      id: 'X1', source: 'party-affairs', type: 'party.study.recorded', actorId: 'P002', unitId: null, occurredAt: localMidnight(2026, 7, 1), attrs: { credits: 3 },
    } });
  });

  it('notify appends to <outboxDir>/party-affairs-outbox.ndjson', async () => {
    const outboxDir = join(dir, '..', 'outbox');
    const message = { id: 'r1', kind: 'risk' as const, recipientId: 'P001', title: '组织生活缺勤', body: '本季度缺勤 2 次' };
    await adapter.notify!(message, { config: { ...adapter.config.defaults, outboxDir }, logger });
    expect(readFileSync(join(outboxDir, 'party-affairs-outbox.ndjson'), 'utf8')).toBe(`${JSON.stringify(message)}\n`);
  });
});

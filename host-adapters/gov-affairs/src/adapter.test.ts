import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AdapterContext, AdapterRecord } from '@kaoping/contract';
import {
  checkAdapter, eventIdsIn, makeDirectory, readAdapter, recordingLogger, recordsAt, rejectedAt as rejectedIn,
} from '@kaoping/testkit';
import { describe, expect, it } from 'vitest';
import adapter, { type OaConfig } from './index.js';
import { DIRECTORY, writeOaFixture } from './fixture.test-support.js';

const logger = recordingLogger();
const localMidnight = (y: number, m: number, d: number) => Date.UTC(y, m - 1, d) - 8 * 3_600_000;
function context(dir: string): AdapterContext<OaConfig> {
  return { config: adapter.config.defaults, dir, directory: makeDirectory(DIRECTORY), logger };
}
const readAll = (dir: string) => readAdapter(adapter, context(dir));
const at = (records: AdapterRecord[], file: string, line: number) => recordsAt(records, `oa/${file}`, line);
const rejectedAt = (records: AdapterRecord[], file: string, line: number) => rejectedIn(records, `oa/${file}`, line);
const eventIds = (records: AdapterRecord[], file: string) => eventIdsIn(records, `oa/${file}`);

describe('gov-affairs adapter', () => {
  const dir = writeOaFixture();

  it('passes the adapter conformance suite on a fixture with every OA defect', async () => {
    await checkAdapter(adapter, {
      dir, directory: DIRECTORY,
      expect: { events: 8, rejected: { KP_ERR_RECORD_UNKNOWN_REFERENCE: 3, KP_ERR_RECORD_INVALID: 4, KP_ERR_ENCODING: 1 } },
    });
  });

  it('maps a closed document to received and closed events with local-midnight attrs', async () => {
    const [received, closed] = at(await readAll(dir), 'documents.csv', 2);
    const attrs = { receivedAt: localMidnight(2026, 3, 2), deadline: localMidnight(2026, 3, 16), closedAt: localMidnight(2026, 3, 10) };
    expect(received).toEqual({ kind: 'event', origin: { file: 'oa/documents.csv', line: 2 }, event: {
      id: '杭税发〔2026〕1号', source: 'gov-affairs', type: 'gov.document.received', actorId: 'P001', unitId: 'U01', occurredAt: attrs.receivedAt, attrs,
    } });
    expect(closed).toMatchObject({ event: { id: '杭税发〔2026〕1号#c', type: 'gov.document.closed', occurredAt: attrs.closedAt, attrs } });
    expect(eventIds(await readAll(dir), 'documents.csv')).toEqual(['杭税发〔2026〕1号', '杭税发〔2026〕1号#c', '杭税发〔2026〕2号', 'D9', 'D9#c']);
  });

  it('rejects unknown codes, bad dates and a deadline before receipt', async () => {
    const records = await readAll(dir);
    expect(rejectedAt(records, 'documents.csv', 4)).toMatchObject({ code: 'KP_ERR_RECORD_UNKNOWN_REFERENCE', raw: 'D3,P999,U01,2026-03-03,2026-03-17,' });
    expect(rejectedAt(records, 'documents.csv', 5).reason).toBe('oa/documents.csv line 5: unknown unit code "U99" in 承办机构代码; import the HR units.csv that defines it, or correct 承办机构代码 in OA 政务系统 and re-export');
    expect(rejectedAt(records, 'documents.csv', 6).reason).toBe('oa/documents.csv line 6: 收文日期 "2026/03/04" is not a date: expected YYYY-MM-DD, YYYY-MM-DD HH:mm:ss or ISO 8601 with offset; correct 收文日期 in OA 政务系统 and re-export');
    expect(rejectedAt(records, 'documents.csv', 7).reason).toBe('oa/documents.csv line 7: 办结时限 2026-03-01 is before 收文日期 2026-03-10; correct the 办结时限 in OA 政务系统 and re-export');
    expect(rejectedAt(records, 'supervision.csv', 5).reason).toBe('oa/supervision.csv line 5: 要求完成日期 2026-03-01 is before 下达日期 2026-04-01; correct the 要求完成日期 in OA 政务系统 and re-export');
  });

  it('rejects a row with the wrong cell count and a GBK row', async () => {
    const records = await readAll(dir);
    expect(rejectedAt(records, 'documents.csv', 8).reason).toBe('oa/documents.csv line 8: the row has 5 cells but the header has 6 (文号, 承办人代码, 承办机构代码, 收文日期, 办结时限, 办结日期); correct the row in OA 政务系统 and re-export');
    expect(rejectedAt(records, 'documents.csv', 9)).toMatchObject({
      code: 'KP_ERR_ENCODING',
      reason: 'oa/documents.csv line 9: the line is not valid UTF-8 (it reads as GBK: "杭税办〔2026〕8号,P001,U01,2026-03-05,2026-03-19,"); re-export the file as UTF-8',
    });
  });

  it('normalises dirty codes', async () => {
    expect(at(await readAll(dir), 'documents.csv', 10)[0]).toMatchObject({ event: { id: 'D9', actorId: 'P002', unitId: 'U01' } });
  });

  it('maps supervision items to gov.supervision.due at the due date', async () => {
    expect(at(await readAll(dir), 'supervision.csv', 3)[0]).toMatchObject({ event: {
      id: 'DB2', type: 'gov.supervision.due', occurredAt: localMidnight(2026, 3, 31),
      attrs: { assignedAt: localMidnight(2026, 3, 1), dueAt: localMidnight(2026, 3, 31), completedAt: null },
    } });
  });

  it('normalize maps a pushed row with its file key like read', () => {
    const [event] = adapter.normalize({ file: 'supervision.csv', 督办编号: 'DB9', 责任人代码: 'P003', 责任机构代码: '', 下达日期: '2026-05-01', 要求完成日期: '2026-05-31', 完成日期: '' }, context(dir));
    expect(event).toMatchObject({ kind: 'event', origin: { file: 'push', line: 0 }, event: { id: 'DB9', unitId: null, attrs: { completedAt: null } } });
  });

  it('notify appends to <outboxDir>/gov-affairs-outbox.ndjson', async () => {
    const outboxDir = join(dir, '..', 'outbox');
    const message = { id: 'e1', kind: 'escalation' as const, recipientId: 'P003', title: '督办超期', body: 'DB2 已超期' };
    await adapter.notify!(message, { config: { ...adapter.config.defaults, outboxDir }, logger });
    expect(readFileSync(join(outboxDir, 'gov-affairs-outbox.ndjson'), 'utf8')).toBe(`${JSON.stringify(message)}\n`);
  });
});

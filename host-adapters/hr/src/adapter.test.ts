import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { AdapterContext, AdapterRecord } from '@kaoping/contract';
import {
  checkAdapter, makeDirectory, readAdapter, recordingLogger, recordsAt, rejectedAt as rejectedIn,
} from '@kaoping/testkit';
import { describe, expect, it } from 'vitest';
import adapter, { type HrConfig } from './index.js';
import { writeHrFixture } from './fixture.test-support.js';

const logger = recordingLogger();
const warnings = logger.warnings;
const H = 3_600_000;
const localMidnight = (y: number, m: number, d: number) => Date.UTC(y, m - 1, d) - 8 * 3_600_000;
function context(dir: string, config: HrConfig = adapter.config.defaults, directory = makeDirectory()): AdapterContext<HrConfig> {
  return { config, dir, directory, logger };
}
const readAll = (dir: string) => readAdapter(adapter, context(dir));
const at = (records: AdapterRecord[], file: string, line: number) => recordsAt(records, `hr/${file}`, line);
const rejectedAt = (records: AdapterRecord[], file: string, line: number) => rejectedIn(records, `hr/${file}`, line);
const idsOf = (records: AdapterRecord[], file: string) => records.filter((r) => r.kind !== 'rejected' && r.origin.file === `hr/${file}`)
  .map((r) => (r.kind === 'event' ? r.event.id : r.kind === 'unit' ? r.unit.id : r.kind === 'person' ? r.person.id : ''));

describe('hr adapter', () => {
  const dir = writeHrFixture();

  it('passes the adapter conformance suite on a GBK fixture with every 数字人事 defect', async () => {
    const report = await checkAdapter(adapter, {
      dir,
      expect: { events: 8, rejected: { KP_ERR_RECORD_UNKNOWN_REFERENCE: 4, KP_ERR_RECORD_INVALID: 6, KP_ERR_ENCODING: 1 } },
    });
    expect(report.units).toBe(3);
    expect(report.people).toBe(3);
  });

  it('yields units, then people, then events, and supplies the directory', async () => {
    const records = await readAll(dir);
    const order = records.filter((r) => r.kind !== 'rejected').map((r) => r.kind);
    expect(order.indexOf('person')).toBeGreaterThan(order.lastIndexOf('unit'));
    expect(order.indexOf('event')).toBeGreaterThan(order.lastIndexOf('person'));
    expect(adapter.providesDirectory).toBe(true);
  });

  it('reads GBK units, a child listed before its parent included', async () => {
    const records = await readAll(dir);
    expect(at(records, 'units.csv', 2)[0]).toEqual({ kind: 'unit', origin: { file: 'hr/units.csv', line: 2 }, unit: { id: 'U02', name: '城区税务局', parentId: 'U01', kind: 'district' } });
    expect(idsOf(records, 'units.csv')).toEqual(['U02', 'U01', 'U03']);
  });

  it('rejects a unit whose parent is unknown', async () => {
    expect(rejectedAt(await readAll(dir), 'units.csv', 5)).toMatchObject({
      code: 'KP_ERR_RECORD_UNKNOWN_REFERENCE', raw: 'U04,孤立科,U99,科室',
      reason: 'hr/units.csv line 5: unknown unit code "U99" in 上级机构代码; import the HR units.csv that defines it, or correct 上级机构代码 in 数字人事 and re-export',
    });
  });

  it('maps people, with 政治面貌 and 离职日期, and normalises a dirty code', async () => {
    const records = await readAll(dir);
    expect(at(records, 'people.csv', 2)[0]).toMatchObject({ person: {
      id: 'P001', name: '张三', unitId: 'U03', postId: 'FD', postName: '办税服务厅窗口', politicalStatus: '中共党员', since: localMidnight(2018, 3, 1), until: null,
    } });
    expect(at(records, 'people.csv', 6)[0]).toMatchObject({ kind: 'person', person: { id: 'P005', unitId: 'U03', until: localMidnight(2025, 12, 31) } });
    expect(idsOf(records, 'people.csv')).toEqual(['P001', 'P005', 'P007']);
  });

  it('rejects a person in an unknown unit, a bad date, a UTF-8 line and a short row, keeping the rest', async () => {
    const records = await readAll(dir);
    expect(rejectedAt(records, 'people.csv', 3).reason).toBe('hr/people.csv line 3: unknown unit code "U99" in 机构代码; import the HR units.csv that defines it, or correct 机构代码 in 数字人事 and re-export');
    expect(rejectedAt(records, 'people.csv', 4).reason).toBe('hr/people.csv line 4: 入职日期 "2020-02-30" is not a calendar date or time that exists; correct 入职日期 in 数字人事 and re-export');
    expect(rejectedAt(records, 'people.csv', 5)).toMatchObject({
      code: 'KP_ERR_ENCODING',
      reason: 'hr/people.csv line 5: the line is UTF-8, not GBK ("P004,赵六,U03,LG,法制,群众,2021-01-04,"); re-export the file as GBK',
    });
    expect(rejectedAt(records, 'people.csv', 7)).toMatchObject({
      code: 'KP_ERR_RECORD_INVALID', raw: 'P006,孙八,U02,TM,税源管理,群众,2016-05-01',
      reason: 'hr/people.csv line 7: the row has 7 cells but the header has 8 (人员代码, 姓名, 机构代码, 岗位代码, 岗位名称, 政治面貌, 入职日期, 离职日期); correct the row in 数字人事 and re-export',
    });
  });

  it('maps sanctions, attendance and tier history per the catalogue', async () => {
    const records = await readAll(dir);
    expect(at(records, 'sanctions.csv', 2)[0]).toMatchObject({ event: {
      id: 'S1', source: 'hr', type: 'hr.sanction.imposed', actorId: 'P001', unitId: null, occurredAt: localMidnight(2026, 4, 10),
      attrs: { sanctionType: '党纪处分', effectiveUntil: localMidnight(2027, 4, 9) },
    } });
    expect(at(records, 'sanctions.csv', 4)[0]).toMatchObject({ event: { attrs: { sanctionType: '处分', effectiveUntil: null } } });
    expect(at(records, 'attendance.csv', 7)[0]).toMatchObject({ event: { id: 'A6', type: 'hr.attendance.recorded', occurredAt: localMidnight(2026, 3, 3), attrs: { status: 'leave' } } });
    expect(at(records, 'tier-history.csv', 3)[0]).toMatchObject({ event: { id: 'P007:2025', type: 'hr.tier.recorded', occurredAt: localMidnight(2025, 1, 1), attrs: { year: 2025, tier: 2 } } });
  });

  it('rejects events of unknown people (including people rejected above) and bad values', async () => {
    const records = await readAll(dir);
    expect(rejectedAt(records, 'sanctions.csv', 3)).toMatchObject({ code: 'KP_ERR_RECORD_UNKNOWN_REFERENCE' });
    expect(rejectedAt(records, 'attendance.csv', 4).reason).toContain('unknown person code "P002" in 人员代码');
    expect(rejectedAt(records, 'attendance.csv', 5).reason).toBe('hr/attendance.csv line 5: 日期 "2026-03-32" is not a calendar date or time that exists; correct 日期 in 数字人事 and re-export');
    expect(rejectedAt(records, 'attendance.csv', 8).reason).toBe('hr/attendance.csv line 8: 状态 "迟到" is not one of 出勤 / 缺勤 / 请假; correct 状态 in 数字人事 and re-export');
    expect(rejectedAt(records, 'tier-history.csv', 4).reason).toBe('hr/tier-history.csv line 4: 段 "4" is not an integer from 1 to 3; correct 段 in 数字人事 and re-export');
    expect(rejectedAt(records, 'tier-history.csv', 5)).toMatchObject({ code: 'KP_ERR_RECORD_INVALID', raw: 'P007,20' });
  });

  it('accepts a dirty staff code and leaves duplicate ids to the store', async () => {
    const records = await readAll(dir);
    expect(at(records, 'attendance.csv', 3)[0]).toMatchObject({ event: { id: 'A2', actorId: 'P007', attrs: { status: 'absent' } } });
    expect(idsOf(records, 'attendance.csv')).toEqual(['A1', 'A2', 'A1', 'A6']);
  });

  it('normalize maps a pushed row keyed by column names plus file, against the directory', () => {
    const ctx = context(dir, adapter.config.defaults, makeDirectory({ units: ['U01'], people: { P001: 'U01' } }));
    const [event] = adapter.normalize({ file: 'attendance', 记录号: 'A9', 人员代码: 'P001', 日期: '2026-06-01', 状态: '缺勤' }, ctx);
    expect(event).toEqual({ kind: 'event', origin: { file: 'push', line: 0 }, event: {
      id: 'A9', source: 'hr', type: 'hr.attendance.recorded', actorId: 'P001', unitId: null, occurredAt: localMidnight(2026, 6, 1), attrs: { status: 'absent' },
    } });
    const [rejected] = adapter.normalize({ file: 'people.csv', 人员代码: 'P9', 姓名: '某', 机构代码: 'U77', 岗位代码: 'FD', 入职日期: '2020-01-01' }, ctx);
    expect(rejected).toMatchObject({ kind: 'rejected', code: 'KP_ERR_RECORD_UNKNOWN_REFERENCE', origin: { file: 'push', line: 0 } });
  });

  it('skips a missing file with one warning and throws KP_ERR_SOURCE_MISSING for a missing folder', async () => {
    const partial = writeHrFixture();
    rmSync(join(partial, 'units.csv'));
    warnings.length = 0;
    const records = await readAll(partial);
    expect(warnings).toEqual(['hr/units.csv is missing; nothing was read from it']);
    // Without units every person's unit is unknown.
    expect(records.filter((r) => r.kind === 'person')).toEqual([]);
    await expect(readAll(join(partial, 'nope'))).rejects.toMatchObject({ code: 'KP_ERR_SOURCE_MISSING' });
  });

  it('notify appends one JSON line per message to the outbox', async () => {
    const outboxDir = join(dir, '..', 'outbox');
    const message = { id: 't1', kind: 'task' as const, recipientId: 'P001', title: '整改', body: '请于本周内整改' };
    await adapter.notify!(message, { config: { ...adapter.config.defaults, outboxDir }, logger });
    expect(JSON.parse(readFileSync(join(outboxDir, 'hr-outbox.ndjson'), 'utf8'))).toEqual(message);
    await expect(adapter.notify!(message, { config: adapter.config.defaults, logger })).rejects.toThrow('adapters.hr.outboxDir');
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Risk } from '@kaoping/contract';
import { openSqliteStore } from '@kaoping/store-sqlite';
import { afterAll, describe, expect, it } from 'vitest';
import { runEmbeddedDemo } from './embedded-demo.js';
import type { StepReport } from './front-desk.js';

const dir = mkdtempSync(join(tmpdir(), 'kp-embedded-host-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const quiet = { info() {}, warn() {}, error() {} };
const lines: string[] = [];
let reports: StepReport[];
const dbFile = join(dir, 'front-desk.db');

const reportAt = (when: string) => reports.find((r) => r.step.at === when)!;
/** The kernel's own deadline trigger files open matters under the on-time rate (overdue-open has deadline warnings of its own). */
const isMatterDeadline = (r: Risk) => r.trigger === 'deadline' && r.indicator === 'business.on-time-rate';
const deadlineRisks = (risks: Risk[]) => risks.filter(isMatterDeadline).map((r) => ({ subject: r.subject.id, severity: r.severity, evidence: r.evidence }));

describe('embedded host (办税服务厅 with the kernel in-process)', () => {
  it('runs the day through the hook on a real SQLite file', async () => {
    reports = await runEmbeddedDemo({ dbFile, print: (l) => lines.push(l), logger: quiet });
    expect(reports).toHaveLength(9);
    expect(lines).toContain('plugin business.on-time-rate 1.0.0 started');
    expect(reports.filter((r) => r.answer).every((r) => r.answer!.accepted && r.answer!.errors.length === 0)).toBe(true);
  });

  it('shows each clerk\'s month-to-date on-time rate before → after every completed matter', () => {
    expect(reports.flatMap((r) => (r.onTime ? [r.onTime] : []))).toEqual([
      { personId: 'P001', period: '2026-03', before: null, after: 1 },
      { personId: 'P001', period: '2026-03', before: 1, after: 0.5 },
      { personId: 'P002', period: '2026-03', before: null, after: 0 },
      { personId: 'P002', period: '2026-03', before: 0, after: 0.5 },
    ]);
    expect(lines).toContain(lines.find((l) => l.startsWith('  办税时限达标率 on-time rate 2026-03 张敏: 100.0% → 50.0%')));
  });

  it('warns at once when a matter is accepted within 24 h of its deadline, and clears it when completed', () => {
    expect(deadlineRisks(reportAt('2026-03-02 09:05').raised)).toEqual([{ subject: 'P001', severity: 'medium', evidence: ['SX001#a'] }]);
    expect(deadlineRisks(reportAt('2026-03-02 09:30').raised)).toEqual([]);
    expect(deadlineRisks(reportAt('2026-03-02 10:10').resolved)).toEqual([{ subject: 'P001', severity: 'medium', evidence: ['SX001#a'] }]);
    expect(lines).toContain('  ⚠ 预警 risk [medium 时效] 张敏: 办税事项 SX001#a 未办结，距办理期限还有 7.9 小时（期限 2026-03-02 17:00）(open tax matter SX001#a is due in 7.9 h, deadline 2026-03-02 17:00)');
  });

  it('raises the month-to-date trend warning when a late matter drops the rate below the warning line', () => {
    const trend = reportAt('2026-03-03 11:30').raised.filter((r) => r.trigger === 'trend');
    expect(trend).toMatchObject([{ subject: { kind: 'person', id: 'P001' }, severity: 'high', period: '2026-03', indicator: 'business.on-time-rate' }]);
    expect(trend[0].message).toBe('期内至今办税时限达标率为 0.5，低于预警线 0.8695（2 条记录）(period-to-date On-time handling rate 0.5 is below the warning line 0.8695, 2 records)');
  });

  it('has the scheduled check raise a matter left open past its deadline as overdue (high)', () => {
    expect(deadlineRisks(reportAt('2026-03-05 08:30').raised)).toEqual([{ subject: 'P002', severity: 'high', evidence: ['SX004#a'] }]);
    expect(lines).toContain('  ⚠ 预警 risk [high 时效] 李强: 办税事项 SX004#a 未办结，已超过办理期限 15.5 小时（期限 2026-03-04 17:00）(open tax matter SX004#a is 15.5 h past its deadline, deadline 2026-03-04 17:00)');
    expect(deadlineRisks(reportAt('2026-03-05 10:00').resolved)).toEqual([{ subject: 'P002', severity: 'high', evidence: ['SX004#a'] }]);
  });

  it('leaves the events and the risk history in the SQLite file', async () => {
    const store = openSqliteStore(dbFile);
    try {
      expect(store.countEvents()).toBe(8);
      const risks = store.listRisks({});
      expect(risks.filter((r) => isMatterDeadline(r) && r.status === 'resolved').map((r) => r.evidence[0]).sort()).toEqual(['SX001#a', 'SX003#a', 'SX004#a']);
      expect(store.listRisks({ status: 'open' }).filter((r) => r.trigger === 'trend' && r.subject.kind === 'person').map((r) => r.subject.id).sort()).toEqual(['P001', 'P002']);
    } finally {
      store.close();
    }
  });
});

import type { Kernel } from '@kaoping/kernel';
import { localTime } from './table.js';

/** What one scan-and-deliver pass did, in counts a user checks (and `--json` prints). */
export interface ScanSummary {
  at: number;
  raised: number;
  resolved: number;
  /** Risks raised on a unit with no leader to assign their task to. */
  unassigned: number;
  escalated: number;
  delivered: number;
  /** Messages the host did not take; they stay queued and are retried with a growing delay. */
  failed: number;
  /** Why they failed: each distinct error with how many messages it stopped. */
  failures: { error: string; messages: number }[];
  /** Indicators whose warning check threw (the rest went on). */
  warnings: { indicator: string; message: string }[];
}

function countBy(values: readonly string[]): [string, number][] {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts];
}

/**
 * The loop's scheduled pass, once: raise and resolve risks (`scan`), then escalate overdue tasks
 * and deliver queued messages (`tick`). `kaoping risks scan` runs it, and `kaoping import` after
 * an import, since bulk imports do not raise risks event by event.
 */
export async function scanAndDeliver(kernel: Kernel): Promise<ScanSummary> {
  const at = kernel.clock();
  const changes = await kernel.loop.scan(at);
  const tick = await kernel.loop.tick(at);
  return {
    at,
    raised: changes.raised.length,
    resolved: changes.resolved.length,
    unassigned: changes.unassigned.length,
    escalated: tick.escalated.length,
    delivered: tick.delivery.delivered.length,
    failed: tick.delivery.failed.length,
    failures: countBy(tick.delivery.failed.map((f) => f.error)).map(([error, messages]) => ({ error, messages })),
    warnings: changes.warnings,
  };
}

/** The summary for people, Chinese labels first. */
export function scanSummaryText(s: ScanSummary): string {
  const lines = [
    `风险扫描 risk scan at ${localTime(s.at)}`,
    `  新增风险 raised      ${s.raised}`,
    `  解除风险 resolved    ${s.resolved}`,
    `  无人分派 unassigned  ${s.unassigned} (单位无负责人 unit without a leader)`,
    `  升级任务 escalated   ${s.escalated}`,
    `  已投递 delivered     ${s.delivered}`,
    `  投递失败 failed      ${s.failed} (留在发件箱稍后重试 kept in the outbox, retried later)`,
  ];
  for (const f of s.failures) lines.push(`    ${f.messages} × ${f.error}`);
  for (const w of s.warnings) lines.push(`  警告 warning: ${w.indicator}: ${w.message}`);
  return lines.join('\n');
}

import { formatIssues, periodOf, type ActivityEvent, type Risk } from '@kaoping/contract';
import type { HookResult } from '@kaoping/kernel';
import { personName } from './directory.js';
import type { Step } from './front-desk-day.js';
import type { DeskClock } from './kernel-setup.js';
import { at, showTime } from './local-time.js';
import { acceptedEvent, completedEvent, type Matter } from './matter-events.js';

export const ON_TIME = 'business.on-time-rate';

/** How the front desk reaches Kaoping: the kernel in-process, or the server over HTTP. */
export interface ScoringBackend {
  /** Scores one event now; answers what `kernel.hook(event)` answers. */
  hook(event: ActivityEvent): Promise<HookResult>;
  /** The open risks, once the closed loop has reacted to the last event. */
  openRisks(): Promise<Risk[]>;
  /** Keeps the event in the store, so the scheduled check can find matters still open. Optional. */
  keep?(event: ActivityEvent): Promise<void>;
  /** The scheduled deadline check. Optional: over HTTP the server's owner runs it. */
  scheduledCheck?(): Promise<void>;
}

/** What one step did, as the front desk showed it. */
export interface StepReport {
  step: Step;
  event?: ActivityEvent;
  answer?: HookResult;
  /** The clerk's month-to-date on-time rate before and after a completed matter. */
  onTime?: { personId: string; period: string; before: number | null; after: number | null };
  raised: Risk[];
  resolved: Risk[];
}

export function percent(v: number | null | undefined): string {
  return v === null || v === undefined ? '—' : `${(v * 100).toFixed(1)}%`;
}

/** Risk ids are random: list them in an order that reads the same on every run. */
function byMessage(a: Risk, b: Risk): number {
  return a.message < b.message ? -1 : a.message > b.message ? 1 : 0;
}

function riskLine(r: Risk, verb: string): string {
  return `  ${verb} [${r.severity} ${r.categories.join('/')}] ${personName(r.subject.id)}: ${r.message}`;
}

/**
 * Runs the front desk's steps against a backend: every accepted and completed matter goes
 * through the scoring hook as it happens, and what changed for the clerk is shown inline —
 * the on-time rate before → after, and every warning the closed loop raised or cleared for
 * a person. Only person risks are shown: unit warnings go to the hall's leader, not the desk.
 */
export async function runFrontDesk(
  backend: ScoringBackend, steps: readonly Step[], clock: DeskClock, print: (line: string) => void,
): Promise<StepReport[]> {
  const matters = new Map<string, Matter>();
  const shown = new Map<string, number | null>();
  let open = new Map((await backend.openRisks()).map((r) => [r.id, r]));
  const reports: StepReport[] = [];

  for (const step of steps) {
    clock.now = at(step.at);
    const report: StepReport = { step, raised: [], resolved: [] };
    if (step.kind === 'check') {
      print(`${step.at}  定时检查 scheduled deadline check`);
      if (backend.scheduledCheck) await backend.scheduledCheck();
      else print('  (runs in the server, over the matters it has stored)');
    } else {
      const event = step.kind === 'accept' ? accept(matters, step.matter, clock.now) : complete(matters, step.matterId, clock.now);
      const m = matters.get(event.attrs.matterId as string)!;
      const late = step.kind === 'complete' && clock.now > m.deadlineAt;
      print(step.kind === 'accept'
        ? `${step.at}  受理 accepted ${m.id} ${m.type} — ${personName(m.clerk)} (${m.clerk}), 期限 deadline ${showTime(m.deadlineAt)}`
        : `${step.at}  办结 completed ${m.id} ${m.type} — ${personName(m.clerk)} (${m.clerk}), ${late ? '超期 late' : '按期 on time'}`);
      await backend.keep?.(event);
      const answer = await backend.hook(event);
      Object.assign(report, { event, answer });
      if (!answer.accepted) print(`  ✗ 拒收 refused: ${formatIssues(answer.errors)}`);
      for (const w of answer.warnings) print(`  ! ${w.plugin}: ${w.message}`);
      if (step.kind === 'complete') report.onTime = showOnTime(answer, m.clerk, clock.now, shown, print);
    }
    const now = new Map((await backend.openRisks()).filter((r) => r.subject.kind === 'person').map((r) => [r.id, r]));
    report.raised = [...now.values()].filter((r) => !open.has(r.id)).sort(byMessage);
    report.resolved = [...open.values()].filter((r) => !now.has(r.id)).sort(byMessage);
    for (const r of report.raised) print(riskLine(r, '⚠ 预警 risk'));
    for (const r of report.resolved) print(riskLine(r, '✓ 解除 cleared'));
    open = now;
    reports.push(report);
  }
  return reports;
}

function accept(matters: Map<string, Matter>, m: Extract<Step, { kind: 'accept' }>['matter'], now: number): ActivityEvent {
  const matter: Matter = { id: m.id, type: m.type, clerk: m.clerk, acceptedAt: now, deadlineAt: at(m.deadline) };
  matters.set(m.id, matter);
  return acceptedEvent(matter);
}

function complete(matters: Map<string, Matter>, id: string, now: number): ActivityEvent {
  const matter = matters.get(id);
  if (!matter) throw new Error(`front desk: matter ${id} is completed before it was accepted`);
  return completedEvent(matter, now);
}

/** The clerk's month value from the hook's answer, against what the desk showed last time. */
function showOnTime(answer: HookResult, personId: string, now: number, shown: Map<string, number | null>, print: (line: string) => void): StepReport['onTime'] {
  const period = periodOf(now, 'month').id;
  const change = answer.changed.find((c) => c.indicator === ON_TIME && c.subject.kind === 'person' && c.subject.id === personId && c.period === period);
  if (!change) return undefined;
  const key = `${personId}|${period}`;
  const before = shown.get(key) ?? null;
  shown.set(key, change.value);
  print(`  办税时限达标率 on-time rate ${period} ${personName(personId)}: ${percent(before)} → ${percent(change.value)}  (${answer.changed.length} values changed)`);
  return { personId, period, before, after: change.value };
}

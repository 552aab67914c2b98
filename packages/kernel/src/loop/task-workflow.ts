import { kpError, type HostMessage, type Risk, type Task, type TaskState } from '@kaoping/contract';
import { auditEntry } from './audit.js';
import { outboxRow } from './outbox.js';
import { recordResolved } from './risk-records.js';
import type { Routing } from './routing.js';
import { SYSTEM_ACTOR, type LoopContext } from './types.js';
import type { Announce } from './unit-of-work.js';

/** The rectification workflow: open → acknowledged → submitted → verified | reopened → … */
export const TASK_TRANSITIONS: Readonly<Record<TaskState, readonly TaskState[]>> = Object.freeze({
  open: ['acknowledged'],
  acknowledged: ['submitted'],
  submitted: ['verified', 'reopened'],
  reopened: ['acknowledged', 'submitted'],
  verified: [],
});

/** States in which a task waits on its assignee, so being late escalates it. */
const AWAITING_ASSIGNEE: ReadonlySet<TaskState> = new Set(['open', 'acknowledged', 'reopened']);

/** Throws KP_ERR_TASK_TRANSITION naming the transitions allowed from the task's state. */
export function assertTransition(task: Pick<Task, 'id' | 'state'>, to: TaskState): void {
  const allowed = TASK_TRANSITIONS[task.state];
  if (allowed.includes(to)) return;
  throw kpError('KP_ERR_TASK_TRANSITION', task.id, task.state, to, task.state, allowed.length ? allowed.join(', ') : 'none (the task is closed)');
}

/** Writes the task's new state with the transition row, the audit entry and the bus event. */
async function move(
  ctx: LoopContext, task: Task, to: TaskState, who: string, note: string | null, now: number, announce: Announce,
  patch: Partial<Task> = {},
): Promise<Task> {
  const next: Task = { ...task, ...patch, state: to, updatedAt: now };
  await ctx.store.putTasks([next]);
  await ctx.store.addTaskTransitions([{ taskId: task.id, who, at: now, from: task.state, to, note }]);
  await ctx.store.appendAudit([auditEntry(now, who, 'task.transition', `task/${task.id}`, { from: task.state, to, note })]);
  announce('task.changed', { task: next, from: task.state });
  return next;
}

function taskMessage(kind: HostMessage['kind'], id: string, recipientId: string, task: Task, risk: Risk): HostMessage {
  const due = new Date(task.dueAt).toISOString();
  const [zh, en] = kind === 'escalation'
    ? [`整改任务逾期未完成（${task.assigneeId}）`, `Overdue rectification task of ${task.assigneeId}`]
    : ['绩效风险整改任务', 'Performance risk: rectification task'];
  return {
    id, kind, recipientId, title: `${zh} / ${en}`, dueAt: task.dueAt,
    body: `${risk.message}\n[${risk.categories.join('、')}] ${risk.indicator} ${risk.period} · task ${task.id} · due ${due}`,
  };
}

/** Enqueues a message for a person through the adapter of the host they work in. */
async function push(ctx: LoopContext, routing: Routing, message: HostMessage, now: number): Promise<void> {
  await ctx.store.enqueueOutbox([outboxRow(routing.adapterFor(message.recipientId), message, now)]);
}

/**
 * Opens the rectification task of a new risk: for a person, the person; for a unit, its leader.
 * Returns undefined when a unit has no leader to assign (the risk stays open, visible, unassigned).
 */
export async function openTask(ctx: LoopContext, routing: Routing, risk: Risk, now: number, announce: Announce): Promise<Task | undefined> {
  const assigneeId = risk.subject.kind === 'person' ? risk.subject.id : routing.leaderOf(risk.subject.id);
  if (assigneeId === undefined) return undefined;
  const task: Task = {
    id: ctx.newId(), riskId: risk.id, assigneeId, state: 'open', dueAt: now + ctx.config.tasks.dueMs,
    escalatedTo: null, createdAt: now, updatedAt: now,
  };
  await ctx.store.putTasks([task]);
  await ctx.store.addTaskTransitions([{ taskId: task.id, who: SYSTEM_ACTOR, at: now, from: null, to: 'open', note: risk.message }]);
  await ctx.store.appendAudit([auditEntry(now, SYSTEM_ACTOR, 'task.transition', `task/${task.id}`, { from: null, to: 'open', riskId: risk.id, assigneeId })]);
  await push(ctx, routing, taskMessage('task', `task:${task.id}`, assigneeId, task, risk), now);
  announce('task.changed', { task, from: null });
  return task;
}

async function loadTask(ctx: LoopContext, taskId: string): Promise<Task> {
  const [task] = await ctx.store.listTasks({ id: taskId });
  if (task === undefined) throw kpError('KP_ERR_NOT_FOUND', 'Task', taskId);
  return task;
}

async function riskOf(ctx: LoopContext, task: Task): Promise<Risk | undefined> {
  return (await ctx.store.listRisks({ id: task.riskId }))[0];
}

/**
 * A person moves a task on. Submitting needs the rectification note; verifying resolves the risk.
 * An illegal step throws KP_ERR_TASK_TRANSITION and changes nothing.
 */
export async function transitionTask(
  ctx: LoopContext, taskId: string, to: TaskState, who: string, note: string | null, now: number, announce: Announce,
): Promise<Task> {
  const task = await loadTask(ctx, taskId);
  assertTransition(task, to);
  if (to === 'submitted' && !note?.trim()) {
    throw kpError('KP_ERR_USAGE', `Submitting task "${taskId}" needs the rectification note: say what was done to put the risk right`);
  }
  const next = await move(ctx, task, to, who, note ?? null, now, announce);
  if (to === 'verified') {
    const risk = await riskOf(ctx, task);
    if (risk) await recordResolved(ctx, risk, now, who, `task ${task.id} verified`, announce);
  }
  return next;
}

/** The data cleared (or an appeal withdrew the risk): the task closes as verified by the system. */
export async function closeBySystem(ctx: LoopContext, riskId: string, why: string, now: number, announce: Announce): Promise<void> {
  for (const task of await ctx.store.listTasks({ riskId })) {
    if (task.state !== 'verified') await move(ctx, task, 'verified', SYSTEM_ACTOR, `verified by system: ${why}`, now, announce);
  }
}

/** Whether a person (not the system) verified a task of this risk: then its condition is not raised again. */
export async function verifiedByPerson(ctx: LoopContext, riskId: string): Promise<boolean> {
  for (const task of await ctx.store.listTasks({ riskId, state: 'verified' })) {
    const last = (await ctx.store.listTaskTransitions(task.id)).at(-1);
    if (last !== undefined && last.who !== SYSTEM_ACTOR) return true;
  }
  return false;
}

/**
 * Escalates, once, every task past due that still waits on its assignee: records the leader in
 * `escalatedTo` and pushes an escalation message to them. A submitted task waits on the evaluator,
 * so it does not escalate; a person with no leader above them is skipped (and reported).
 */
export async function escalateOverdue(
  ctx: LoopContext, routing: Routing, now: number, announce: Announce,
): Promise<{ escalated: Task[]; noLeader: string[] }> {
  const escalated: Task[] = [];
  const noLeader: string[] = [];
  for (const task of await ctx.store.listTasks()) {
    if (!AWAITING_ASSIGNEE.has(task.state) || task.dueAt >= now || task.escalatedTo != null) continue;
    const leader = routing.leaderAbove(task.assigneeId);
    if (leader === undefined) {
      noLeader.push(task.id);
      continue;
    }
    const next: Task = { ...task, escalatedTo: leader, updatedAt: now };
    await ctx.store.putTasks([next]);
    await ctx.store.appendAudit([auditEntry(now, SYSTEM_ACTOR, 'task.escalated', `task/${task.id}`, { to: leader, dueAt: task.dueAt, state: task.state })]);
    const risk = await riskOf(ctx, task);
    if (risk) await push(ctx, routing, taskMessage('escalation', `escalation:${task.id}`, leader, task, risk), now);
    announce('task.changed', { task: next, from: task.state });
    escalated.push(next);
  }
  return { escalated, noLeader };
}

import { kpError, type HostMessage, type OutboxMessage, type Task, type TaskState, type TaskTransition } from '@kaoping/contract';
import { TASK_TRANSITIONS } from '@kaoping/kernel';
import { nounCommand, type VerbContext } from '../runtime/subcommands.js';
import { formatFields, formatTable, localTime, printRows, type Column } from '../runtime/table.js';
import { loadRisk, subjectText } from './risks.js';

const STATES = Object.keys(TASK_TRANSITIONS) as TaskState[];
/** What a person may move a task to; `open` is only ever set by the loop. */
const TARGETS = ['acknowledged', 'submitted', 'verified', 'reopened'] as const satisfies readonly TaskState[];

const TASK_COLUMNS: readonly Column<Task>[] = [
  { header: '编号 id', cell: (t) => t.id },
  { header: '状态 state', cell: (t) => t.state },
  { header: '责任人 assignee', cell: (t) => t.assigneeId },
  { header: '期限 due', cell: (t) => localTime(t.dueAt) },
  { header: '升级至 escalated', cell: (t) => t.escalatedTo ?? '—' },
  { header: '更新 updated', cell: (t) => localTime(t.updatedAt) },
  { header: '风险 risk', cell: (t) => t.riskId },
];

const HISTORY_COLUMNS: readonly Column<TaskTransition>[] = [
  { header: '时间 at', cell: (h) => localTime(h.at) },
  { header: '操作人 by', cell: (h) => h.who },
  { header: '变更 transition', cell: (h) => `${h.from ?? '—'} → ${h.to}` },
  { header: '说明 note', cell: (h) => h.note ?? '' },
];

const OUTBOX_COLUMNS: readonly Column<OutboxMessage>[] = [
  { header: '消息 message', cell: (m) => m.id },
  { header: '接收人 to', cell: (m) => (m.message as HostMessage).recipientId },
  { header: '通道 via', cell: (m) => m.adapter },
  { header: '投递 state', cell: (m) => m.state },
  { header: '尝试 attempts', cell: (m) => String(m.attempts), align: 'right' },
  { header: '送达/下次 delivered/next', cell: (m) => (m.deliveredAt ? localTime(m.deliveredAt) : `next ${localTime(m.nextAt)}`) },
  { header: '错误 error', cell: (m) => m.lastError ?? '' },
];

/** The outbox rows of a task: its own message and, if it went overdue, the escalation. */
function messagesOf(outbox: readonly OutboxMessage[], taskId: string): OutboxMessage[] {
  const ids = new Set([`task:${taskId}`, `escalation:${taskId}`]);
  return outbox.filter((m) => ids.has(m.id));
}

async function loadTask(ctx: VerbContext, id: string): Promise<Task> {
  const [task] = await (await ctx.store()).listTasks({ id });
  if (task === undefined) throw kpError('KP_ERR_NOT_FOUND', 'Task', id);
  return task;
}

async function list(ctx: VerbContext): Promise<void> {
  const state = ctx.oneOf('state', STATES);
  const assigneeId = ctx.optional('assignee');
  const tasks = await (await ctx.store()).listTasks({ state, assigneeId });
  printRows(tasks, TASK_COLUMNS, ctx.json, '没有任务 no tasks');
}

async function show(ctx: VerbContext): Promise<void> {
  const id = ctx.id('task');
  const task = await loadTask(ctx, id);
  const { kernel } = await ctx.open();
  const risk = await loadRisk(ctx, task.riskId);
  const history = await kernel.loop.taskHistory(id);
  const delivery = messagesOf(await kernel.loop.outbox(), id);
  if (ctx.json) {
    console.log(JSON.stringify({ task, risk, history, delivery }));
    return;
  }
  const next = TASK_TRANSITIONS[task.state];
  console.log([
    formatFields([
      ['任务 task', task.id],
      ['状态 state', `${task.state} (可转为 next: ${next.length ? next.join(', ') : '无 none, closed'})`],
      ['责任人 assignee', task.assigneeId],
      ['期限 due', localTime(task.dueAt)],
      ['升级至 escalated', task.escalatedTo ?? '—'],
      ['风险 risk', `${risk.id} [${risk.categories.join('、')}] ${subjectText(risk.subject)} ${risk.period} (${risk.status})`],
      ['说明 message', risk.message],
    ]),
    '',
    '流转记录 history',
    formatTable(HISTORY_COLUMNS, history),
    '',
    '投递 delivery',
    delivery.length ? formatTable(OUTBOX_COLUMNS, delivery) : '没有消息 no messages',
  ].join('\n'));
}

async function act(ctx: VerbContext): Promise<void> {
  const id = ctx.id('task');
  const to = ctx.oneOf('to', TARGETS, true)!;
  const by = ctx.flag('by');
  const note = ctx.optional('note') ?? null;
  const { kernel } = await ctx.open();
  const before = await loadTask(ctx, id);
  const task = await kernel.loop.transitionTask(id, to, by, note);
  if (ctx.json) console.log(JSON.stringify(task));
  else console.log(`任务 task ${task.id}: ${before.state} → ${task.state} (by ${by}${note ? `: ${note}` : ''})`);
}

export const tasksCommand = nounCommand({
  name: 'tasks',
  summary: 'Rectification tasks (整改任务): list, show with history and delivery, act (acknowledge, submit, verify, reopen)',
  options: { state: { type: 'string' }, assignee: { type: 'string' }, to: { type: 'string' }, by: { type: 'string' }, note: { type: 'string' } },
  defaultVerb: 'list',
  verbs: {
    list: { usage: 'kaoping tasks [list] --db FILE [--state open|acknowledged|submitted|verified|reopened] [--assignee ID] [--json]', run: list },
    show: { usage: 'kaoping tasks show ID --db FILE [--json]', run: show },
    act: { usage: 'kaoping tasks act ID --db FILE --to acknowledged|submitted|verified|reopened --by PERSON [--note TEXT] [--json]', run: act },
  },
});

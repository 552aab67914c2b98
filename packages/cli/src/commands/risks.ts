import { kpError, type Appeal, type Risk, type Task } from '@kaoping/contract';
import { scanAndDeliver, scanSummaryText } from '../runtime/loop-scan.js';
import { nounCommand, type VerbContext } from '../runtime/subcommands.js';
import { formatFields, formatTable, localTime, printRows, type Column } from '../runtime/table.js';

const STATUSES = ['open', 'resolved'] as const;

export function subjectText(s: Risk['subject']): string {
  return `${s.kind === 'person' ? '人员' : '单位'} ${s.id}`;
}

const RISK_COLUMNS: readonly Column<Risk>[] = [
  { header: '编号 id', cell: (r) => r.id },
  { header: '状态 status', cell: (r) => r.status },
  { header: '类别 category', cell: (r) => r.categories.join('、') || '—' },
  { header: '级别 severity', cell: (r) => r.severity },
  { header: '对象 subject', cell: (r) => subjectText(r.subject) },
  { header: '期间 period', cell: (r) => r.period },
  { header: '提出 raised', cell: (r) => localTime(r.raisedAt) },
  { header: '说明 message', cell: (r) => r.message },
];

const TASK_BRIEF: readonly Column<Task>[] = [
  { header: '任务 task', cell: (t) => t.id },
  { header: '状态 state', cell: (t) => t.state },
  { header: '责任人 assignee', cell: (t) => t.assigneeId },
  { header: '期限 due', cell: (t) => localTime(t.dueAt) },
];

const APPEAL_BRIEF: readonly Column<Appeal>[] = [
  { header: '申诉 appeal', cell: (a) => a.id },
  { header: '状态 state', cell: (a) => a.state },
  { header: '申诉人 person', cell: (a) => a.personId },
  { header: '理由 reason', cell: (a) => a.reason },
];

export async function loadRisk(ctx: VerbContext, id: string): Promise<Risk> {
  const [risk] = await (await ctx.store()).listRisks({ id });
  if (risk === undefined) throw kpError('KP_ERR_NOT_FOUND', 'Risk', id);
  return risk;
}

async function list(ctx: VerbContext): Promise<void> {
  const status = ctx.oneOf('status', STATUSES);
  const person = ctx.optional('person');
  const period = ctx.optional('period');
  const risks = await (await ctx.store()).listRisks({ status, subjectId: person, period });
  printRows(risks, RISK_COLUMNS, ctx.json, '没有风险 no risks');
}

async function show(ctx: VerbContext): Promise<void> {
  const id = ctx.id('risk');
  const risk = await loadRisk(ctx, id);
  const store = await ctx.store();
  const tasks = await store.listTasks({ riskId: id });
  const appeals = await store.listAppeals({ targetKind: 'risk', targetId: id });
  if (ctx.json) {
    console.log(JSON.stringify({ risk, tasks, appeals }));
    return;
  }
  const lines = [formatFields([
    ['风险 risk', risk.id],
    ['状态 status', `${risk.status}${risk.resolvedAt ? ` (解除 resolved ${localTime(risk.resolvedAt)})` : ''}`],
    ['类别 category', risk.categories.join('、') || '—'],
    ['级别 severity', risk.severity],
    ['对象 subject', subjectText(risk.subject)],
    ['期间 period', risk.period],
    ['指标 indicator', risk.indicator],
    ['触发 trigger', risk.trigger],
    ['提出 raised', localTime(risk.raisedAt)],
    ['说明 message', risk.message],
    ['依据 evidence', risk.evidence.length ? risk.evidence.join(', ') : '—'],
  ])];
  if (tasks.length) lines.push('', formatTable(TASK_BRIEF, tasks));
  if (appeals.length) lines.push('', formatTable(APPEAL_BRIEF, appeals));
  console.log(lines.join('\n'));
}

async function scan(ctx: VerbContext): Promise<void> {
  const { kernel } = await ctx.open();
  const summary = await scanAndDeliver(kernel);
  console.log(ctx.json ? JSON.stringify(summary) : scanSummaryText(summary));
}

export const risksCommand = nounCommand({
  name: 'risks',
  summary: 'Risks (风险预警): list, show one with its tasks and appeals, scan now (raise, resolve, deliver)',
  options: { status: { type: 'string' }, person: { type: 'string' }, period: { type: 'string' } },
  defaultVerb: 'list',
  verbs: {
    list: { usage: 'kaoping risks [list] --db FILE [--status open|resolved] [--person ID] [--period P] [--json]', run: list },
    show: { usage: 'kaoping risks show ID --db FILE [--json]', run: show },
    scan: { usage: 'kaoping risks scan --db FILE [--now ISO] [--json]', run: scan },
  },
});

import { kpError, type Appeal } from '@kaoping/contract';
import type { Adjustment } from '@kaoping/kernel';
import { nounCommand, type VerbContext } from '../runtime/subcommands.js';
import { formatFields, localTime, printRows, type Column } from '../runtime/table.js';

const STATES = ['open', 'accepted', 'rejected'] as const satisfies readonly Appeal['state'][];
const TARGETS = ['result', 'risk', 'tier'] as const satisfies readonly Appeal['targetKind'][];

interface Decision {
  outcome: 'accepted' | 'rejected';
  by: string;
  reason: string;
  at: number;
  original?: Record<string, unknown>;
  adjusted?: Record<string, unknown>;
}

const APPEAL_COLUMNS: readonly Column<Appeal>[] = [
  { header: '编号 id', cell: (a) => a.id },
  { header: '状态 state', cell: (a) => a.state },
  { header: '申诉人 person', cell: (a) => a.personId },
  { header: '对象 target', cell: (a) => `${a.targetKind} ${a.targetId}` },
  { header: '提出 filed', cell: (a) => localTime(a.createdAt) },
  { header: '决定 decided', cell: (a) => localTime(a.decidedAt) },
  { header: '理由 reason', cell: (a) => a.reason },
];

function fieldsText(fields: Record<string, unknown> | undefined): string {
  return fields ? Object.entries(fields).map(([k, v]) => `${k} ${JSON.stringify(v)}`).join(', ') : '—';
}

async function loadAppeal(ctx: VerbContext, id: string): Promise<Appeal> {
  const [appeal] = await (await ctx.store()).listAppeals({ id });
  if (appeal === undefined) throw kpError('KP_ERR_NOT_FOUND', 'Appeal', id);
  return appeal;
}

/** The appeal as a person reads it: the original and the adjusted values side by side. */
function appealText(a: Appeal): string {
  const d = a.decision as Decision | null;
  const fields: [string, string][] = [
    ['申诉 appeal', a.id],
    ['状态 state', a.state],
    ['申诉人 person', a.personId],
    ['对象 target', `${a.targetKind} ${a.targetId}`],
    ['理由 reason', a.reason],
    ['提出 filed', localTime(a.createdAt)],
  ];
  if (d) {
    fields.push(
      ['决定 decision', `${d.outcome} by ${d.by} at ${localTime(d.at)}`],
      ['决定理由 because', d.reason],
    );
    if (d.outcome === 'accepted') fields.push(['原值 original', fieldsText(d.original)], ['调整后 adjusted', fieldsText(d.adjusted)]);
  }
  return formatFields(fields);
}

async function list(ctx: VerbContext): Promise<void> {
  const state = ctx.oneOf('state', STATES);
  const personId = ctx.optional('person');
  const appeals = await (await ctx.store()).listAppeals({ state, personId });
  printRows(appeals, APPEAL_COLUMNS, ctx.json, '没有申诉 no appeals');
}

async function show(ctx: VerbContext): Promise<void> {
  const appeal = await loadAppeal(ctx, ctx.id('appeal'));
  console.log(ctx.json ? JSON.stringify(appeal) : appealText(appeal));
}

async function create(ctx: VerbContext): Promise<void> {
  const personId = ctx.flag('person');
  const targetKind = ctx.oneOf('target', TARGETS, true)!;
  const targetId = ctx.flag('target-id');
  const reason = ctx.flag('reason');
  const { kernel } = await ctx.open();
  const appeal = await kernel.loop.appeal({ personId, targetKind, targetId, reason });
  console.log(ctx.json ? JSON.stringify(appeal) : `申诉已提交 appeal filed: ${appeal.id} (${targetKind} ${targetId})`);
}

/** `--value 0.9`, `--value null` (no value); anything else is a usage error. */
function numberFlag(ctx: VerbContext, name: string): number | null | undefined {
  const text = ctx.optional(name);
  if (text === undefined) return undefined;
  if (text === 'null') return null;
  const n = Number(text);
  if (text.trim() === '' || !Number.isFinite(n)) throw ctx.usageError(`--${name} must be a number (or null), got "${text}"`);
  return n;
}

function adjustmentOf(ctx: VerbContext): Adjustment | undefined {
  const value = numberFlag(ctx, 'value');
  const score = numberFlag(ctx, 'score');
  const tier = ctx.oneOf('tier', ['1', '2', '3'] as const);
  const adj: Adjustment = {
    ...(value !== undefined ? { value } : {}),
    ...(score !== undefined ? { score } : {}),
    ...(tier !== undefined ? { tier: Number(tier) as 1 | 2 | 3 } : {}),
  };
  return Object.keys(adj).length ? adj : undefined;
}

async function decide(ctx: VerbContext): Promise<void> {
  const appealId = ctx.id('appeal');
  const evaluatorId = ctx.flag('by');
  const accept = ctx.args.values.accept === true;
  if (accept === (ctx.args.values.reject === true)) throw ctx.usageError('give exactly one of --accept and --reject');
  const reason = ctx.flag('reason');
  const adjustment = adjustmentOf(ctx);
  if (!accept && adjustment) throw ctx.usageError('--value, --score and --tier go with --accept; a rejection keeps the original');
  const { kernel } = await ctx.open();
  const appeal = await kernel.loop.decideAppeal({ appealId, evaluatorId, accept, reason, adjustment });
  console.log(ctx.json ? JSON.stringify(appeal) : appealText(appeal));
}

export const appealsCommand = nounCommand({
  name: 'appeals',
  summary: 'Appeals (申诉): list, show, create on a result, risk or tier, decide (original and adjusted both kept)',
  options: {
    state: { type: 'string' }, person: { type: 'string' }, target: { type: 'string' }, 'target-id': { type: 'string' },
    reason: { type: 'string' }, by: { type: 'string' }, accept: { type: 'boolean' }, reject: { type: 'boolean' },
    value: { type: 'string' }, score: { type: 'string' }, tier: { type: 'string' },
  },
  defaultVerb: 'list',
  verbs: {
    list: { usage: 'kaoping appeals [list] --db FILE [--state open|accepted|rejected] [--person ID] [--json]', run: list },
    show: { usage: 'kaoping appeals show ID --db FILE [--json]', run: show },
    create: { usage: 'kaoping appeals create --db FILE --person ID --target result|risk|tier --target-id ID --reason TEXT [--json]', run: create },
    decide: {
      usage: 'kaoping appeals decide ID --db FILE --by ID (--accept | --reject) --reason TEXT [--value N | --score N | --tier 1|2|3] [--json]',
      run: decide,
    },
  },
});

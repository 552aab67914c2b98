import { kpError } from '@kaoping/contract';
import {
  explain, type CompositeExplanation, type Explanation, type IndicatorExplanation, type SubjectInfo, type TierExplanation,
} from '@kaoping/kernel';
import { requireString, type Command } from '../command.js';
import { openRuntime } from '../runtime/open-runtime.js';

const USAGE = 'kaoping explain --db FILE --period P (--person ID | --unit ID) [--indicator ID | --tier] [--config FILE] [--json]';

const SOURCE = { stored: '已结算 stored by close', computed: '按当前状态计算 computed from the kept states (period not closed)' } as const;

/** Numbers for reading: 6 significant digits; exports and --json keep them unrounded. */
function n(x: number | null | undefined): string {
  return x === null || x === undefined ? '—' : String(Number(x.toPrecision(6)));
}

function who(s: SubjectInfo): string {
  if (s.kind === 'unit') return `${s.name} ${s.id} (${s.unitKind})`;
  const post = s.postName ? `${s.postId} ${s.postName}` : s.postId;
  return `${s.name} ${s.id} (${s.unitName ?? s.unitId}, 岗位 post ${post})`;
}

function tierName(t: number | null): string {
  return t === null ? '无段次 (no tier)' : `第${t}段 (tier ${t})`;
}

function indicatorText(e: IndicatorExplanation): string[] {
  const { indicator: ind, events } = e;
  const lines = [
    `${ind.title.zh} ${ind.title.en} (${ind.id} ${e.indicatorVersion}) — ${e.period}`,
    `对象 subject:  ${who(e.subject)}`,
    e.applies ? `值 value:      ${n(e.value)}` : '值 value:      — (不适用 does not apply to this person)',
    `得分 score:    ${n(e.score)}`,
    `状态 state:    ${JSON.stringify(e.state)}`,
    `参数 params:   ${JSON.stringify(e.params)} (hash ${e.paramsHash})`,
    `计分 scale:    ${e.scale.kind}: ${e.scale.formula}`,
  ];
  if (e.scale.kind === 'percentile') lines.push(`  同组 peers:  ${JSON.stringify(e.scale.peerGroup)}, below ${n(e.scale.below)}, equal ${n(e.scale.equal)}, n ${n(e.scale.n)}`);
  if (e.scale.computation) lines.push(`  计算 computed: ${e.scale.computation}`);
  const listed = events.truncated ? `, first ${events.ids.length} listed` : '';
  lines.push(`依据记录 records: ${events.count}${listed} (${events.attribution}: ${events.rule})`);
  for (const id of events.ids) lines.push(`  ${id}`);
  lines.push(`来源 source:   ${SOURCE[e.source]}`);
  return lines;
}

function weightLines(weights: Record<string, number>): string[] {
  return Object.entries(weights).map(([id, w]) => `  ${id.padEnd(36)} ${n(w)}`);
}

function tierText(e: TierExplanation): string[] {
  const lines = [
    `年度段次 annual tier — ${e.period}`,
    `对象 person:   ${who(e.subject)}`,
    `段次 tier:     ${tierName(e.tier)}, 原因 reason ${e.reason}${e.leftOn ? ` (离职 left on ${e.leftOn})` : ''}`,
    `综合分 score:  ${n(e.score)}`,
    `排名 rank:     ${n(e.rank)} of n ${n(e.n)}`,
    `名额 quota:    floor(${e.quota} × ${n(e.n)}) = ${n(e.quotaSlots)} 第1段名额 tier-1 places (given: ${n(e.tierOneSlots)})`,
    `阈值 threshold: ${e.threshold} (ranked below it ⇒ 第3段)`,
    `考核组 group:  ${e.group.name ?? ''} ${e.group.id}`.replace('  ', ' '),
  ];
  if (e.rules.length === 0) lines.push('触发规则 rules: none');
  else lines.push('触发规则 rules:');
  for (const r of e.rules) {
    lines.push(`  ${r.rule} (precedence ${r.precedence})${r.rule === e.forcedBy ? ' ← 生效 decides' : ''} ⇒ ${tierName(r.tier)}: ${r.message}`);
    for (const rec of r.records) lines.push(`    ${rec.id} ${rec.type} ${rec.date} ${JSON.stringify(rec.attrs)}`);
  }
  lines.push(`综合分权重 composite weights (composite ${n(e.composite.value)}):`, ...weightLines(e.composite.weights));
  lines.push(`来源 source:   ${SOURCE[e.source]}`);
  return lines;
}

function compositeText(e: CompositeExplanation): string[] {
  const lines = [
    `综合分 composite — ${e.period}`,
    `对象 subject:  ${who(e.subject)}`,
    `综合分 composite: ${n(e.composite)}`,
    `${'指标 indicator'.padEnd(44)}${'值 value'.padStart(12)}${'得分 score'.padStart(12)}${'权重 weight'.padStart(12)}`,
  ];
  for (const i of e.indicators) {
    lines.push(`${`${i.title.zh} ${i.id}`.padEnd(44)}${n(i.value).padStart(12)}${n(i.score).padStart(12)}${n(i.weight).padStart(12)}`);
  }
  if (e.weights['@people'] !== undefined) lines.push(`人员综合分均值 mean of people's composites: weight ${n(e.weights['@people'])}`);
  lines.push(`来源 source:   ${SOURCE[e.source]}`);
  return lines;
}

/** Human-readable explanation, Chinese titles first. */
export function explanationText(e: Explanation): string {
  const lines = e.kind === 'indicator' ? indicatorText(e) : e.kind === 'tier' ? tierText(e) : compositeText(e);
  return lines.join('\n');
}

export const explainCommand: Command = {
  name: 'explain',
  summary: 'Explain a score, composite or tier: state, params, scale, rank, quota, rules and the records behind it',
  usage: USAGE,
  options: {
    db: { type: 'string' }, period: { type: 'string' }, person: { type: 'string' }, unit: { type: 'string' },
    indicator: { type: 'string' }, tier: { type: 'boolean' }, config: { type: 'string' }, json: { type: 'boolean' },
  },
  async run(args) {
    const db = requireString(args, 'db', this);
    const period = requireString(args, 'period', this);
    const person = args.values.person as string | undefined;
    const unit = args.values.unit as string | undefined;
    if ((person === undefined) === (unit === undefined)) throw kpError('KP_ERR_USAGE', `give exactly one of --person and --unit\nusage: ${USAGE}`);
    const indicator = args.values.indicator as string | undefined;
    const tier = args.values.tier === true;
    if (indicator !== undefined && tier) throw kpError('KP_ERR_USAGE', `give --indicator or --tier, not both\nusage: ${USAGE}`);
    const runtime = await openRuntime({ db, config: args.values.config as string | undefined });
    try {
      const e = await explain(runtime.kernel, { period, person, unit, indicator, tier });
      console.log(args.values.json ? JSON.stringify(e) : explanationText(e));
    } finally {
      await runtime.close();
    }
  },
};

import { fileURLToPath } from 'node:url';
import { formatIssues, LOCAL_OFFSET_MS, type OrgUnit } from '@kaoping/contract';
import { createKernel, type Kernel, type Logger } from '@kaoping/kernel';
import { DEMO_PEOPLE, DEMO_UNITS, demoEvents } from './demo-org.js';
import { formatTable, percent } from './format-table.js';

const PLUGIN = '@kaoping/plugin-on-time-rate';
const INDICATOR = 'business.on-time-rate';
const PERIODS = ['2026', '2026-Q1', '2026-Q2', '2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06'];

export interface DemoOptions {
  /** Where lines go (default console.log). */
  print?: (line: string) => void;
  /** How many events to feed (default 400). */
  events?: number;
}

export interface DemoSummary {
  /** Which module scored. */
  module: string;
  accepted: number;
  rejected: number;
  changed: number;
}

/** The CLI package folder: the workspace's plugins are its dependencies, so resolve from there. */
const cliDir = fileURLToPath(new URL('../../', import.meta.url));

function quietLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  return { lines, info: () => {}, warn: (m) => void lines.push(m), error: (m) => void lines.push(m) };
}

/** The on-time-rate plugin (a dependency of the CLI); a plugin that does not start stops the demo with its status. */
async function startKernel(): Promise<Kernel> {
  const clock = () => Date.UTC(2026, 6, 1) - LOCAL_OFFSET_MS;
  const kernel = createKernel({ config: { plugins: [PLUGIN], adapters: [] }, resolveFrom: [cliDir], clock, logger: quietLogger() });
  await kernel.start();
  if (kernel.indicators().some((i) => i.definition.id === INDICATOR)) return kernel;
  const s = kernel.status()[0];
  await kernel.stop();
  throw new Error(`the demo could not start ${PLUGIN}: ${s?.state ?? 'not loaded'}${s?.code ? ` ${s.code}` : ''} — ${s?.reason ?? ''}. Reinstall @kaoping/cli so its dependencies are present.`);
}

function depth(unit: OrgUnit, kernel: Kernel): number {
  return kernel.directory.ancestors(unit.id).length - 1;
}

/** Units in tree order: each unit followed by its children. */
function treeOrder(units: readonly OrgUnit[]): OrgUnit[] {
  const out: OrgUnit[] = [];
  const visit = (parentId: string | null) => {
    for (const u of units.filter((x) => x.parentId === parentId)) {
      out.push(u);
      visit(u.id);
    }
  };
  visit(null);
  return out;
}

/**
 * `kaoping demo`: an embedded kernel with the on-time-rate indicator, a small bureau, a few
 * hundred `tax.matter.completed` events fed one by one through the scoring hook, then the
 * person and unit results per year, quarter and month, and the plugin status.
 */
export async function runDemo(options: DemoOptions = {}): Promise<DemoSummary> {
  const print = options.print ?? ((line: string) => console.log(line));
  print('考评 Kaoping — 内嵌式智慧绩效演示 / embedded performance-evaluation demo\n');

  const kernel = await startKernel();
  kernel.directory.setUnits(DEMO_UNITS);
  kernel.directory.setPeople(DEMO_PEOPLE);
  const indicator = kernel.indicators().find((i) => i.definition.id === INDICATOR)!;
  const { title } = indicator.definition;

  const events = demoEvents(options.events ?? 400);
  let accepted = 0;
  let changed = 0;
  const t0 = process.hrtime.bigint();
  const first = kernel.hook(events[0]);
  for (const e of events.slice(1)) {
    const answer = kernel.hook(e);
    if (answer.accepted) accepted++;
    changed += answer.changed.length;
  }
  const elapsedUs = Number(process.hrtime.bigint() - t0) / 1000;
  accepted += first.accepted ? 1 : 0;
  changed += first.changed.length;

  const bad = kernel.hook({ ...events[1], id: 'SX-BAD#c', occurredAt: '2026-03-01' } as never);
  const rejected = bad.accepted ? 0 : 1;

  print(`指标 Indicator: ${title.zh} ${title.en} (${INDICATOR} ${indicator.definition.version}, params ${JSON.stringify(indicator.params)}, hash ${indicator.paramsHash})`);
  print(`经评分钩子 Through the hook: ${accepted} 事件 events accepted, ${changed} 结果变化 value changes, ${(elapsedUs / events.length).toFixed(1)} µs per event (cold, no warm-up; see pnpm bench)`);
  print(`拒收 Rejected: event SX-BAD#c — ${formatIssues(bad.errors)}\n`);

  const who = kernel.directory.person(events[0].actorId!)!;
  print(`样例应答 Sample hook answer for ${events[0].id} (${who.name} ${who.id}): ${first.changed.length} values changed`);
  for (const c of first.changed.slice(0, 6)) {
    const name = c.subject.kind === 'person' ? kernel.directory.person(c.subject.id)?.name : kernel.directory.unit(c.subject.id)?.name;
    print(`  ${c.subject.kind === 'person' ? '人员' : '单位'} ${name} ${c.period}: ${percent(c.value)}`);
  }
  print('');

  const right = new Set(PERIODS.map((_, i) => i + 3));
  print(`${title.zh} — 人员 by person`);
  const personRows = [...DEMO_PEOPLE]
    .sort((a, b) => a.unitId.localeCompare(b.unitId) || a.id.localeCompare(b.id))
    .map((p) => [p.name, p.id, kernel.directory.unit(p.unitId)?.name ?? p.unitId, ...PERIODS.map((per) => percent(kernel.valueOf('person', p.id, INDICATOR, per)))]);
  print(formatTable(['姓名 Name', '人员代码 Code', '科室 Section', ...PERIODS], personRows, right));
  print('');

  print(`${title.zh} — 单位（含下级）by unit, including units below`);
  const unitRows = treeOrder(DEMO_UNITS).map((u) => ['  '.repeat(depth(u, kernel)) + u.name, u.id, u.kind, ...PERIODS.map((per) => percent(kernel.valueOf('unit', u.id, INDICATOR, per)))]);
  print(formatTable(['单位 Unit', '机构代码 Code', '层级 Level', ...PERIODS], unitRows, right));
  print('');

  print('插件状态 Plugin status');
  print(formatTable(['插件 Plugin', '类型 Kind', '版本 Version', '状态 State', '说明 Reason'],
    kernel.status().map((s) => [s.id, s.kind, s.version ?? '', s.state, s.code ? `${s.code}: ${s.reason}` : s.module])));

  await kernel.stop();
  print(`\n内核已停止 Kernel stopped (${kernel.status().map((s) => `${s.id}: ${s.state}`).join(', ')})`);
  return { module: PLUGIN, accepted, rejected, changed };
}

/**
 * The closed loop's must-show on the CITY preset: generate, `kaoping import` (which scans once),
 * close the year (which checks the closed year), `kaoping risks scan`. Risks
 * come out in every category the first-party indicators declare, each with one rectification
 * task, and every task's message reaches its host (a real webhook for tax-collection, outbox
 * files for the others). Now is fixed at 2026-12-20 10:00, inside the year's last weeks, so the
 * deadline trigger fires on matters still open.
 */
import { createServer, type Server } from 'node:http';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_OFFSET_MS, type Risk, type RiskCategory, type Task } from '@kaoping/contract';
import { generateBureau, openRuntime, runCaptured } from '@kaoping/cli';
import { closePeriod, DEFAULT_LOOP_CONFIG, importFolder } from '@kaoping/kernel';
import { tempDir } from './support/paths.js';

const NOW_TEXT = '2026-12-20 10:00';
const NOW = Date.UTC(2026, 11, 20, 10) - LOCAL_OFFSET_MS;
/** The city import alone takes minutes on a loaded machine; one import for the whole file. */
const CITY_SETUP_MS = 20 * 60_000;

const kaoping = (...argv: string[]) => runCaptured(argv);

describe('closed loop on the city preset (must-show)', () => {
  const tmp = tempDir('loop-city');
  const db = join(tmp.dir, 'kaoping.db');
  const outboxDir = join(tmp.dir, 'outbox');
  const configFile = join(tmp.dir, 'kaoping.config.json');
  let host: Server;
  let posted = 0;
  /** Categories the started indicators (and the built-in deadline trigger) tag risks with. */
  let declared: Set<RiskCategory>;
  type Scan = { raised: number; resolved: number; unassigned: number; delivered: number; failed: number; warnings: unknown[] };
  /** What `kaoping import` raised and delivered, then what the close raised, then a later scan. */
  let importScan: Scan;
  let closeRisks: number;
  let scan: Scan;
  let allRisks: Risk[];
  /** The open ones. */
  let risks: Risk[];
  let tasks: Task[];

  beforeAll(async () => {
    host = createServer((req, res) => {
      req.resume();
      req.on('end', () => { posted++; res.writeHead(204).end(); });
    });
    await new Promise<void>((ok) => host.listen(0, '127.0.0.1', ok));
    const { port } = host.address() as { port: number };
    writeFileSync(configFile, JSON.stringify({
      adapterConfig: {
        'tax-collection': { webhookUrl: `http://127.0.0.1:${port}/todo` },
        'gov-affairs': { outboxDir }, hr: { outboxDir }, 'party-affairs': { outboxDir },
      },
    }));

    const data = join(tmp.dir, 'city');
    const at = ['--db', db, '--config', configFile, '--now', NOW_TEXT];
    await generateBureau({ preset: 'city', seed: 7, year: 2026, out: data });
    const imported = await kaoping('import', data, ...at, '--json');
    expect(imported).toMatchObject({ code: 0, err: '' });
    importScan = JSON.parse(imported.out).risks;

    const runtime = await openRuntime({ db, config: configFile, clock: () => NOW });
    try {
      await closePeriod(runtime.kernel, '2026');
      closeRisks = (await runtime.kernel.store!.listRisks()).length - importScan.raised;
      declared = new Set([
        ...runtime.kernel.indicators().flatMap((i) => i.definition.categories),
        ...DEFAULT_LOOP_CONFIG.deadline.sources.flatMap((s) => s.categories),
      ]);
    } finally {
      await runtime.close();
    }

    const scanned = await kaoping('risks', 'scan', ...at, '--json');
    expect(scanned).toMatchObject({ code: 0, err: '' });
    scan = JSON.parse(scanned.out);
    allRisks = JSON.parse((await kaoping('risks', ...at, '--json')).out);
    risks = JSON.parse((await kaoping('risks', '--status', 'open', ...at, '--json')).out);
    tasks = JSON.parse((await kaoping('tasks', ...at, '--json')).out);
  }, CITY_SETUP_MS);

  afterAll(async () => {
    await new Promise((ok) => host.close(ok));
    tmp.cleanup();
  });

  it('raises risks in every category the first-party indicators declare', () => {
    expect([...declared].sort()).toEqual(['出勤', '学习', '时效', '服务', '纪律', '质量']);
    expect(importScan.raised).toBeGreaterThan(0);
    expect(allRisks).toHaveLength(importScan.raised + closeRisks + scan.raised);
    expect(risks).toEqual(allRisks.filter((r) => r.status === 'open'));
    const byCategory: Record<string, number> = {};
    for (const r of risks) for (const c of r.categories) byCategory[c] = (byCategory[c] ?? 0) + 1;
    const byTrigger: Record<string, number> = {};
    for (const r of risks) byTrigger[r.trigger] = (byTrigger[r.trigger] ?? 0) + 1;
    console.info(`city at ${NOW_TEXT}: import raised ${importScan.raised}, close ${closeRisks}, scan ${scan.raised} (resolved ${scan.resolved});`,
      `${risks.length} open risks`, byCategory, byTrigger, `${tasks.length} tasks`);
    for (const c of declared) expect(byCategory[c], `risks of category ${c}`).toBeGreaterThan(0);
    // The deadline trigger fired on matters still open in the last weeks of the year.
    expect(risks.some((r) => r.trigger === 'deadline' && r.evidence[0]?.endsWith('#a'))).toBe(true);
    expect(scan.warnings).toEqual([]);
  });

  it('opens exactly one task per open risk: as many tasks as open risks', () => {
    expect(scan.unassigned).toBe(0);
    // A risk whose data cleared resolved and its task closed as verified by the system.
    const open = tasks.filter((t) => t.state !== 'verified');
    expect(open).toHaveLength(risks.length);
    expect(tasks.length - open.length).toBe(allRisks.length - risks.length);
    const byRisk = new Map(tasks.map((t) => [t.riskId, t]));
    expect(byRisk.size).toBe(tasks.length);
    for (const r of risks) {
      const task = byRisk.get(r.id);
      expect(task, `task of risk ${r.id}`).toMatchObject({ state: 'open' });
      // A person's risk is theirs to rectify; a unit's goes to its leader.
      if (r.subject.kind === 'person') expect(task!.assigneeId).toBe(r.subject.id);
      else expect(task!.assigneeId).not.toBe(r.subject.id);
    }
  });

  it('delivers every task message to its host: webhook posts plus outbox lines', () => {
    // The import's pass delivered its tasks; the scan delivered the close's and its own.
    expect(importScan).toMatchObject({ delivered: importScan.raised - importScan.unassigned, failed: 0 });
    expect(scan).toMatchObject({ delivered: tasks.length - importScan.delivered, failed: 0 });
    const lines = readdirSync(outboxDir).reduce((n, f) => n + readFileSync(join(outboxDir, f), 'utf8').split('\n').filter(Boolean).length, 0);
    expect(posted + lines).toBe(tasks.length);
    expect(posted).toBeGreaterThan(0);
    expect(lines).toBeGreaterThan(0);
  });
});

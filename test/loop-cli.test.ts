/**
 * The closed loop through the CLI a person types: `kaoping risks | tasks | appeals | audit`, run
 * in-process (runCaptured) on a real SQLite file, with the tax-collection host a real HTTP server
 * that takes the pushed messages.
 *
 *   B0 市局 ── D1 一分局 ── S11 征管科: L1 (综合 AD, leads the section), P1, P2 (前台 FD)
 *
 * Now is 2026-12-20 10:00. P1's matter M2 is still open with its deadline at 18:00 today, so
 * the scan raises a 时效 deadline risk and opens P1's rectification task (beside the indicators'
 * own: overdue-open counts M2 for P1 and up the units, per month, quarter and year).
 */
import { createServer, type Server } from 'node:http';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_OFFSET_MS, type ActivityEvent, type AdapterRecord, type Appeal, type OrgUnit, type Person, type Risk, type Task } from '@kaoping/contract';
import { runCaptured } from '@kaoping/cli';
import { closePeriod, createKernel, ingestRecords } from '@kaoping/kernel';
import { openSqliteStore } from '@kaoping/store-sqlite';
import { tempDir } from './support/paths.js';

const cliDir = fileURLToPath(new URL('../packages/cli/', import.meta.url));
const DAY = 86_400_000;
const local = (y: number, m: number, d: number, h = 0): number => Date.UTC(y, m - 1, d, h) - LOCAL_OFFSET_MS;
const NOW_TEXT = '2026-12-20 10:00';
const NOW = local(2026, 12, 20, 10);
const quiet = { info: () => {}, warn: () => {}, error: () => {} };

const UNITS: OrgUnit[] = [
  { id: 'B0', name: '市税务局', parentId: null, kind: 'bureau' },
  { id: 'D1', name: '第一税务分局', parentId: 'B0', kind: 'district' },
  { id: 'S11', name: '一分局征管科', parentId: 'D1', kind: 'section' },
];
const PEOPLE: Person[] = [
  { id: 'L1', name: '赵科长', unitId: 'S11', postId: 'AD', since: local(2020, 1, 1) },
  { id: 'P1', name: '张一', unitId: 'S11', postId: 'FD', since: local(2020, 1, 1) },
  { id: 'P2', name: '李二', unitId: 'S11', postId: 'FD', since: local(2020, 1, 1) },
];

function matter(id: string, actorId: string, acceptedAt: number, deadlineAt: number, completedAt: number | null): ActivityEvent[] {
  const attrs = { matterId: id, matterType: 'registration', acceptedAt, deadlineAt, completedAt };
  const accepted: ActivityEvent = { id: `${id}#a`, source: 'tax-collection', type: 'tax.matter.accepted', actorId, unitId: null, occurredAt: acceptedAt, attrs };
  return completedAt === null ? [accepted] : [accepted, { ...accepted, id: `${id}#c`, type: 'tax.matter.completed', occurredAt: completedAt }];
}

const EVENTS: ActivityEvent[] = [
  ...matter('M1', 'P1', local(2026, 3, 2), local(2026, 3, 12), local(2026, 3, 5)),
  ...matter('M2', 'P1', local(2026, 12, 12), local(2026, 12, 20, 18), null),
  ...matter('M3', 'P2', local(2026, 5, 4), local(2026, 5, 14), local(2026, 5, 16)),
];

const kaoping = (...argv: string[]) => runCaptured(argv);

describe('kaoping risks, tasks, appeals, audit', () => {
  const tmp = tempDir('loop-cli');
  const db = join(tmp.dir, 'kaoping.db');
  const configFile = join(tmp.dir, 'kaoping.config.json');
  const received: { recipientId: string; title: string }[] = [];
  let host: Server;
  /** The flags every call takes: this store, this config, this moment. */
  let at: string[];
  let atClose: { risks: number; tasks: number };

  beforeAll(async () => {
    host = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => { body += c; });
      req.on('end', () => {
        received.push(JSON.parse(body));
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((ok) => host.listen(0, '127.0.0.1', ok));
    const { port } = host.address() as { port: number };
    const outboxDir = join(tmp.dir, 'outbox');
    writeFileSync(configFile, JSON.stringify({
      adapterConfig: {
        'tax-collection': { webhookUrl: `http://127.0.0.1:${port}/todo` },
        'gov-affairs': { outboxDir }, hr: { outboxDir }, 'party-affairs': { outboxDir },
      },
    }));
    at = ['--db', db, '--config', configFile, '--now', NOW_TEXT];

    const store = openSqliteStore(db);
    store.upsertUnits(UNITS);
    store.upsertPeople(PEOPLE);
    const kernel = createKernel({ store, config: configFile, resolveFrom: [cliDir], clock: () => NOW, logger: quiet });
    await kernel.start();
    const records: AdapterRecord[] = EVENTS.map((event, i) => ({ kind: 'event', event, origin: { file: 'fixture', line: i + 1 } }));
    await ingestRecords(
      { store, directory: kernel.directory, states: kernel.states, accumulateContext: kernel.accumulateContext, clock: kernel.clock },
      'tax-collection', records,
    );
    await closePeriod(kernel, '2026');
    // The close already checked the closed year's states: its warnings have tasks, not yet delivered.
    atClose = { risks: (await store.listRisks()).length, tasks: (await store.listTasks()).length };
    await kernel.stop();
    await store.close();
  });

  afterAll(async () => {
    await new Promise((ok) => host.close(ok));
    tmp.cleanup();
  });

  let risk: Risk;
  let task: Task;

  let raised: number;

  it('risks scan raises risks (the deadline one among them), opens their tasks and delivers them; a second scan raises nothing', async () => {
    const first = await kaoping('risks', 'scan', ...at);
    expect(first).toMatchObject({ code: 0, err: '' });
    expect(first.out).toContain('风险扫描 risk scan at 2026-12-20 10:00');
    raised = Number(/新增风险 raised +(\d+)\n/.exec(first.out)?.[1]);
    const unassigned = Number(/无人分派 unassigned +(\d+) /.exec(first.out)?.[1]);
    expect(raised).toBeGreaterThan(0);
    expect(atClose.risks).toBeGreaterThan(0);
    // Every task's message (of the close's risks and of the scan's) reached a host: P1 over the
    // webhook, L1 (AD, leads S11) through the OA outbox file.
    expect(first.out).toMatch(new RegExp(`已投递 delivered +${atClose.tasks + raised - unassigned}\\n`));
    expect(first.out).toMatch(/投递失败 failed +0 /);
    expect(received).toContainEqual(expect.objectContaining({ recipientId: 'P1', title: '绩效风险整改任务 / Performance risk: rectification task' }));

    const second = JSON.parse((await kaoping('risks', 'scan', ...at, '--json')).out);
    expect(second).toMatchObject({ raised: 0, resolved: 0, delivered: 0, failed: 0 });
  });

  it('risks lists with filters (JSON and table) and shows one with its task', async () => {
    expect(JSON.parse((await kaoping('risks', ...at, '--json')).out)).toHaveLength(atClose.risks + raised);
    const open = JSON.parse((await kaoping('risks', '--status', 'open', '--person', 'P1', ...at, '--json')).out) as Risk[];
    expect(open.every((r) => r.subject.id === 'P1' && r.status === 'open')).toBe(true);
    // The built-in deadline trigger files M2 under on-time rate, in the month of its deadline.
    const deadline = open.filter((r) => r.evidence.includes('M2#a'));
    expect(deadline).toHaveLength(1);
    risk = deadline[0];
    expect(risk).toMatchObject({ trigger: 'deadline', categories: ['时效'], indicator: 'business.on-time-rate', period: '2026-12' });
    expect(JSON.parse((await kaoping('risks', 'list', '--status', 'resolved', ...at, '--json')).out)).toEqual([]);

    const table = await kaoping('risks', 'list', ...at);
    expect(table.out.split('\n')[0]).toMatch(/^编号 id +状态 status +类别 category +级别 severity +对象 subject +期间 period +提出 raised +说明 message$/);
    expect(table.out).toMatch(new RegExp(`${risk.id} +open +时效 +(medium|high) +人员 P1 +2026-12 +2026-12-20 10:00 +办税事项 M2#a 未办结`));

    const shown = await kaoping('risks', 'show', risk.id, ...at);
    expect(shown.out).toContain('办税事项 M2#a 未办结');
    expect(shown.out).toMatch(/类别 category +时效/);
    const tasks = JSON.parse((await kaoping('tasks', '--assignee', 'P1', ...at, '--json')).out) as Task[];
    task = tasks.find((t) => t.riskId === risk.id)!;
    expect(task).toMatchObject({ assigneeId: 'P1', state: 'open' });
    expect(shown.out).toMatch(new RegExp(`${task.id} +open +P1 +2026-12-27 10:00`));
  });

  it('tasks show gives the history and the delivery state from the outbox', async () => {
    const shown = await kaoping('tasks', 'show', task.id, ...at);
    expect(shown.code).toBe(0);
    expect(shown.out).toMatch(/状态 state +open \(可转为 next: acknowledged\)/);
    expect(shown.out).toContain('流转记录 history');
    expect(shown.out).toMatch(/2026-12-20 10:00 +system +— → open/);
    expect(shown.out).toMatch(new RegExp(`task:${task.id} +P1 +tax-collection +delivered +1 +2026-12-20 10:00`));
  });

  it('tasks act moves a task through its states; an illegal step prints the coded message and changes nothing', async () => {
    expect((await kaoping('tasks', 'act', task.id, '--to', 'acknowledged', '--by', 'P1', ...at)).out)
      .toBe(`任务 task ${task.id}: open → acknowledged (by P1)`);

    const noNote = await kaoping('tasks', 'act', task.id, '--to', 'submitted', '--by', 'P1', ...at);
    expect(noNote.code).toBe(2);
    expect(noNote.err).toContain(`KP_ERR_USAGE: Submitting task "${task.id}" needs the rectification note`);

    expect((await kaoping('tasks', 'act', task.id, '--to', 'submitted', '--by', 'P1', '--note', 'M2 已办结', ...at)).out)
      .toBe(`任务 task ${task.id}: acknowledged → submitted (by P1: M2 已办结)`);

    const illegal = await kaoping('tasks', 'act', task.id, '--to', 'acknowledged', '--by', 'P1', ...at);
    expect(illegal).toMatchObject({ code: 1, out: '' });
    expect(illegal.err).toContain(`KP_ERR_TASK_TRANSITION: Task "${task.id}" cannot go from submitted to acknowledged; allowed from submitted: verified, reopened`);
    expect(illegal.err).toContain('fix: Make one of the allowed transitions');

    const missing = await kaoping('tasks', 'act', task.id, '--by', 'L1', ...at);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('KP_ERR_USAGE: missing --to');
    const badState = await kaoping('tasks', 'act', task.id, '--to', 'open', '--by', 'L1', ...at);
    expect(badState.err).toContain('KP_ERR_USAGE: --to must be one of acknowledged, submitted, verified, reopened, got "open"');

    expect((await kaoping('tasks', 'act', task.id, '--to', 'verified', '--by', 'L1', ...at)).code).toBe(0);
    const shown = JSON.parse((await kaoping('tasks', 'show', task.id, ...at, '--json')).out);
    expect(shown.task.state).toBe('verified');
    expect(shown.history.map((h: { from: string | null; to: string; who: string }) => `${h.from}>${h.to}@${h.who}`))
      .toEqual(['null>open@system', 'open>acknowledged@P1', 'acknowledged>submitted@P1', 'submitted>verified@L1']);
    expect(shown.risk.status).toBe('resolved');
    expect((JSON.parse((await kaoping('tasks', '--state', 'verified', ...at, '--json')).out) as Task[]).map((t) => t.id)).toEqual([task.id]);
  });

  it('appeals: a result appeal decided with both the original and the adjusted value kept; a tier appeal rejected', async () => {
    const target = '2026/person/P2/business.on-time-rate';
    const notOwn = await kaoping('appeals', 'create', '--person', 'P1', '--target', 'result', '--target-id', target, '--reason', 'x', ...at);
    expect(notOwn.err).toContain('KP_ERR_APPEAL_INVALID: Appeal on result "2026/person/P2/business.on-time-rate": person "P1" may appeal only their own result');

    const filed = JSON.parse((await kaoping('appeals', 'create', '--person', 'P2', '--target', 'result', '--target-id', target,
      '--reason', 'M3 逾期因系统故障', ...at, '--json')).out) as Appeal;
    expect(filed).toMatchObject({ state: 'open', personId: 'P2', targetKind: 'result', targetId: target });

    const self = await kaoping('appeals', 'decide', filed.id, '--by', 'P2', '--accept', '--reason', 'ok', '--value', '1', ...at);
    expect(self.err).toContain('a person cannot decide their own appeal');
    const both = await kaoping('appeals', 'decide', filed.id, '--by', 'L1', '--accept', '--reject', '--reason', 'ok', ...at);
    expect(both.err).toContain('KP_ERR_USAGE: give exactly one of --accept and --reject');

    const decided = await kaoping('appeals', 'decide', filed.id, '--by', 'L1', '--accept', '--reason', '系统故障属实', '--value', '1', '--score', '100', ...at);
    expect(decided.code).toBe(0);
    expect(decided.out).toMatch(/原值 original +value 0, score /);
    expect(decided.out).toMatch(/调整后 adjusted +value 1, score 100/);
    const shown = await kaoping('appeals', 'show', filed.id, ...at);
    expect(shown.out).toMatch(/决定 decision +accepted by L1 at 2026-12-20 10:00/);
    expect(shown.out).toContain('原值 original');
    // The result row itself keeps the original.
    const store = openSqliteStore(db);
    try {
      expect(store.listResults({ period: '2026', subjectKind: 'person', subjectId: 'P2', indicator: 'business.on-time-rate' })).toMatchObject([{ value: 0 }]);
    } finally {
      store.close();
    }

    const tier = JSON.parse((await kaoping('appeals', 'create', '--person', 'P1', '--target', 'tier', '--target-id', '2026/P1', '--reason', '应为第一段', ...at, '--json')).out) as Appeal;
    const rejected = await kaoping('appeals', 'decide', tier.id, '--by', 'L1', '--reject', '--reason', '名额已满', ...at);
    expect(rejected.out).toMatch(/状态 state +rejected/);
    expect(rejected.out).not.toContain('调整后');
    const list = JSON.parse((await kaoping('appeals', ...at, '--json')).out) as Appeal[];
    expect(list.map((a) => a.state).sort()).toEqual(['accepted', 'rejected']);
    expect((await kaoping('appeals', '--state', 'open', ...at)).out).toBe('没有申诉 no appeals');
  });

  it('audit verify passes, then names the audit row edited outside Kaoping, then the result row the log covers', async () => {
    const ok = await kaoping('audit', 'verify', ...at);
    expect(ok.code).toBe(0);
    expect(ok.out).toMatch(/^审计日志完整 audit log intact: \d+ 条记录 rows chained, \d+ 条结果 results match their recorded hashes$/);

    const sqlite = new Database(db);
    try {
      const row = sqlite.prepare("SELECT seq, actor FROM audit_log WHERE action = 'task.transition' ORDER BY seq LIMIT 1 OFFSET 1").get() as { seq: number; actor: string };
      sqlite.prepare('UPDATE audit_log SET actor = ? WHERE seq = ?').run('mallory', row.seq);
      const broken = await kaoping('audit', 'verify', ...at);
      expect(broken.code).toBe(1);
      expect(broken.out).toMatch(new RegExp(`^审计日志断链 audit log broken at row ${row.seq}: `));
      sqlite.prepare('UPDATE audit_log SET actor = ? WHERE seq = ?').run(row.actor, row.seq);
      expect((await kaoping('audit', 'verify', ...at)).code).toBe(0);

      const covering = sqlite.prepare("SELECT max(seq) AS seq FROM audit_log WHERE action = 'results.recorded' AND target = 'results/2026'").get() as { seq: number };
      // Results are packed per subject (store-sqlite migration 006), in chunks of subjects (013) that share
      // one list of facets in a close: edit P2's on-time rate inside its chunk.
      const facet = sqlite.prepare("SELECT facet FROM result_facets WHERE period = '2026' AND indicator = 'business.on-time-rate'").pluck().get();
      const chunk = sqlite.prepare("SELECT rowid, ids, facets, numbers FROM result_chunks WHERE period = '2026' AND subject_kind = 'person' AND first_id <= 'P2' ORDER BY first_id DESC LIMIT 1")
        .get() as { rowid: number; ids: string; facets: string; numbers: Buffer };
      const [facets] = JSON.parse(chunk.facets) as number[][];
      chunk.numbers.writeDoubleLE(1, ((JSON.parse(chunk.ids) as string[]).indexOf('P2') * facets.length + facets.indexOf(facet as number)) * 16);
      sqlite.prepare('UPDATE result_chunks SET numbers = ? WHERE rowid = ?').run(chunk.numbers, chunk.rowid);
      const edited = await kaoping('audit', 'verify', ...at, '--json');
      expect(edited.code).toBe(1);
      expect(JSON.parse(edited.out)).toEqual({
        ok: false, seq: covering.seq,
        reason: `audit row ${covering.seq}: the results of 2026/person/P2 no longer match the hash the log recorded; a row was changed outside Kaoping`,
      });
    } finally {
      sqlite.close();
    }
  });

  it('usage errors name what is missing before any store is opened', async () => {
    const noDb = await kaoping('risks', 'list');
    expect(noDb).toMatchObject({ code: 2 });
    expect(noDb.err).toContain('KP_ERR_USAGE: missing --db');
    const noVerb = await kaoping('audit', '--db', db);
    expect(noVerb.err).toContain('KP_ERR_USAGE: missing the subcommand of kaoping audit: one of verify');
    const unknown = await kaoping('tasks', 'close', 'X', ...at);
    expect(unknown.err).toContain('KP_ERR_USAGE: unknown subcommand "close" of kaoping tasks: one of list, show, act');
    const noId = await kaoping('tasks', 'show', ...at);
    expect(noId.err).toContain('KP_ERR_USAGE: missing the task ID');
    const notFound = await kaoping('risks', 'show', 'nope', ...at);
    expect(notFound).toMatchObject({ code: 1 });
    expect(notFound.err).toContain('KP_ERR_NOT_FOUND: Risk "nope" not found');
    const badNow = await kaoping('risks', 'scan', '--db', db, '--now', 'tomorrow');
    expect(badNow.err).toContain('KP_ERR_USAGE: --now must be a date YYYY-MM-DD');
    const noFile = await kaoping('risks', '--db', join(tmp.dir, 'missing.db'));
    expect(noFile.err).toContain('no database at');
  });
});

import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { closePeriod, importFolder, resultCount, type Kernel } from '@kaoping/kernel';
import { buildServer, createApiToken } from '@kaoping/server';
import type { TokenRole } from '@kaoping/contract';
import { generateBureau, type Manifest } from '../generate/index.js';
import { openRuntime, type Runtime } from '../runtime/open-runtime.js';
import { startHostInbox } from './host-inbox.js';

export interface FullDemoOptions {
  preset?: 'small' | 'city';
  seed?: number;
  year?: number;
  /** Where the generated bureau and its database are kept between runs. */
  dir?: string;
  host?: string;
  port?: number;
  /** Start the server (default true); without it the demo prepares everything and returns. */
  serve?: boolean;
  print?: (line: string) => void;
}

export interface DemoToken {
  role: TokenRole;
  scope: string;
  token: string;
}

export interface FullDemo {
  db: string;
  url?: string;
  tokens: DemoToken[];
  seconds: Record<string, number>;
  risks: number;
  /** Stops the server (if any) and closes the store. */
  close(): Promise<void>;
}

const IMPORTED_KEY = 'demo.imported';

async function timed<T>(seconds: Record<string, number>, step: string, fn: () => Promise<T>): Promise<T> {
  const started = performance.now();
  try {
    return await fn();
  } finally {
    seconds[step] = Math.round(performance.now() - started) / 1000;
  }
}

/** The generated bureau, generated once and kept: the next demo run starts from it. */
async function bureau(dir: string, preset: 'small' | 'city', seed: number, year: number): Promise<{ data: string; manifest: Manifest; fresh: boolean }> {
  const data = join(dir, `${preset}-${seed}-${year}`);
  const file = join(data, 'manifest.json');
  if (existsSync(file)) return { data, manifest: JSON.parse(readFileSync(file, 'utf8')) as Manifest, fresh: false };
  return { data, manifest: await generateBureau({ preset, seed, year, out: data }), fresh: true };
}

/** One token per role: the evaluation department, a district's leader, one of its staff, a host system. */
async function demoTokens(kernel: Kernel): Promise<DemoToken[]> {
  const district = kernel.directory.units().filter((u) => u.kind === 'district').sort((a, b) => (a.id < b.id ? -1 : 1))[0];
  const inDistrict = (unitId: string) => kernel.directory.ancestors(unitId).includes(district.id);
  const staff = kernel.directory.people().filter((p) => inDistrict(p.unitId) && p.until == null).sort((a, b) => (a.id < b.id ? -1 : 1))[0];
  const wanted: { role: TokenRole; unitId?: string; personId?: string; name: string; scope: string }[] = [
    { role: 'admin', name: '考评部门 demo', scope: 'everything' },
    { role: 'leader', unitId: district.id, name: `${district.name} 负责人 demo`, scope: `${district.name} (${district.id}) and below` },
    { role: 'staff', personId: staff.id, name: `${staff.name} demo`, scope: `${staff.name} (${staff.id})` },
    { role: 'integrator', name: '金税 integration demo', scope: 'POST /v1/hook and /v1/ingest only' },
  ];
  const out: DemoToken[] = [];
  for (const w of wanted) {
    const { text } = await createApiToken(kernel.store!, kernel.directory, { role: w.role, unitId: w.unitId, personId: w.personId, name: w.name });
    out.push({ role: w.role, scope: w.scope, token: text });
  }
  return out;
}

/**
 * The demo a new user runs first: a synthetic city bureau generated (and kept), imported into the
 * embedded SQLite store, the year and its months closed, risks raised and pushed, a token per
 * role, and the server with the dashboard started.
 */
export async function runFullDemo(options: FullDemoOptions = {}): Promise<FullDemo> {
  const print = options.print ?? ((line: string) => console.log(line));
  const preset = options.preset ?? 'city';
  const seed = options.seed ?? 1;
  const year = options.year ?? 2026;
  const dir = resolve(options.dir ?? '.kaoping/demo');
  const seconds: Record<string, number> = {};

  const { data, manifest, fresh } = await timed(seconds, 'generate', () => bureau(dir, preset, seed, year));
  print(`${fresh ? '生成 Generated' : '沿用 Reusing'} the ${preset} bureau: ${manifest.counts.people.toLocaleString('en-US')} staff, ${manifest.counts.records.toLocaleString('en-US')} records (${data})`);

  const db = join(dir, `${preset}-${seed}-${year}.db`);
  // The demo's "now" is the last days of the generated year, so deadline warnings have matters to fire on.
  const now = Date.parse(manifest.asOf) - 3 * 86_400_000;
  const reuse = existsSync(db) && (await (async () => {
    const probe = await openRuntime({ db, clock: () => now });
    try { return (await probe.kernel.store!.getMeta(IMPORTED_KEY)) === 'yes'; } finally { await probe.close(); }
  })());
  if (!reuse) for (const suffix of ['', '-wal', '-shm']) rmSync(db + suffix, { force: true });

  // Pushed messages go somewhere real: OA, party and HR to-do files, 金税 to a local webhook.
  const hosts = join(dir, 'hosts');
  const inbox = await startHostInbox(hosts);
  const outbox = { outboxDir: hosts };
  const runtime: Runtime = await openRuntime({
    db, clock: () => now, backgroundCheckpoint: true,
    config: { adapterConfig: { hr: outbox, 'party-affairs': outbox, 'gov-affairs': outbox, 'tax-collection': { webhookUrl: inbox.url } } },
  });
  const kernel = runtime.kernel;
  let closeServer = async () => {};
  try {
    if (reuse) {
      print('沿用 Reusing the imported store');
    } else {
      const report = await timed(seconds, 'import', () => importFolder(kernel, data));
      await kernel.store!.setMeta(IMPORTED_KEY, 'yes');
      const t = report.total;
      print(`导入 Imported ${t.read.toLocaleString('en-US')} records: ${t.accepted.toLocaleString('en-US')} accepted, ${t.duplicates} duplicates, ${t.rejected} rejected (${seconds.import} s)`);
    }
    const periods = [String(year), ...Array.from({ length: 12 }, (_, m) => `${year}-${String(m + 1).padStart(2, '0')}`)];
    const yearScores = await timed(seconds, 'close', async () => {
      let first;
      for (const p of periods) {
        const scores = await closePeriod(kernel, p);
        first ??= scores;
      }
      return first!;
    });
    const byTier = [1, 2, 3].map((t) => yearScores.tiers.filter((x) => x.tier === t).length);
    print(`考评 Closed ${year} and its 12 months: ${resultCount(yearScores).toLocaleString('en-US')} results for the year; tiers 1/2/3 = ${byTier.join('/')} (${seconds.close} s)`);

    const risks = await timed(seconds, 'risks', async () => {
      await kernel.loop.scan();
      await kernel.loop.tick();
      return (await kernel.store!.listRisks({ status: 'open' })).length;
    });
    const tasks = (await kernel.store!.listTasks()).length;
    const delivered = (await kernel.loop.outbox({ state: 'delivered' })).length;
    print(`预警 Open risks: ${risks.toLocaleString('en-US')}; rectification tasks: ${tasks.toLocaleString('en-US')}; messages delivered to the hosts: ${delivered.toLocaleString('en-US')} (${seconds.risks} s)`);

    const tokens = await demoTokens(kernel);
    let url: string | undefined;
    if (options.serve !== false) {
      const app = await buildServer({ kernel });
      url = await app.listen({ host: options.host ?? '127.0.0.1', port: options.port ?? 3000 });
      closeServer = () => app.close();
      print('');
      print(`看板 Dashboard: ${url}/   API: ${url}/v1   API docs: ${url}/docs`);
    }
    print('令牌 Tokens (paste one into the dashboard\'s sign-in box):');
    for (const t of tokens) print(`  ${t.role.padEnd(10)} ${t.token}   ${t.scope}`);
    return {
      db, url, tokens, seconds, risks,
      async close() {
        await closeServer();
        await runtime.close();
        await inbox.close();
      },
    };
  } catch (e) {
    await closeServer();
    await runtime.close();
    await inbox.close();
    throw e;
  }
}

/**
 * A small bureau on a real SQLite file, a started kernel with the first-party plugins and
 * adapters, one token per role, and the server listening on 127.0.0.1 (ephemeral port).
 *
 *   B0 市局 ─┬─ D1 一分局 ── S11 征管科: P1, P2
 *            └─ D2 二分局 ── S21 征管科: P3
 */
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { LOCAL_OFFSET_MS, type ActivityEvent, type AdapterRecord, type OrgUnit, type Person } from '@kaoping/contract';
import { closePeriod, createKernel, ingestRecords, type Kernel } from '@kaoping/kernel';
import { buildServer, createApiToken } from '@kaoping/server';
import { openSqliteStore, type SqliteStore } from '@kaoping/store-sqlite';
import type { FastifyInstance } from 'fastify';
import { tempDir } from './support/paths.js';

const cliDir = fileURLToPath(new URL('../packages/cli/', import.meta.url));
const DAY = 86_400_000;
export const local = (y: number, m: number, d: number): number => Date.UTC(y, m - 1, d) - LOCAL_OFFSET_MS;
/** The kernel's "now": late in 2026, so 2026 and its months can be closed. */
export const NOW = local(2026, 12, 20) + 10 * 3_600_000;

export const UNITS: OrgUnit[] = [
  { id: 'B0', name: '市税务局', parentId: null, kind: 'bureau' },
  { id: 'D1', name: '第一税务分局', parentId: 'B0', kind: 'district' },
  { id: 'D2', name: '第二税务分局', parentId: 'B0', kind: 'district' },
  { id: 'S11', name: '一分局征管科', parentId: 'D1', kind: 'section' },
  { id: 'S21', name: '二分局征管科', parentId: 'D2', kind: 'section' },
];
export const PEOPLE: Person[] = [
  { id: 'P1', name: '张一', unitId: 'S11', postId: 'ZG', since: local(2020, 1, 1) },
  { id: 'P2', name: '李二', unitId: 'S11', postId: 'ZG', since: local(2020, 1, 1) },
  { id: 'P3', name: '王三', unitId: 'S21', postId: 'ZG', since: local(2020, 1, 1) },
];

/** Completed matters: P1 all on time, P2 one late of three, P3 two on time; spread over the year. */
export function matters(): ActivityEvent[] {
  const spec: [string, string, number, number, boolean][] = [
    ['M1', 'P1', 3, 2, true], ['M2', 'P1', 5, 10, true], ['M3', 'P1', 9, 1, true],
    ['M4', 'P2', 3, 5, true], ['M5', 'P2', 6, 7, false], ['M6', 'P2', 10, 3, true],
    ['M7', 'P3', 4, 8, true], ['M8', 'P3', 11, 2, true],
  ];
  return spec.map(([id, actor, month, day, onTime]) => {
    const acceptedAt = local(2026, month, day);
    const deadlineAt = acceptedAt + 10 * DAY;
    const completedAt = onTime ? acceptedAt + 3 * DAY : deadlineAt + 2 * DAY;
    return {
      id: `${id}#c`, source: 'tax-collection', type: 'tax.matter.completed', actorId: actor, unitId: null, occurredAt: completedAt,
      attrs: { matterId: id, matterType: 'registration', acceptedAt, deadlineAt, completedAt },
    };
  });
}

export interface Fixture {
  kernel: Kernel;
  store: SqliteStore;
  app: FastifyInstance;
  url: string;
  tokens: { admin: string; leader: string; staff: string; integrator: string };
  close(): Promise<void>;
}

export interface FixtureOptions {
  bodyLimit?: number;
  ingestBodyLimit?: number;
  ingestPerMinute?: number;
}

const quiet = { info: () => {}, warn: () => {}, error: () => {} };

export async function startFixture(options: FixtureOptions = {}): Promise<Fixture> {
  const tmp = tempDir('server');
  const store = openSqliteStore(join(tmp.dir, 'kaoping.db'));
  store.upsertUnits(UNITS);
  store.upsertPeople(PEOPLE);
  const kernel = createKernel({ store, cwd: tmp.dir, resolveFrom: [cliDir], clock: () => NOW, logger: quiet, config: {} });
  await kernel.start();
  const records: AdapterRecord[] = matters().map((event, i) => ({ kind: 'event', event, origin: { file: 'fixture', line: i + 1 } }));
  await ingestRecords(
    { store, directory: kernel.directory, states: kernel.states, accumulateContext: kernel.accumulateContext, clock: kernel.clock },
    'tax-collection', records,
  );
  for (const period of ['2026', '2026-Q1', '2026-03', '2026-05', '2026-06']) await closePeriod(kernel, period);

  const make = async (role: 'admin' | 'leader' | 'staff' | 'integrator', extra: { unitId?: string; personId?: string; name?: string } = {}) =>
    (await createApiToken(store, kernel.directory, { role, ...extra }, NOW)).text;
  const tokens = {
    admin: await make('admin', { name: '考评处' }),
    leader: await make('leader', { unitId: 'D1', name: '一分局局长' }),
    staff: await make('staff', { personId: 'P1' }),
    integrator: await make('integrator', { name: '金税三期' }),
  };
  const app = await buildServer({
    kernel, bodyLimit: options.bodyLimit, ingestBodyLimit: options.ingestBodyLimit,
    rateLimit: options.ingestPerMinute ? { ingestPerMinute: options.ingestPerMinute } : undefined,
  });
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  return {
    kernel, store, app, url, tokens,
    async close() {
      await app.close();
      await kernel.stop();
      store.close();
      tmp.cleanup();
    },
  };
}

/** A JSON call as a client makes it: status, headers and parsed body. */
export async function call(
  f: Fixture, method: string, path: string, options: { token?: string; body?: unknown; raw?: string; headers?: Record<string, string> } = {},
): Promise<{ status: number; headers: Headers; body: any }> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let body: string | undefined = options.raw;
  if (options.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  const res = await fetch(`${f.url}${path}`, { method, headers, body });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // not JSON: keep the text
  }
  return { status: res.status, headers: res.headers, body: parsed };
}

/**
 * Store append throughput: 500k synthetic events in batches of 5000, one transaction per batch,
 * into a temp SQLite file — with the event indexes maintained per batch, and inside `bulkLoad`
 * (indexes rebuilt once at the end, rebuild time included). The reference is JSON.parse of the
 * same records as NDJSON lines, measured in the same run, because the ingest target is a ratio.
 * Rates are shown per wall-clock second and per CPU second: on a shared machine the second is the
 * steadier of the two.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ActivityEvent } from '@kaoping/contract';
import { openSqliteStore, type SqliteStore } from '@kaoping/store-sqlite';

const TOTAL = 500_000;
const BATCH = 5000;
const STAFF = 30_000;
const YEAR_START = Date.UTC(2025, 11, 31, 16); // 2026-01-01 00:00 Asia/Shanghai
const DAY = 86_400_000;

/**
 * Shaped like the tax-collection export the generator writes: one person's year after another,
 * each person's matters in time order, record numbers ascending through the file.
 */
function syntheticEvents(n: number): ActivityEvent[] {
  const events: ActivityEvent[] = [];
  let seed = 42;
  const rand = (): number => ((seed = (seed * 1_103_515_245 + 12_345) >>> 0) / 2 ** 32);
  const perPerson = Math.ceil(n / STAFF);
  for (let p = 0; events.length < n; p++) {
    const actorId = `P${String(p).padStart(6, '0')}`;
    const times = Array.from({ length: perPerson }, () => YEAR_START + Math.floor(rand() * 365 * DAY)).sort((a, b) => a - b);
    for (const acceptedAt of times) {
      if (events.length === n) break;
      const i = events.length;
      const completed = (i & 1) === 1;
      const deadlineAt = acceptedAt + 15 * DAY;
      const completedAt = acceptedAt + Math.floor(rand() * 20) * DAY;
      events.push({
        id: `SX20269${String(i >> 1).padStart(8, '0')}#${completed ? 'c' : 'a'}`,
        source: 'tax-collection',
        type: completed ? 'tax.matter.completed' : 'tax.matter.accepted',
        actorId,
        unitId: null,
        occurredAt: completed ? completedAt : acceptedAt,
        attrs: { matterId: `SX20269${String(i >> 1).padStart(8, '0')}`, matterType: 'DJ01', acceptedAt, deadlineAt, completedAt },
      });
    }
  }
  return events;
}

interface Timing { wallMs: number; cpuMs: number }

async function timed(fn: () => unknown): Promise<Timing> {
  const cpu = process.cpuUsage();
  const t = performance.now();
  await fn();
  const wallMs = performance.now() - t;
  const used = process.cpuUsage(cpu);
  return { wallMs, cpuMs: (used.user + used.system) / 1000 };
}

const perSecond = (n: number, ms: number): number => Math.round((n / ms) * 1000);
const fmt = (n: number): string => n.toLocaleString('en-US').padStart(9);

function appendAll(store: SqliteStore, events: readonly ActivityEvent[]): number {
  let fresh = 0;
  for (let i = 0; i < events.length; i += BATCH) {
    for (const isNew of store.appendEventsSync(events.slice(i, i + BATCH))) if (isNew) fresh++;
  }
  return fresh;
}

/** Opens a store in a fresh temp folder, runs `fn`, and deletes the folder; returns fn's answer and the file size. */
async function withTempStore<T>(fn: (store: SqliteStore) => Promise<T>): Promise<{ result: T; bytes: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'kaoping-bench-'));
  const file = join(dir, 'bench.db');
  const store = openSqliteStore(file);
  try {
    const result = await fn(store);
    store.db.pragma('wal_checkpoint(TRUNCATE)');
    return { result, bytes: statSync(file).size };
  } finally {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export default async function bench(): Promise<{ name: string; eventsPerSecond: number; bulkEventsPerSecond: number; jsonParsePerSecond: number }> {
  const events = syntheticEvents(TOTAL);
  const lines = events.map((e) => JSON.stringify(e));
  let parsed = 0;
  const parse = await timed(() => {
    for (const line of lines) parsed += (JSON.parse(line) as ActivityEvent).occurredAt > 0 ? 1 : 0;
  });

  const rows: [string, number, Timing][] = [['JSON.parse (reference)', parsed, parse]];
  const check = (what: string, got: number, want: number): void => {
    if (got !== want) throw new Error(`${what}: expected ${want}, got ${got}`);
  };

  const indexed = await withTempStore(async (store) => {
    let fresh = 0;
    const append = await timed(() => { fresh = appendAll(store, events); });
    check('new events', fresh, TOTAL);
    rows.push(['appendEventsSync, indexes kept', TOTAL, append]);
    let dup = 0;
    const again = await timed(() => { dup = TOTAL - appendAll(store, events.slice(0, 100_000)) - (TOTAL - 100_000); });
    check('duplicates', dup, 100_000);
    rows.push(['re-append 100k duplicates', dup, again]);
    let scanned = 0;
    const scan = await timed(async () => {
      for await (const batch of store.scanEvents({})) scanned += batch.length;
    });
    check('scanned', scanned, TOTAL);
    rows.push(['scanEvents, all, time order', scanned, scan]);
    return append;
  });

  const bulk = await withTempStore(async (store) => {
    let fresh = 0;
    const load = await timed(() => store.bulkLoad(() => { fresh = appendAll(store, events); }));
    check('new events (bulk)', fresh, TOTAL);
    rows.push(['bulkLoad (rebuild included)', TOTAL, load]);
    return load;
  });

  console.log(`store-append: ${TOTAL.toLocaleString('en-US')} events, batches of ${BATCH}, one transaction per batch, temp file (${(indexed.bytes / 2 ** 20).toFixed(0)} MiB)`);
  console.log(`  ${'what'.padEnd(32)} ${'per wall s'.padStart(9)} ${'% parse'.padStart(8)} ${'per CPU s'.padStart(9)} ${'% parse'.padStart(8)}`);
  for (const [what, n, t] of rows) {
    const wall = perSecond(n, t.wallMs);
    const cpu = perSecond(n, t.cpuMs);
    console.log(`  ${what.padEnd(32)} ${fmt(wall)} ${((wall / perSecond(TOTAL, parse.wallMs)) * 100).toFixed(0).padStart(7)}% ${fmt(cpu)} ${((cpu / perSecond(TOTAL, parse.cpuMs)) * 100).toFixed(0).padStart(7)}%`);
  }
  return {
    name: 'store-append',
    eventsPerSecond: perSecond(TOTAL, indexed.result.wallMs),
    bulkEventsPerSecond: perSecond(TOTAL, bulk.result.wallMs),
    jsonParsePerSecond: perSecond(TOTAL, parse.wallMs),
  };
}

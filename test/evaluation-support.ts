import { fileURLToPath } from 'node:url';
import { LOCAL_OFFSET_MS, type ActivityEvent, type OrgUnit, type Person, type Store } from '@kaoping/contract';
import { createKernel, ingestRecords, type Kernel } from '@kaoping/kernel';
import { openSqliteStore, type SqliteStore } from '@kaoping/store-sqlite';

/**
 * A hand-made bureau for the evaluation tests: three tier groups, the first-party plugins, a real
 * SQLite store, events ingested through the kernel's own import path (store + kept states).
 * The expected numbers in the tests are worked out by hand from the records below.
 */

/** Local (Asia/Shanghai) wall-clock time as epoch ms. */
export const local = (y: number, m: number, d: number, h = 0): number => Date.UTC(y, m - 1, d, h) - LOCAL_OFFSET_MS;

/** The first-party plugins resolve from the CLI package, which depends on all of them. */
const cliDir = fileURLToPath(new URL('../packages/cli/', import.meta.url));

export const UNITS: OrgUnit[] = [
  { id: 'B0', name: '市局', parentId: null, kind: 'bureau' },
  { id: 'BS', name: '办公室', parentId: 'B0', kind: 'section' },
  { id: 'D1', name: '一区局', parentId: 'B0', kind: 'district' },
  { id: 'D1S', name: '一区局征管科', parentId: 'D1', kind: 'section' },
  { id: 'D2', name: '二区局', parentId: 'B0', kind: 'district' },
  { id: 'D2S', name: '二区局征管科', parentId: 'D2', kind: 'section' },
];

const SINCE = local(2020, 1, 1);

function person(id: string, unitId: string, postId: string, politicalStatus = '群众', until: number | null = null): Person {
  return { id, name: `姓名${id}`, unitId, postId, politicalStatus, since: SINCE, until };
}

export const PEOPLE: Person[] = [
  person('A1', 'D1S', 'FD', '中共党员'),
  person('A2', 'D1S', 'FD'),
  person('A3', 'D1S', 'FD'),
  person('A4', 'D1S', 'FD'),
  person('A5', 'D1S', 'FD', '群众', local(2026, 6, 30)),
  person('A6', 'D1S', 'FD'),
  person('A7', 'D1S', 'FD'),
  person('B1', 'D2S', 'FD'),
  person('B2', 'D2S', 'FD'),
  person('B3', 'D2S', 'FD'),
  person('B4', 'D2S', 'FD'),
  person('B5', 'D2S', 'FD'),
  person('C1', 'BS', 'AD'),
];

/** A tax matter: its accepted event and, when completed, its completed event (ids `<id>#a`, `<id>#c`). */
export function matter(id: string, actorId: string, type: string, acceptedAt: number, deadlineAt: number, completedAt: number | null): ActivityEvent[] {
  const attrs = { matterId: id, matterType: type, acceptedAt, deadlineAt, completedAt };
  const accepted: ActivityEvent = { id: `${id}#a`, source: 'tax-collection', type: 'tax.matter.accepted', actorId, unitId: null, occurredAt: acceptedAt, attrs };
  return completedAt === null ? [accepted] : [accepted, { ...accepted, id: `${id}#c`, type: 'tax.matter.completed', occurredAt: completedAt }];
}

/** `present` days present then `absent` days absent then `leave` days on leave, from 2026-02-01. */
export function attendance(actorId: string, present: number, absent: number, leave = 0): ActivityEvent[] {
  const statuses = [...Array(present).fill('present'), ...Array(absent).fill('absent'), ...Array(leave).fill('leave')] as string[];
  return statuses.map((status, i) => ({
    id: `${actorId}-att-${i}`, source: 'hr', type: 'hr.attendance.recorded', actorId, unitId: null,
    occurredAt: local(2026, 2, 1) + i * 86_400_000, attrs: { status },
  }));
}

export function study(id: string, actorId: string, at: number, credits: number): ActivityEvent {
  return { id, source: 'party-affairs', type: 'party.study.recorded', actorId, unitId: null, occurredAt: at, attrs: { credits } };
}

export function sanction(id: string, actorId: string, at: number, effectiveUntil: number): ActivityEvent {
  return { id, source: 'hr', type: 'hr.sanction.imposed', actorId, unitId: null, occurredAt: at, attrs: { sanctionType: '警告', effectiveUntil } };
}

export function tierRecord(actorId: string, year: number, tier: 1 | 2 | 3): ActivityEvent {
  return { id: `${actorId}:${year}`, source: 'hr', type: 'hr.tier.recorded', actorId, unitId: null, occurredAt: local(year, 1, 1), attrs: { year, tier } };
}

export function revenue(unitId: string, month: string, planned: number, collected: number): ActivityEvent {
  const [y, m] = month.split('-').map(Number);
  return { id: `${unitId}:${month}`, source: 'tax-collection', type: 'tax.revenue.reported', actorId: null, unitId, occurredAt: local(y, m, 1), attrs: { month, planned, collected } };
}

const MAR1 = local(2026, 3, 1, 9);
const MAR10 = local(2026, 3, 10, 17);
const MAR5 = local(2026, 3, 5, 10);

/** The 2026 records of the bureau; see the tests for what each is meant to show. */
export const EVENTS_2026: ActivityEvent[] = [
  // A1 (party member): 4 matters on time, 1 open and overdue at the year end; 49 present, 1 absent; 40 study credits.
  ...['m1', 'm2', 'm3', 'm4'].flatMap((id) => matter(id, 'A1', 'DJ', MAR1, MAR10, MAR5)),
  ...matter('m5', 'A1', 'DJ', local(2026, 11, 1, 9), local(2026, 11, 20, 17), null),
  ...attendance('A1', 49, 1),
  study('st1', 'A1', local(2026, 4, 1), 25),
  study('st2', 'A1', local(2026, 9, 1), 15),
  // A2: one matter on time (TS, weight 3), one late (DJ, weight 1); 45 present, 5 absent, 3 on leave.
  ...matter('n1', 'A2', 'TS', MAR1, MAR10, MAR5),
  ...matter('n2', 'A2', 'DJ', MAR1, MAR10, local(2026, 3, 12, 10)),
  ...attendance('A2', 45, 5, 3),
  // A3, A7: always present. A4: always present but sanctioned in 2026. A5: present until leaving in June.
  ...attendance('A3', 50, 0),
  ...attendance('A7', 50, 0),
  ...attendance('A4', 50, 0),
  sanction('S-A4', 'A4', local(2026, 5, 10), local(2027, 5, 9)),
  ...attendance('A5', 20, 0),
  // District 2: attendance only, five different rates.
  ...attendance('B1', 50, 0),
  ...attendance('B2', 47, 3),
  ...attendance('B3', 48, 2),
  ...attendance('B4', 46, 4),
  ...attendance('B5', 45, 5),
  // The bureau's office.
  ...attendance('C1', 50, 0),
  // District 1's revenue: 95 of 100 planned.
  revenue('D1', '2026-06', 100, 95),
];

export interface Bureau {
  kernel: Kernel;
  store: SqliteStore;
  ingest(events: readonly ActivityEvent[]): Promise<void>;
  close(): Promise<void>;
}

const quiet = { info: () => {}, warn: () => {}, error: () => {} };

export interface BureauOptions {
  /** Hide the store's optional `putResultColumns` from the kernel, as a store without it is seen. */
  withoutResultColumns?: boolean;
}

/** The store as the kernel sees it when `options` hide what it can do. */
function seenStore(store: SqliteStore, options: BureauOptions): Store {
  if (!options.withoutResultColumns) return store;
  return new Proxy(store, {
    get(target, key) {
      if (key === 'putResultColumns') return undefined;
      const value = Reflect.get(target, key, target) as unknown;
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/** A started kernel on a fresh in-memory SQLite store holding the directory and the given events. */
export async function openBureau(events: readonly ActivityEvent[] = EVENTS_2026, now = local(2026, 12, 31, 12), options: BureauOptions = {}): Promise<Bureau> {
  const store = openSqliteStore(':memory:');
  store.upsertUnits(UNITS);
  store.upsertPeople(PEOPLE);
  const kernel = createKernel({ store: seenStore(store, options), config: {}, resolveFrom: [cliDir], clock: () => now, logger: quiet });
  await kernel.start();
  const ingest = async (list: readonly ActivityEvent[]): Promise<void> => {
    await ingestRecords(
      { store, directory: kernel.directory, states: kernel.states, accumulateContext: kernel.accumulateContext, clock: kernel.clock },
      'fixture',
      list.map((event, i) => ({ kind: 'event' as const, event, origin: { file: 'fixture', line: i + 1 } })),
    );
  };
  await ingest(events);
  return {
    kernel, store, ingest,
    async close() {
      await kernel.stop();
      store.close();
    },
  };
}

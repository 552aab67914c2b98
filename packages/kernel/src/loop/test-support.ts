import {
  defineIndicator, LOCAL_OFFSET_MS, trendRisks, type ActivityEvent, type HostMessage, type KernelEvents, type OrgUnit, type Person,
  type TargetParams,
} from '@kaoping/contract';
import { openSqliteStore, type SqliteStore } from '@kaoping/store-sqlite';
import { Directory } from '../directory/directory.js';
import { StateTable } from '../engine/state-table.js';
import type { LoopConfigInput } from './config.js';
import { createLoop, type LoopService } from './loop-service.js';
import type { LoopIndicator } from './types.js';

/** Local (Asia/Shanghai) wall-clock time as epoch ms. */
export const local = (y: number, m: number, d: number, h = 0): number => Date.UTC(y, m - 1, d, h) - LOCAL_OFFSET_MS;
export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

/** 市局 B0 → 区局 D1 → 科室 S1; staff P01..P12 (front desk) in S1, its leader L1 (AD) and the district's L0 (AD). */
export const UNITS: OrgUnit[] = [
  { id: 'B0', name: '市局', parentId: null, kind: 'bureau' },
  { id: 'D1', name: '一区局', parentId: 'B0', kind: 'district' },
  { id: 'S1', name: '一科', parentId: 'D1', kind: 'section' },
];

function person(id: string, unitId: string, postId: string): Person {
  return { id, name: id, unitId, postId, since: local(2020, 1, 1), until: null };
}

export const STAFF = Array.from({ length: 12 }, (_, i) => `P${String(i + 1).padStart(2, '0')}`);
export const PEOPLE: Person[] = [
  ...STAFF.map((id) => person(id, 'S1', 'FD')),
  person('L1', 'S1', 'AD'),
  person('L2', 'S1', 'AD'),
  person('L0', 'D1', 'AD'),
  person('O1', 'S1', 'LG'),
];

export interface RateState { good: number; bad: number }

const RATE_PARAMS: TargetParams = { target: 0.98, floor: 0.85, riskMargin: 0.2, riskMinCount: 5 };

/** A target-scaled rate indicator of the usual shape (its own trend warning through `trendRisks`). */
export const rateIndicator = defineIndicator<RateState, TargetParams>({
  id: 'test.rate',
  version: '1.0.0',
  api: '^1',
  title: { zh: '测试达标率', en: 'Test rate' },
  domain: 'business',
  subjects: ['person', 'unit'],
  consumes: ['test.done'],
  params: { schema: { type: 'object' }, defaults: RATE_PARAMS },
  direction: 'higher',
  scale: { kind: 'target' },
  categories: ['时效', '服务'],
  init: () => ({ good: 0, bad: 0 }),
  add: (s, e) => { if (e.attrs.ok) s.good++; else s.bad++; },
  merge: (a, b) => ({ good: a.good + b.good, bad: a.bad + b.bad }),
  value: (s) => (s.good + s.bad === 0 ? null : s.good / (s.good + s.bad)),
  evidence: (s) => [`${s.good}/${s.good + s.bad}`],
  risks: (s, ctx) => trendRisks({
    title: { zh: '测试达标率', en: 'Test rate' }, value: s.good + s.bad === 0 ? null : s.good / (s.good + s.bad),
    count: s.good + s.bad, direction: 'higher', params: ctx.params,
  }),
});

/** A fake host: takes messages, or refuses the next `failures` of them (or all while `down`); answers after `delayMs`. */
export class Host {
  received: HostMessage[] = [];
  failures = 0;
  down = false;
  delayMs = 0;
  /** Calls under way now, and the most there were at once. */
  inFlight = 0;
  mostInFlight = 0;
  notify = async (m: HostMessage): Promise<void> => {
    this.mostInFlight = Math.max(this.mostInFlight, ++this.inFlight);
    try {
      if (this.delayMs > 0) await new Promise((done) => setTimeout(done, this.delayMs));
      this.take(m);
    } finally {
      this.inFlight--;
    }
  };

  private take(m: HostMessage): void {
    if (this.down) throw new Error('connection refused');
    if (this.failures > 0) {
      this.failures--;
      throw new Error('host busy (503)');
    }
    this.received.push(m);
  }
}

export interface Rig {
  store: SqliteStore;
  loop: LoopService;
  states: StateTable;
  hosts: Record<string, Host>;
  events: { type: keyof KernelEvents; payload: unknown }[];
  clock: { now: number };
  setRate(subjectId: string, period: string, s: RateState, kind?: 'person' | 'unit'): void;
  storeEvents(...events: ActivityEvent[]): void;
}

/** The optional store methods the loop falls back from. */
export type OptionalRiskReads = 'listOpenRisks' | 'listOpenRiskKeys';

/**
 * The same SQLite store without some of its optional reads, as a store that lacks them is seen:
 * without `listOpenRisks` the loop reads risks one key and one subject at a time; without
 * `listOpenRiskKeys` it reads open risks in full.
 */
export function withoutOptional(store: SqliteStore, hidden: readonly OptionalRiskReads[]): SqliteStore {
  return new Proxy(store, {
    get(target, key) {
      if ((hidden as readonly PropertyKey[]).includes(key)) return undefined;
      const value = Reflect.get(target, key, target) as unknown;
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

export interface RigOptions {
  /** Hide these optional methods of the store. */
  without?: readonly OptionalRiskReads[];
}

export function rig(config: LoopConfigInput = {}, start = local(2026, 11, 10, 9), options: RigOptions = {}): Rig {
  const sqlite = openSqliteStore(':memory:');
  const store = options.without?.length ? withoutOptional(sqlite, options.without) : sqlite;
  const directory = new Directory();
  directory.setUnits(UNITS);
  directory.setPeople(PEOPLE);
  const states = new StateTable();
  const hosts = { 'tax-collection': new Host(), 'gov-affairs': new Host() } as Record<string, Host>;
  const events: Rig['events'] = [];
  const clock = { now: start };
  const indicators: LoopIndicator[] = [{ definition: rateIndicator, params: RATE_PARAMS }];
  let n = 0;
  const loop = createLoop({
    store,
    clock: () => clock.now,
    notifierFor: (id) => hosts[id]?.notify,
    emit: (type, payload) => { events.push({ type, payload }); },
    config,
    directory,
    indicators: () => indicators,
    states: () => states,
    newId: () => `id${++n}`,
  });
  return {
    store, loop, states, hosts, events, clock,
    setRate(subjectId, period, s, kind = 'person') {
      states.load([{ indicator: 'test.rate', subjectKind: kind, subjectId, period, state: s }]);
    },
    storeEvents(...evs) { store.appendEvents(evs); },
  };
}

/** A tax matter's accepted event (and, when `completedAt` is given, its completed event). */
export function matter(id: string, actorId: string, acceptedAt: number, deadlineAt: number, completedAt: number | null = null): ActivityEvent[] {
  const attrs = { matterId: id, matterType: 'DJ01', acceptedAt, deadlineAt, completedAt };
  const accepted: ActivityEvent = { id: `${id}#a`, source: 'tax-collection', type: 'tax.matter.accepted', actorId, unitId: null, occurredAt: acceptedAt, attrs };
  if (completedAt === null) return [accepted];
  return [accepted, { ...accepted, id: `${id}#c`, type: 'tax.matter.completed', occurredAt: completedAt }];
}

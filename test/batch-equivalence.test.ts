/**
 * The incremental path (a kernel fed event by event through the hook) and the batch path (events
 * in a real SQLite store, re-read in worker threads and merged) must give the same value for every
 * (subject, indicator, period) — with 1 worker and with 2, reading the events table directly or
 * its columnar copy. Random streams over the first-party indicators, across 2025–2027 so stocks
 * (period-end attribution) carry earlier years, with times piled on period boundaries.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_OFFSET_MS, parsePeriod, type ActivityEvent, type AggregateContext, type OrgUnit, type Person } from '@kaoping/contract';
import { BatchEngine, createKernel, type Kernel, type StateTable } from '@kaoping/kernel';
import { openSqliteStore } from '@kaoping/store-sqlite';

const cliDir = fileURLToPath(new URL('../packages/cli/', import.meta.url));
const quiet = { info: () => {}, warn: () => {}, error: () => {} };
const local = (y: number, m: number, d: number) => Date.UTC(y, m - 1, d) - LOCAL_OFFSET_MS;
const DAY = 86_400_000;
const NOW = local(2026, 12, 20);

const units: OrgUnit[] = [
  { id: 'B', name: '市局', parentId: null, kind: 'bureau' },
  { id: 'D1', name: '一区局', parentId: 'B', kind: 'district' },
  { id: 'D2', name: '二区局', parentId: 'B', kind: 'district' },
  { id: 'S11', name: '一区一科', parentId: 'D1', kind: 'section' },
  { id: 'S12', name: '一区二科', parentId: 'D1', kind: 'section' },
  { id: 'S21', name: '二区一科', parentId: 'D2', kind: 'section' },
];
const people: Person[] = ['S11', 'S11', 'S12', 'S21', 'S21'].map((unitId, i) => ({
  id: `P${i}`, name: `人员${i}`, unitId, postId: i % 2 ? 'A' : 'B', since: 0, politicalStatus: i % 2 ? '中共党员' : '群众',
}));
const actors = people.map((p) => p.id);
const unitIds = units.map((u) => u.id);

/** Instants across 2025–2027, a third of them within a day of a month boundary (a period end). */
const instant = fc.oneof(
  fc.integer({ min: local(2025, 1, 1), max: local(2028, 1, 1) - 1 }),
  fc.tuple(fc.integer({ min: 2025, max: 2027 }), fc.integer({ min: 1, max: 12 }), fc.oneof(fc.constantFrom(-1, 0, 1), fc.integer({ min: -DAY, max: DAY })))
    .map(([y, m, off]) => local(y, m, 1) + off),
);
const maybe = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: null, freq: 4 });

/** One event of a type some first-party indicator or rule consumes, with the attrs its adapter writes. */
const eventBody = fc.oneof(
  fc.record({ actorId: fc.constantFrom(...actors), unitId: maybe(fc.constantFrom(...unitIds)), at: instant, due: fc.integer({ min: -5 * DAY, max: 40 * DAY }), took: maybe(fc.integer({ min: 0, max: 60 * DAY })), kind: fc.constantFrom('DJ', 'TS', 'ZX', 'QT') })
    .chain((m) => fc.constantFrom('accepted', 'completed').map((which) => {
      const attrs = { matterId: 'M', matterType: m.kind, acceptedAt: m.at, deadlineAt: m.at + m.due, completedAt: m.took === null ? null : m.at + m.took };
      if (which === 'accepted' || m.took === null) return { type: 'tax.matter.accepted', actorId: m.actorId, unitId: m.unitId, occurredAt: m.at, attrs };
      return { type: 'tax.matter.completed', actorId: m.actorId, unitId: m.unitId, occurredAt: m.at + m.took, attrs };
    })),
  fc.record({ actorId: fc.constantFrom(...actors), unitId: maybe(fc.constantFrom(...unitIds)), occurredAt: instant, review: fc.constantFrom('correct', 'faulty', null) })
    .map(({ review, ...e }) => ({ ...e, type: 'tax.enforcement.recorded', attrs: { actionType: 'JC', review } })),
  fc.record({ actorId: fc.constantFrom(...actors), unitId: maybe(fc.constantFrom(...unitIds)), occurredAt: instant, score: fc.integer({ min: 1, max: 5 }) })
    .map(({ score, ...e }) => ({ ...e, type: 'tax.rating.submitted', attrs: { score } })),
  fc.record({ unitId: fc.constantFrom(...unitIds), occurredAt: instant, planned: fc.double({ min: 1, max: 1e6, noNaN: true }), collected: fc.double({ min: 0, max: 1e6, noNaN: true }) })
    .map(({ planned, collected, ...e }) => ({ ...e, actorId: null, type: 'tax.revenue.reported', attrs: { month: '2026-01', planned, collected } })),
  fc.record({ actorId: fc.constantFrom(...actors), occurredAt: instant, status: fc.constantFrom('present', 'absent', 'leave') })
    .map(({ status, ...e }) => ({ ...e, unitId: null, type: 'hr.attendance.recorded', attrs: { status } })),
  fc.record({ actorId: fc.constantFrom(...actors), occurredAt: instant, status: fc.constantFrom('attended', 'absent') })
    .map(({ status, ...e }) => ({ ...e, unitId: null, type: 'party.life.recorded', attrs: { status } })),
  fc.record({ actorId: fc.constantFrom(...actors), occurredAt: instant, credits: fc.double({ min: 0, max: 8, noNaN: true }) })
    .map(({ credits, ...e }) => ({ ...e, unitId: null, type: 'party.study.recorded', attrs: { credits } })),
  fc.record({ actorId: fc.constantFrom(...actors), unitId: maybe(fc.constantFrom(...unitIds)), occurredAt: instant, late: fc.integer({ min: -10, max: 10 }) })
    .map(({ late, ...e }) => ({ ...e, type: 'gov.document.closed', attrs: { receivedAt: e.occurredAt - 5 * DAY, deadline: e.occurredAt - late * DAY, closedAt: e.occurredAt } })),
  fc.record({ actorId: fc.constantFrom(...actors), unitId: maybe(fc.constantFrom(...unitIds)), occurredAt: instant, done: maybe(fc.integer({ min: -10 * DAY, max: 10 * DAY })) })
    .map(({ done, ...e }) => ({ ...e, type: 'gov.supervision.due', attrs: { assignedAt: e.occurredAt - 20 * DAY, dueAt: e.occurredAt, completedAt: done === null ? null : e.occurredAt + done } })),
  fc.record({ actorId: fc.constantFrom(...actors), occurredAt: instant })
    .map((e) => ({ ...e, unitId: null, type: 'hr.sanction.imposed', attrs: { sanctionType: '警告', effectiveUntil: e.occurredAt + 365 * DAY } })),
);

const stream = fc.array(eventBody, { maxLength: 80 }).map((bodies) => bodies.map((b, i): ActivityEvent => ({ id: `E${i}`, source: 'test', ...b }) as ActivityEvent));
const periods = fc.tuple(fc.constantFrom('2025', '2026', '2027'), fc.constantFrom('2026-Q1', '2026-Q4', '2027-Q1'), fc.constantFrom('2025-12', '2026-01', '2026-06', '2026-12'));

/** Every value (indicators) and state (rules) of one period, by `indicator kind subject`. */
function snapshot(kernel: Kernel, table: StateTable, periodId: string): Map<string, unknown> {
  const period = parsePeriod(periodId);
  const out = new Map<string, unknown>();
  for (const e of table.entries()) {
    if (e.period !== periodId) continue;
    const c = kernel.dispatch.consumer(e.indicator)!;
    const value = c.kind === 'indicator' ? (c.def as { value(s: unknown, x: AggregateContext<unknown>): number | null }).value(e.state, c.context(period, e.subjectKind)) : e.state;
    out.set(`${e.indicator} ${e.subjectKind} ${e.subjectId}`, value);
  }
  return out;
}

function expectSame(actual: Map<string, unknown>, expected: Map<string, unknown>, label: string): void {
  expect([...actual.keys()].sort(), label).toEqual([...expected.keys()].sort());
  for (const [key, want] of expected) {
    const got = actual.get(key);
    if (typeof want === 'number' && typeof got === 'number') expect(Math.abs(got - want), `${label}: ${key}`).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(want)));
    else expect(got, `${label}: ${key}`).toEqual(want);
  }
}

describe('batch ≡ incremental (property)', () => {
  let kernel: Kernel;
  let one: BatchEngine;
  let two: BatchEngine;
  let root: string;
  let run = 0;

  beforeAll(async () => {
    kernel = createKernel({ resolveFrom: [cliDir], logger: quiet, clock: () => NOW, config: { adapters: [] } });
    await kernel.start();
    kernel.directory.setUnits(units);
    kernel.directory.setPeople(people);
    expect(kernel.indicators().length).toBeGreaterThanOrEqual(11);
    one = new BatchEngine(kernel, { workers: 1 });
    two = new BatchEngine(kernel, { workers: 2 });
    root = mkdtempSync(join(tmpdir(), 'kp-batch-eq-'));
  });

  afterAll(async () => {
    await one?.close();
    await two?.close();
    await kernel?.stop();
    rmSync(root, { recursive: true, force: true });
  });

  it('gives every (subject, indicator, period) value the hook gives, with 1 and 2 workers', async () => {
    await fc.assert(
      fc.asyncProperty(stream, periods, fc.integer({ min: 1, max: 25 }), async (events, ids, chunkSize) => {
        const dbPath = join(root, `run-${run++}.db`);
        const store = openSqliteStore(dbPath);
        store.upsertUnits(units);
        store.upsertPeople(people);
        store.appendEvents(events);
        store.close();

        kernel.states.clear();
        for (const e of events) expect(kernel.hook(e).accepted).toBe(true);
        for (const period of ids) {
          const expected = snapshot(kernel, kernel.states, period);
          const runs = [
            ['1 worker, events table', one, false],
            ['1 worker, columnar copy (built)', one, true],
            ['2 workers, columnar copy (cached)', two, true],
            ['2 workers, events table', two, false],
          ] as const;
          for (const [label, engine, columnar] of runs) {
            const { table } = await engine.evaluate({ dbPath, period, chunkSize, columnar });
            expectSame(snapshot(kernel, table, period), expected, `${period}, ${label}, chunk ${chunkSize}`);
          }
        }
      }),
      { numRuns: 25 },
    );
  });

  it('sees events appended after a columnar copy was made (a stale segment is rebuilt)', async () => {
    const dbPath = join(root, 'append.db');
    const store = openSqliteStore(dbPath);
    store.upsertUnits(units);
    store.upsertPeople(people);
    const rating = (i: number): ActivityEvent => ({ id: `A${i}`, source: 'test', type: 'tax.rating.submitted', actorId: 'P1', unitId: null, occurredAt: local(2026, 3, 1) + i, attrs: { score: 5 } });
    store.appendEvents([1, 2, 3].map(rating));
    const first = await two.evaluate({ dbPath, period: '2026', chunkSize: 4 });
    expect(first.stats.segmentsBuilt).toBe(1);
    expect(first.table.get('business.taxpayer-satisfaction', 'person', 'P1', '2026')?.state).toEqual({ ratings: 3, sum: 15 });
    store.appendEvents([4, 5, 6].map(rating));
    store.close();
    const second = await two.evaluate({ dbPath, period: '2026', chunkSize: 4 });
    // rowids 1–4 grew by one row, 5–6 are new: both built; a third run reads both from the copy.
    expect(second.stats.segmentsBuilt).toBe(2);
    expect(second.table.get('business.taxpayer-satisfaction', 'person', 'P1', '2026')?.state).toEqual({ ratings: 6, sum: 30 });
    const third = await two.evaluate({ dbPath, period: '2026', chunkSize: 4 });
    expect(third.stats.segmentsBuilt).toBe(0);
    expect(third.table.get('business.taxpayer-satisfaction', 'person', 'P1', '2026')?.state).toEqual({ ratings: 6, sum: 30 });
  });
});

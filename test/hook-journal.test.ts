import { spawn } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LOCAL_OFFSET_MS, type ActivityEvent } from '@kaoping/contract';
import { createKernel, ingestRecords, ingestTarget, type Kernel } from '@kaoping/kernel';
import { openSqliteStore, type SqliteStore } from '@kaoping/store-sqlite';
import { repoRoot, tempDir } from './support/paths.js';

const crashChild = join(repoRoot, 'test/support/hook-then-crash.ts');

const quiet = { info() {}, warn() {}, error() {} };
const DAY = 86_400_000;
const march = Date.UTC(2026, 2, 2) - LOCAL_OFFSET_MS;

function matter(id: string, type: 'accepted' | 'completed', deadlineAt = march + 5 * DAY): ActivityEvent {
  const completedAt = march + DAY;
  return {
    id: `${id}#${type[0]}`, source: 'tax-collection', type: `tax.matter.${type}`, actorId: 'P1', unitId: null,
    occurredAt: type === 'accepted' ? march : completedAt,
    attrs: { matterId: id, matterType: 'DJ', acceptedAt: march, deadlineAt, completedAt: type === 'completed' ? completedAt : null },
  };
}

// `background`: the store commits the hook's groups on its background writer's thread, as `kaoping serve` opens it.
describe.each([{ background: false }, { background: true }])('the hook journal (group commit of hooked events), background writer $background', ({ background }) => {
  const tmp = tempDir(`hook-journal-${background}`);
  let kernel: Kernel;
  let store: SqliteStore;
  afterEach(async () => {
    await kernel.stop();
    store.close();
  });

  async function start(name: string, now = march + 2 * DAY) {
    store = openSqliteStore(join(tmp.dir, `${name}.db`), { backgroundCheckpoint: background });
    store.upsertUnits([{ id: 'B0', name: '市局', parentId: null, kind: 'bureau' }]);
    store.upsertPeople([{ id: 'P1', name: '王芳', unitId: 'B0', postId: 'FD', since: 0 }]);
    await startKernel(now);
  }

  async function startKernel(now: number) {
    kernel = createKernel({
      store, cwd: tmp.dir, resolveFrom: [join(repoRoot, 'packages/cli')], logger: quiet, clock: () => now, flushIntervalMs: 3_600_000,
      config: { plugins: ['@kaoping/plugin-on-time-rate'], adapters: [] },
    });
    await kernel.start();
  }

  it('writes the events of one burst of calls in one append, and refuses a repeat before and after the write', async () => {
    await start('burst');
    const appends: number[] = [];
    const append = store.appendEventsDetached.bind(store);
    store.appendEventsDetached = async (take) => {
      const group = await append(take);
      appends.push(group.events.length);
      return group;
    };
    for (let i = 0; i < 20; i++) expect(kernel.hook(matter(`M${i}`, 'completed')).accepted).toBe(true);
    expect(kernel.hook(matter('M3', 'completed'))).toMatchObject({ accepted: true, duplicate: true, changed: [] });
    // settled(): the loop has judged the burst, which it does once the burst is in the store.
    await kernel.settled();
    expect(appends).toEqual([20]);
    expect(store.countEvents()).toBe(20);
    expect(kernel.hook(matter('M3', 'completed'))).toMatchObject({ duplicate: true });
    expect(kernel.valueOf('person', 'P1', 'business.on-time-rate', '2026-03')).toBe(1);
  });

  it('keeps a write that failed, events and states, and writes it next time, counted once', async () => {
    await start('retry');
    const checkpoint = store.checkpointDetached.bind(store);
    let failures = 1;
    // As a store fails after taking the group: a full disk, a writer that died mid-commit.
    store.checkpointDetached = async (take) => {
      if (failures-- > 0) {
        take();
        throw new Error('disk full');
      }
      return checkpoint(take);
    };
    kernel.hook(matter('A', 'completed'));
    await expect(kernel.flush()).rejects.toThrow('disk full');
    expect(store.countEvents()).toBe(0);
    expect(kernel.hook(matter('A', 'completed'))).toMatchObject({ duplicate: true });
    // No call since: the states A changed are written only if the failed write gave them back.
    expect(await kernel.flush()).toBe(1);
    expect(store.eventsAfterStatesSync()).toEqual([]);
    const kept = (period: string) => store.loadStates({ period, indicator: 'business.on-time-rate' }).map((s) => [s.subjectKind, s.subjectId, s.state]);
    const held = (period: string) => kernel.states.toStoredStates().filter((s) => s.period === period).map((s) => [s.subjectKind, s.subjectId, s.state]);
    for (const period of ['2026-03', '2026-Q1', '2026']) expect(kept(period)).toEqual(held(period));
    kernel.hook(matter('B', 'completed'));
    expect(await kernel.flush()).toBe(1);
    expect(store.countEvents()).toBe(2);
  });

  it('judges a matter accepted and completed within one group from the stored completion: no deadline risk', async () => {
    // Due tomorrow: inside the deadline window, so an open matter would raise a risk.
    await start('pair', march + 4 * DAY);
    kernel.hook(matter('D', 'accepted'));
    kernel.hook(matter('D', 'completed'));
    await kernel.settled();
    expect(await store.listRisks({})).toEqual([]);
    kernel.hook(matter('E', 'accepted'));
    await kernel.settled();
    expect((await store.listRisks({ status: 'open' })).map((r) => r.trigger)).toEqual(['deadline']);
  });

  it('lets the loop read a group the full write took only once it is stored', async () => {
    // Due tomorrow: had the loop read before the completion was stored, it would warn of the deadline.
    await start('pair-full-write', march + 4 * DAY);
    const checkpoint = store.checkpointDetached.bind(store);
    // The full write takes the group at once and its commit comes late, as a busy writer's would.
    store.checkpointDetached = (take) => {
      const group = take();
      return sleep(300).then(() => checkpoint(() => group));
    };
    kernel.hook(matter('F', 'accepted'));
    kernel.hook(matter('F', 'completed'));
    const full = kernel.flush();
    await kernel.settled();
    expect(await full).toBe(2);
    expect(await store.listRisks({})).toEqual([]);
  });

  it('stores states once a second, not with every group, and a crash loses no count: start-up counts the events past the checkpoint', async () => {
    await start('crash');
    const puts: number[] = [];
    const checkpoint = store.checkpointDetached.bind(store);
    store.checkpointDetached = (take) => checkpoint(() => {
      const group = take();
      puts.push(group.states.length);
      return group;
    });
    // Three on time, one late: P1's March on-time rate is 0.75.
    const matters = ['A', 'B', 'C', 'D'].map((id, i) => matter(id, 'completed', i === 3 ? march : march + 5 * DAY));
    for (const m of matters.slice(0, 2)) kernel.hook(m);
    await kernel.settled();
    expect(store.countEvents()).toBe(2);
    expect(puts).toEqual([]);
    expect(store.eventsAfterStatesSync().map((e) => e.id)).toEqual(['A#c', 'B#c']);
    expect(await kernel.flush()).toBe(0);
    expect(puts.length).toBe(1);
    expect(store.eventsAfterStatesSync()).toEqual([]);
    await kernel.stop();
    store.close();

    // Another process hooks the other two and is killed before its states are written.
    const file = join(tmp.dir, 'crash.db');
    const child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', crashChild, file, String(march + 2 * DAY), JSON.stringify(matters.slice(2)), String(background)], { cwd: repoRoot });
    let out = '';
    child.stdout.on('data', (d) => { out += String(d); });
    const signal = await new Promise((resolve) => child.on('exit', (_code, sig) => resolve(sig)));
    expect(signal).toBe('SIGKILL');
    expect(JSON.parse(out)).toEqual({ pastCheckpoint: 2 });

    store = openSqliteStore(file, { backgroundCheckpoint: background });
    expect(store.eventsAfterStatesSync().map((e) => e.id)).toEqual(['C#c', 'D#c']);
    await startKernel(march + 2 * DAY);
    expect(kernel.valueOf('person', 'P1', 'business.on-time-rate', '2026-03')).toBe(0.75);
    expect(kernel.valueOf('unit', 'B0', 'business.on-time-rate', '2026')).toBe(0.75);
    expect(kernel.hook(matters[3])).toMatchObject({ duplicate: true });
    await kernel.stop();
    expect(store.eventsAfterStatesSync()).toEqual([]);
    const kept = store.loadStates({ period: '2026-03', indicator: 'business.on-time-rate' }).find((s) => s.subjectId === 'P1');
    expect(kept).toBeDefined();
    store.close();
    store = openSqliteStore(file, { backgroundCheckpoint: background });
    await startKernel(march + 2 * DAY);
    expect(kernel.valueOf('person', 'P1', 'business.on-time-rate', '2026-03')).toBe(0.75);
  });

  it('judges every person cell of a busy window, in slices: each late person gets the trend warning', async () => {
    await start('busy-window');
    const staff = Array.from({ length: 300 }, (_, i) => `Q${String(i).padStart(3, '0')}`);
    store.upsertPeople(staff.map((id) => ({ id, name: id, unitId: 'B0', postId: 'FD', since: 0 })));
    await kernel.stop();
    await startKernel(march + 2 * DAY);
    // Ten late matters each (the on-time rate's riskMinCount): 300 people × 3 periods = 900 cells in one window.
    for (const id of staff) {
      for (let k = 0; k < 10; k++) kernel.hook({ ...matter(`${id}-${k}`, 'completed', march), actorId: id });
    }
    await kernel.settled();
    const warned = (await store.listRisks({ status: 'open' })).filter((r) => r.trigger === 'trend' && r.period === '2026-03');
    expect(new Set(warned.map((r) => r.subject.id))).toEqual(new Set(staff));
  });

  it('keeps the count of a call made while an import batch was writing, when that batch rolls back', async () => {
    await start('import-rollback');
    // Not yet written: the batch writes it first, inside its own transaction, and takes it down with it.
    kernel.hook(matter('A', 'completed'));
    const append = store.appendEvents.bind(store);
    store.appendEvents = (events) => {
      if (events.some((e) => e.id === 'I#c')) {
        // A host's call arrives while the batch's transaction is open; then the batch fails.
        expect(kernel.hook(matter('B', 'completed', march)).accepted).toBe(true);
        throw new Error('disk full');
      }
      return append(events);
    };
    const record = { kind: 'event' as const, event: matter('I', 'completed'), origin: { file: 'push', line: 1 } };
    await expect(ingestRecords(ingestTarget(kernel), 'tax-collection', [record])).rejects.toThrow('disk full');
    store.appendEvents = append;
    // A on time, B late: both still counted, the import's event not.
    expect(kernel.valueOf('person', 'P1', 'business.on-time-rate', '2026-03')).toBe(0.5);
    await kernel.flush();
    expect(store.getEvents([{ source: 'tax-collection', id: 'A#c' }, { source: 'tax-collection', id: 'B#c' }])).toHaveLength(2);
    expect(store.getEvents([{ source: 'tax-collection', id: 'I#c' }])).toEqual([]);
    expect(store.eventsAfterStatesSync()).toEqual([]);
    await kernel.stop();
    store.close();
    store = openSqliteStore(join(tmp.dir, 'import-rollback.db'), { backgroundCheckpoint: background });
    await startKernel(march + 2 * DAY);
    expect(kernel.valueOf('person', 'P1', 'business.on-time-rate', '2026-03')).toBe(0.5);
  });
});

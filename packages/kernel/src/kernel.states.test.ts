import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { Store } from '@kaoping/contract';
import { openSqliteStore } from '@kaoping/store-sqlite';
import { completed, local, people, units } from './__fixtures__/events.js';
import { memoryLogger } from './__fixtures__/memory-logger.js';
import { createKernel } from './kernel.js';

const fixtures = fileURLToPath(new URL('./__fixtures__/', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'kp-kernel-states-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function kernelOver(store: Store) {
  const kernel = createKernel({ store, cwd: fixtures, config: { plugins: ['./healthy.ts'], adapters: [] }, logger: memoryLogger(), clock: () => local(2026, 6, 1) });
  await kernel.start();
  return kernel;
}

/** The same store without its synchronous state reads: what a networked store offers. */
function withoutSyncStates(store: Store): Store {
  return new Proxy(store, {
    get(target, key) {
      if (key === 'loadStatesSync' || key === 'statePeriodsSync') return undefined;
      const v = Reflect.get(target, key, target) as unknown;
      return typeof v === 'function' ? v.bind(target) : v;
    },
  });
}

describe('kept states of a store-backed kernel', () => {
  it('are read a period at a time when first needed, and answer as if all were read at start', async () => {
    const db = join(dir, 'kaoping.db');
    const store = openSqliteStore(db);
    store.upsertUnits(units);
    store.upsertPeople(people);
    const first = await kernelOver(store);
    first.hook(completed('p1', local(2026, 3, 5, 10)));
    first.hook(completed('p1', local(2026, 3, 6, 10), { late: true }));
    await first.stop();

    const lazy = await kernelOver(store);
    expect(lazy.states.size).toBe(0);
    expect(lazy.valueOf('person', 'p1', 'test.healthy', '2026-03')).toBe(0.5);
    expect(new Set([...lazy.states.entries()].map((e) => e.period))).toEqual(new Set(['2026-03']));
    expect(lazy.states.periods().sort()).toEqual(['2026', '2026-03', '2026-Q1']);
    // A new event lands on top of the kept states of every period it counts in, read or not yet.
    expect(lazy.hook(completed('p1', local(2026, 3, 7, 10))).accepted).toBe(true);
    expect(lazy.valueOf('person', 'p1', 'test.healthy', '2026')).toBe(2 / 3);
    expect(lazy.valueOf('unit', 'B', 'test.healthy', '2026-Q1')).toBe(2 / 3);
    await lazy.stop();

    const eager = await kernelOver(withoutSyncStates(store));
    expect(eager.states.lazy).toBe(false);
    expect(eager.states.size).toBeGreaterThan(0);
    for (const period of ['2026', '2026-Q1', '2026-03']) expect(eager.valueOf('person', 'p1', 'test.healthy', period)).toBe(2 / 3);
    await eager.stop();
    store.close();
  });
});

import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LOCAL_OFFSET_MS, type ActivityEvent } from '@kaoping/contract';
import { createKernel } from '@kaoping/kernel';
import { openSqliteStore } from '@kaoping/store-sqlite';
import { repoRoot, tempDir } from './support/paths.js';

const quiet = { info() {}, warn() {}, error() {} };
const march = Date.UTC(2026, 2, 2) - LOCAL_OFFSET_MS;

function completed(id: string, late: boolean): ActivityEvent {
  const acceptedAt = march;
  const deadlineAt = acceptedAt + 5 * 86_400_000;
  const completedAt = late ? deadlineAt + 3_600_000 : acceptedAt + 86_400_000;
  return {
    id: `${id}#c`, source: 'tax-collection', type: 'tax.matter.completed', actorId: 'P1', unitId: null, occurredAt: completedAt,
    attrs: { matterId: id, matterType: 'DJ', acceptedAt, deadlineAt, completedAt },
  };
}

describe('the hook of a store-backed kernel', () => {
  const tmp = tempDir('hook-store');
  const db = join(tmp.dir, 'kaoping.db');
  afterAll(() => tmp.cleanup());

  async function start() {
    const store = openSqliteStore(db);
    store.upsertUnits([{ id: 'B0', name: '市局', parentId: null, kind: 'bureau' }, { id: 'S1', name: '一科', parentId: 'B0', kind: 'section' }]);
    store.upsertPeople([{ id: 'P1', name: '王芳', unitId: 'S1', postId: 'FD', since: 0 }]);
    const kernel = createKernel({
      store, cwd: tmp.dir, resolveFrom: [join(repoRoot, 'packages/cli')], logger: quiet,
      config: { plugins: ['@kaoping/plugin-on-time-rate'], adapters: [] },
    });
    await kernel.start();
    return { kernel, store };
  }

  it('counts a retried call once, and keeps events and states for the next start', async () => {
    const first = await start();
    expect(first.kernel.hook(completed('M1', false)).changed.length).toBeGreaterThan(0);
    const again = first.kernel.hook(completed('M1', false));
    expect(again).toMatchObject({ accepted: true, duplicate: true, changed: [] });
    first.kernel.hook(completed('M2', true));
    expect(first.kernel.valueOf('person', 'P1', 'business.on-time-rate', '2026-03')).toBe(0.5);
    await first.kernel.stop();
    expect(first.store.countEvents()).toBe(2);
    first.store.close();

    const second = await start();
    expect(second.kernel.valueOf('person', 'P1', 'business.on-time-rate', '2026-03')).toBe(0.5);
    expect(second.kernel.hook(completed('M2', true))).toMatchObject({ duplicate: true });
    expect(second.kernel.valueOf('person', 'P1', 'business.on-time-rate', '2026')).toBe(0.5);
    await second.kernel.stop();
    second.store.close();
  });
});

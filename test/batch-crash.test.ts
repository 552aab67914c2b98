import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_OFFSET_MS, type ActivityEvent } from '@kaoping/contract';
import { batchEvaluateWithStats, createKernel, type Kernel } from '@kaoping/kernel';
import { openSqliteStore } from '@kaoping/store-sqlite';

const fixture = (name: string) => fileURLToPath(new URL(`../packages/kernel/src/batch/__fixtures__/${name}.ts`, import.meta.url));
const quiet = { info: () => {}, warn: () => {}, error: () => {} };
const JUNE = Date.UTC(2026, 5, 1) - LOCAL_OFFSET_MS;

/** 40 ratings by two people across June 2026; rating R17 is the marker. */
function ratings(): ActivityEvent[] {
  return Array.from({ length: 40 }, (_, i) => ({
    id: `R${i}`, source: 'tax-collection', type: 'tax.rating.submitted', actorId: i % 2 ? 'P2' : 'P1', unitId: null,
    occurredAt: JUNE + i * 3_600_000, attrs: { score: 1 + (i % 5) },
  }));
}

describe('batch engine: a worker that dies', () => {
  let dir: string;
  let dbPath: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'kp-batch-crash-'));
    dbPath = join(dir, 'kaoping.db');
    const store = openSqliteStore(dbPath);
    store.upsertUnits([{ id: 'U1', name: '一科', parentId: null, kind: 'section' }]);
    store.upsertPeople(['P1', 'P2'].map((id) => ({ id, name: id, unitId: 'U1', postId: 'X', since: 0 })));
    store.appendEvents(ratings());
    store.close();
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  async function kernelWith(plugin: string, params: Record<string, unknown>): Promise<Kernel> {
    const kernel = createKernel({ logger: quiet, config: { plugins: [fixture(plugin)], adapters: [], params: { [`test.${plugin}`]: params } } });
    await kernel.start();
    expect(kernel.status()).toEqual([expect.objectContaining({ id: `test.${plugin}`, state: 'started' })]);
    kernel.directory.setUnits([{ id: 'U1', name: '一科', parentId: null, kind: 'section' }]);
    return kernel;
  }

  it('is replaced and its partition retried: the result counts every event once', async () => {
    const markerFile = join(dir, 'crashed-once');
    const kernel = await kernelWith('crash-once', { markerId: 'R17', markerFile });
    const { table, stats } = await batchEvaluateWithStats(kernel, { dbPath, period: '2026-06', workers: 2, chunkSize: 8, columnar: false });
    // The crash really happened (in a worker), once, and cost one retry.
    expect(readFileSync(markerFile, 'utf8')).toBe('crashed on R17\n');
    expect(stats.retries).toBe(1);
    expect(stats).toMatchObject({ events: 40, partitions: 5, workers: 2 });
    expect(table.get('test.crash-once', 'person', 'P1', '2026-06')?.state).toEqual({ n: 20 });
    expect(table.get('test.crash-once', 'person', 'P2', '2026-06')?.state).toEqual({ n: 20 });
    await kernel.stop();
  });

  it('fails the evaluation after the bounded attempts, naming the period, the rows, the plugin and the event', async () => {
    const kernel = await kernelWith('throws-on-marker', { markerId: 'R9' });
    const run = batchEvaluateWithStats(kernel, { dbPath, period: '2026', workers: 1, chunkSize: 8, maxAttempts: 2 });
    await expect(run).rejects.toMatchObject({
      code: 'KP_ERR_BATCH_FAILED',
      message: 'Batch evaluation of period 2026 failed: the events with rowid 9–16 failed 2 times; last error: plugin "test.throws-on-marker" threw in add on event tax-collection/R9: rating without a taxpayer',
    });
    expect(existsSync(dbPath)).toBe(true);
    await kernel.stop();
  });
});

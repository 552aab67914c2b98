import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_OFFSET_MS, type ActivityEvent } from '@kaoping/contract';
import { openSqliteStore } from '@kaoping/store-sqlite';
import { runCaptured } from '../run-captured.js';

const MAY = Date.UTC(2026, 4, 10) - LOCAL_OFFSET_MS;

const kaoping = runCaptured;

describe('kaoping evaluate', () => {
  let dir: string;
  let db: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'kp-evaluate-'));
    db = join(dir, 'kaoping.db');
    const store = openSqliteStore(db);
    store.upsertUnits([{ id: 'B', name: '市局', parentId: null, kind: 'bureau' }, { id: 'S', name: '一科', parentId: 'B', kind: 'section' }]);
    store.upsertPeople(['P1', 'P2'].map((id) => ({ id, name: id, unitId: 'S', postId: 'X', since: 0 })));
    const matters = Array.from({ length: 30 }, (_, i): ActivityEvent => ({
      id: `M${i}#c`, source: 'tax-collection', type: 'tax.matter.completed', actorId: i % 3 ? 'P1' : 'P2', unitId: null, occurredAt: MAY + i * 3_600_000,
      attrs: { matterId: `M${i}`, matterType: 'DJ', acceptedAt: MAY - 86_400_000, deadlineAt: MAY + 20 * 3_600_000, completedAt: MAY + i * 3_600_000 },
    }));
    store.appendEvents(matters);
    store.close();
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('re-evaluates the period in workers, stores the scores and says what it did', async () => {
    const { code, out } = await kaoping(['evaluate', '--db', db, '--period', '2026', '--workers', '2', '--chunk-size', '7', '--json']);
    expect(code).toBe(0);
    const summary = JSON.parse(out) as Record<string, number>;
    // 30 events in rowid ranges of 7 → 5 partitions; results for every indicator of each person and unit.
    expect(summary).toMatchObject({ period: '2026', events: 30, partitions: 5, workers: 2, retries: 0, composites: 4, tiers: 2 });
    expect(summary.results).toBeGreaterThan(0);
    const store = openSqliteStore(db);
    const onTime = store.listResults({ period: '2026', indicator: 'business.on-time-rate', subjectKind: 'person' });
    store.close();
    // Completed within 20 hours of 00:00 on 10 May: P1 has 20 matters, 14 on time.
    expect(onTime.find((r) => r.subjectId === 'P1')?.value).toBeCloseTo(14 / 20, 12);
  });

  it('prints a summary a person reads', async () => {
    const { code, out } = await kaoping(['evaluate', '--db', db, '--period', '2026-05', '--workers', '1']);
    expect(code).toBe(0);
    expect(out).toContain('期间 2026-05 已重新考评');
    expect(out).toMatch(/事件 events read {3}30 in 1 partitions on 1 worker \(/);
  });

  it('refuses a database that does not exist instead of creating an empty one', async () => {
    const missing = join(dir, 'missing.db');
    const { code, err } = await kaoping(['evaluate', '--db', missing, '--period', '2026']);
    expect(code).toBe(1);
    expect(err).toContain(`KP_ERR_STORE: Store error: cannot open database ${missing}: no such file (import host exports first: kaoping import DIR --db FILE)`);
    expect(existsSync(missing)).toBe(false);
  });

  it('refuses a worker count that is not a whole number', async () => {
    const { code, err } = await kaoping(['evaluate', '--db', db, '--period', '2026', '--workers', '0']);
    expect(code).toBe(2);
    expect(err).toContain('KP_ERR_USAGE: --workers must be a whole number ≥ 1, got "0"');
  });
});

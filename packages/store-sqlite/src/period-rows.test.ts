import type { Composite, Tier } from '@kaoping/contract';
import { afterEach, describe, expect, it } from 'vitest';
import { openTestStore } from './test-support.js';

function tier(personId: string, period: string, rank: number): Tier {
  return { personId, period, tier: 2, reason: 'ranked', rank, n: 300, group: 'G1', evidence: { score: 90 - rank / 10, rank, rules: [] } };
}

function composite(subjectId: string, period: string, value: number | null, weights: Record<string, number>): Composite {
  return { subjectKind: 'person', subjectId, period, composite: value, weights };
}

const ids = (n: number, from = 0): string[] => Array.from({ length: n }, (_, i) => `P${String(i + from).padStart(4, '0')}`);

describe("a period's rows written over by a re-close", () => {
  let cleanup = (): void => {};
  afterEach(() => cleanup());

  it('keeps the rows a re-close writes again, changes what changed, deletes what it no longer has, and leaves other periods alone', () => {
    const t = openTestStore('file');
    cleanup = t.cleanup;
    // 250 people: two multi-row statements and 50 single rows.
    const first = ids(250).map((id, i) => tier(id, '2026', i + 1));
    t.store.putTiers('2026', first);
    t.store.putTiers('2025', first.map((r) => ({ ...r, period: '2025' })));
    // The re-close drops P0000..P0009, moves everyone's rank and adds P0250..P0254.
    const again = ids(245, 10).map((id, i) => tier(id, '2026', 245 - i));
    t.store.putTiers('2026', again);
    expect(t.store.listTiers({ period: '2026' })).toEqual(again);
    expect(t.store.listTiers({ period: '2025' })).toHaveLength(250);
    expect(t.store.listTiers({ personId: 'P0003' }).map((r) => r.period)).toEqual(['2025']);
    expect(t.store.listTiers({ personId: 'P0012' }).map((r) => [r.period, r.rank])).toEqual([['2025', 13], ['2026', 243]]);

    const clerk = { a: 0.5, b: 0.5 };
    t.store.putComposites('2026', ids(120).map((id, i) => composite(id, '2026', i, i % 2 ? clerk : { a: 1 })));
    // Fewer subjects and one weight set fewer: the stale composites and set go, with their key of two columns.
    const fewer = ids(110, 5).map((id, i) => composite(id, '2026', i / 2, clerk));
    t.store.putComposites('2026', fewer);
    expect(t.store.listComposites({ period: '2026' })).toEqual(fewer);
    expect(t.store.db.prepare("SELECT count(*) FROM composite_weight_sets WHERE period = '2026'").pluck().get()).toBe(1);
  });

  it('refuses two rows with the same key as SQLite always did, and keeps the rows the period had', async () => {
    const t = openTestStore('file');
    cleanup = t.cleanup;
    const before = ids(150).map((id, i) => tier(id, '2026', i + 1));
    t.store.putTiers('2026', before);
    const twice = [...ids(120).map((id, i) => tier(id, '2026', i + 2)), tier('P0007', '2026', 1)];
    await expect(t.store.transaction(() => t.store.putTiers('2026', twice))).rejects.toThrow('UNIQUE constraint failed: tiers.period, tiers.person_id');
    expect(t.store.listTiers({ period: '2026' })).toEqual(before);
  });
});

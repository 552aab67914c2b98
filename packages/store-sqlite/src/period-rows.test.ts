import type { Result, ResultColumns } from '@kaoping/contract';
import { afterEach, describe, expect, it } from 'vitest';
import { openTestStore } from './test-support.js';

const evidence = { scale: 'target', params: { target: 0.98 } };

function result(subjectId: string, period: string, value: number): Result {
  return { subjectKind: 'person', subjectId, indicator: 'a.rate', indicatorVersion: '1.0.0', paramsHash: 'h1', period, value, score: value * 100, evidence };
}

/** One indicator's results of `ids` as a close's columns. */
function columns(ids: readonly string[], period: string): ResultColumns {
  const values = Float64Array.from(ids, (_, i) => i / ids.length);
  return {
    period,
    kinds: [{ subjectKind: 'person', subjectIds: ids, indicators: [{ indicator: 'a.rate', indicatorVersion: '1.0.0', paramsHash: 'h1', values, scores: values.map((v) => v * 100), evidence: ids.map(() => evidence) }] }],
  };
}

const ids = (n: number, from = 0): string[] => Array.from({ length: n }, (_, i) => `P${String(i + from).padStart(4, '0')}`);

describe("a period's rows written over by a re-close", () => {
  let cleanup = (): void => {};
  afterEach(() => cleanup());

  it('keeps the rows a re-close writes again, changes what changed, deletes what it no longer has, and leaves other periods alone', () => {
    const t = openTestStore('file');
    cleanup = t.cleanup;
    // 250 subjects: two multi-row statements and 50 single rows.
    const first = ids(250).map((id, i) => result(id, '2026', i / 250));
    t.store.putResults('2026', first);
    t.store.putResults('2025', first.map((r) => ({ ...r, period: '2025' })));
    // The re-close drops P0000..P0009, changes everyone's value and adds P0250..P0254.
    const again = ids(245, 10).map((id, i) => result(id, '2026', 1 - i / 245));
    t.store.putResults('2026', again);
    expect(t.store.listResults({ period: '2026' })).toEqual(again);
    expect(t.store.listResults({ period: '2025' })).toHaveLength(250);
    expect(t.store.listResults({ period: '2026', subjectId: 'P0003' })).toEqual([]);
    expect(t.store.listResults({ period: '2026', subjectId: 'P0012' }).map((r) => r.value)).toEqual([1 - 2 / 245]);
    expect(t.store.db.prepare("SELECT count(*) FROM subject_results WHERE period = '2026'").pluck().get()).toBe(245);
  });

  it('refuses two rows with the same key as SQLite always did, and keeps the rows the period had', async () => {
    const t = openTestStore('file');
    cleanup = t.cleanup;
    t.store.putResultColumns(columns(ids(150), '2026'));
    const before = t.store.listResults({ period: '2026' });
    const twice = columns([...ids(120), 'P0007'], '2026');
    await expect(t.store.transaction(() => t.store.putResultColumns(twice))).rejects.toThrow(
      'UNIQUE constraint failed: subject_results.period, subject_results.subject_kind, subject_results.subject_id',
    );
    expect(t.store.listResults({ period: '2026' })).toEqual(before);
  });
});

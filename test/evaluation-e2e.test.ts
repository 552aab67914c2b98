import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCaptured } from '@kaoping/cli';
import { batchEvaluate, createKernel, scoreStates } from '@kaoping/kernel';
import { openSqliteStore } from '@kaoping/store-sqlite';

/**
 * The whole evaluation path through the CLI on a generated small bureau: generate → import →
 * close → export (NDJSON and CSV) → explain → gate.
 */

const RESULT_FIELDS = ['subjectKind', 'subjectId', 'indicator', 'period', 'value', 'score'];
const COMPOSITE_FIELDS = ['subjectKind', 'subjectId', 'period', 'composite'];
const TIER_FIELDS = ['personId', 'period', 'tier', 'reason', 'rank', 'n'];

let dir: string;
let db: string;
let counts: { units: number; people: number };

/** Runs the CLI, returning its exit code and what it printed with console.log. */
const run = (...argv: string[]) => runCaptured(argv);

function jsonl(file: string): Record<string, unknown>[] {
  return readFileSync(file, 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
}

function csvRows(file: string): string[][] {
  // The exported values hold no commas or quotes (codes, ids, numbers), so a split reads them.
  return readFileSync(file, 'utf8').split('\r\n').filter((l) => l !== '').map((l) => l.split(','));
}

function exportTo(what: string, format: 'jsonl' | 'csv'): Promise<{ code: number; out: string }> {
  return run('export', '--db', db, '--period', '2026', '--what', what, '--format', format, '--out', join(dir, `${what}.${format}`));
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kp-evaluation-'));
  db = join(dir, 'kaoping.db');
  const data = join(dir, 'bureau');
  expect((await run('generate', '--preset', 'small', '--seed', '11', '--year', '2026', '--out', data)).code).toBe(0);
  counts = (JSON.parse(readFileSync(join(data, 'manifest.json'), 'utf8')) as { counts: { units: number; people: number } }).counts;
  const imported = await run('import', data, '--db', db, '--json');
  expect(imported.code).toBe(0);
  expect(JSON.parse(imported.out).total.rejected).toBe(0);
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('kaoping close → export → explain → gate on the small bureau', () => {
  it('closes the year from the kept states and exports the public shapes', async () => {
    const closed = await run('close', '--db', db, '--period', '2026', '--json');
    expect(closed.code).toBe(0);
    const summary = JSON.parse(closed.out);
    // 10 person indicators and 7 unit indicators ship first-party.
    expect(summary).toMatchObject({ period: '2026', results: counts.people * 10 + counts.units * 7, composites: counts.people + counts.units, tiers: counts.people });
    expect(summary.byTier['1'] + summary.byTier['2'] + summary.byTier['3'] + summary.byTier.none).toBe(counts.people);

    for (const what of ['results', 'composites', 'tiers']) {
      expect((await exportTo(what, 'jsonl')).code).toBe(0);
      expect((await exportTo(what, 'csv')).code).toBe(0);
    }
    const results = jsonl(join(dir, 'results.jsonl'));
    expect(results).toHaveLength(summary.results);
    for (const r of results) expect(Object.keys(r)).toEqual(RESULT_FIELDS);
    const keys = results.map((r) => `${r.subjectKind}\u0000${r.subjectId}\u0000${r.indicator}`);
    expect(keys).toEqual([...keys].sort());
    expect(results.every((r) => r.period === '2026' && (r.value === null || typeof r.value === 'number'))).toBe(true);
    expect(results.some((r) => typeof r.score === 'number' && !Number.isInteger(r.score))).toBe(true);

    const composites = jsonl(join(dir, 'composites.jsonl'));
    for (const c of composites) expect(Object.keys(c)).toEqual(COMPOSITE_FIELDS);
    const tiers = jsonl(join(dir, 'tiers.jsonl'));
    for (const t of tiers) expect(Object.keys(t)).toEqual(TIER_FIELDS);
    expect(new Set(tiers.map((t) => t.reason))).toEqual(new Set(['ranked', 'below-threshold', 'sanction', 'left']));

    // CSV: the same fields as columns, the same rows in the same order, numbers unrounded.
    const csv = csvRows(join(dir, 'results.csv'));
    expect(csv[0]).toEqual(RESULT_FIELDS);
    expect(csv.slice(1).map((row) => row.slice(0, 3).join('\u0000'))).toEqual(keys);
    const someScore = results.find((r) => typeof r.score === 'number' && !Number.isInteger(r.score))!;
    const row = csv.find((c) => c[1] === someScore.subjectId && c[2] === someScore.indicator)!;
    expect(Number(row[5])).toBe(someScore.score);
    expect(csvRows(join(dir, 'composites.csv'))[0]).toEqual(COMPOSITE_FIELDS);
    const tiersCsv = csvRows(join(dir, 'tiers.csv'));
    expect(tiersCsv[0]).toEqual(TIER_FIELDS);
    expect(tiersCsv).toHaveLength(tiers.length + 1);
  });

  it('gives each tier group no more tier-1 places than floor(0.2 × n)', () => {
    const store = openSqliteStore(db);
    try {
      const groups = new Map<string, { n: number | null; tiered: number; first: number; ranked: number }[]>();
      for (const t of store.listTiers({ period: '2026' })) {
        const list = groups.get(t.group) ?? [];
        list.push({ n: t.n, tiered: t.tier === null ? 0 : 1, first: t.tier === 1 ? 1 : 0, ranked: t.rank === null ? 0 : 1 });
        groups.set(t.group, list);
      }
      // Three 区局 and the 市局's own staff.
      expect(groups.size).toBe(4);
      for (const members of groups.values()) {
        const tiered = members.reduce((s, m) => s + m.tiered, 0);
        const ns = new Set(members.filter((m) => m.n !== null).map((m) => m.n));
        expect([...ns]).toEqual([tiered]);
        const first = members.reduce((s, m) => s + m.first, 0);
        const ranked = members.reduce((s, m) => s + m.ranked, 0);
        expect(first).toBe(Math.min(ranked, Math.floor(0.2 * tiered)));
      }
    } finally {
      store.close();
    }
  });

  it('explains a sanctioned person\'s tier and an indicator with the records behind it', async () => {
    const tiers = jsonl(join(dir, 'tiers.jsonl'));
    const sanctioned = tiers.find((t) => t.reason === 'sanction')!.personId as string;
    const tier = await run('explain', '--db', db, '--period', '2026', '--person', sanctioned, '--tier', '--json');
    expect(tier.code).toBe(0);
    const e = JSON.parse(tier.out);
    expect(e).toMatchObject({ kind: 'tier', tier: 3, reason: 'sanction', quota: 0.2, threshold: 60, forcedBy: 'rule.sanction-tier3', source: 'stored' });
    expect(e.quotaSlots).toBe(Math.floor(0.2 * e.n));
    expect(e.rules[0].records[0]).toMatchObject({ type: 'hr.sanction.imposed' });
    expect(e.rules[0].records[0].date.startsWith('2026-')).toBe(true);

    const text = await run('explain', '--db', db, '--period', '2026', '--person', sanctioned, '--tier');
    expect(text.out).toContain('年度段次 annual tier — 2026');
    expect(text.out).toContain('段次 tier:     第3段 (tier 3), 原因 reason sanction');
    expect(text.out).toContain(`rule.sanction-tier3 (precedence 100) ← 生效 decides`);

    const results = jsonl(join(dir, 'results.jsonl'));
    const withMatters = results.find((r) => r.indicator === 'business.on-time-rate' && r.subjectKind === 'person' && r.value !== null)!;
    const ind = JSON.parse((await run('explain', '--db', db, '--period', '2026', '--person', withMatters.subjectId as string, '--indicator', 'business.on-time-rate', '--json')).out);
    expect(ind).toMatchObject({ kind: 'indicator', value: withMatters.value, score: withMatters.score, source: 'stored' });
    expect(ind.events.count).toBe(ind.state.done);
    expect(ind.events.ids.length).toBe(Math.min(100, ind.events.count));
    expect(ind.events.ids.every((id: string) => id.endsWith('#c'))).toBe(true);
  });

  it('answers the promotion gate with allowed and reasons, exit 0 either way', async () => {
    const tiers = jsonl(join(dir, 'tiers.jsonl'));
    const sanctioned = tiers.find((t) => t.reason === 'sanction')!.personId as string;
    const refused = await run('gate', 'promotion', '--db', db, '--person', sanctioned, '--date', '2027-01-05', '--json');
    expect(refused.code).toBe(0);
    const answer = JSON.parse(refused.out);
    expect(answer.allowed).toBe(false);
    expect(answer.reasons).toContainEqual(expect.objectContaining({ code: 'tier-3', year: 2026, source: 'kaoping' }));
    for (const r of answer.reasons) expect(typeof r.message).toBe('string');

    const best = tiers.find((t) => t.tier === 1)!.personId as string;
    const other = JSON.parse((await run('gate', 'promotion', '--db', db, '--person', best, '--date', '2027-01-05', '--json')).out);
    expect(Object.keys(other)).toEqual(['allowed', 'reasons']);
    // The 2026 tier is the project's own tier 1, so 2026 never fails for this person.
    expect(other.reasons.filter((r: { year?: number }) => r.year === 2026)).toEqual([]);
  });

  it('scores a batch re-evaluation from the stored events exactly as the close from kept states', async () => {
    const store = openSqliteStore(db);
    const kernel = createKernel({ store, resolveFrom: [fileURLToPath(new URL('../packages/cli/', import.meta.url))] });
    try {
      await kernel.start();
      const table = await batchEvaluate(kernel, { dbPath: db, period: '2026', workers: 2 });
      const batch = scoreStates(kernel, table, '2026');
      const key = (r: { subjectKind: string; subjectId: string; indicator?: string }) => `${r.subjectKind}\u0000${r.subjectId}\u0000${r.indicator ?? ''}`;
      const sorted = <T extends { subjectKind: string; subjectId: string; indicator?: string }>(rows: T[]) => [...rows].sort((a, b) => (key(a) < key(b) ? -1 : 1));
      expect(sorted(batch.results).map((r) => [r.subjectKind, r.subjectId, r.indicator, r.period, r.value, r.score])).toEqual(
        jsonl(join(dir, 'results.jsonl')).map((r) => RESULT_FIELDS.map((f) => r[f])),
      );
      expect(sorted(batch.composites).map((c) => [c.subjectKind, c.subjectId, c.period, c.composite])).toEqual(
        jsonl(join(dir, 'composites.jsonl')).map((c) => COMPOSITE_FIELDS.map((f) => c[f])),
      );
      expect([...batch.tiers].sort((a, b) => (a.personId < b.personId ? -1 : 1)).map((t) => [t.personId, t.period, t.tier, t.reason, t.rank, t.n])).toEqual(
        jsonl(join(dir, 'tiers.jsonl')).map((t) => TIER_FIELDS.map((f) => t[f])),
      );
    } finally {
      await kernel.stop();
      store.close();
    }
  });

  it('turns bad arguments into usage errors', async () => {
    const what = await run('export', '--db', db, '--period', '2026', '--what', 'people');
    expect(what.code).toBe(2);
    expect(what.err).toContain('KP_ERR_USAGE: --what must be one of results, composites, tiers, got "people"');
    expect((await run('gate', 'promotion', '--db', db, '--person', 'P000001', '--date', '2027-02-30')).code).toBe(2);
    const notClosed = await run('export', '--db', db, '--period', '2025', '--what', 'results');
    expect(notClosed.code).toBe(1);
    expect(notClosed.err).toContain('KP_ERR_PERIOD_NOT_CLOSED: Period 2025 has not been closed');
  });
});

import { createHash } from 'node:crypto';
import { resultRowsOf, type Result, type ResultColumns } from '@kaoping/contract';
import { afterEach, describe, expect, it } from 'vitest';
import { canonicalJson } from '../registry/params-hash.js';
import { auditEntry, columnHashes, RESULT_SUBJECTS_PER_ENTRY, RESULTS_RECORDED, resultHash, resultKey, subjectHash } from './audit.js';
import { rig, type Rig } from './test-support.js';

let r: Rig;
afterEach(() => r?.store.close());

function result(subjectId: string, value: number): Result {
  return {
    subjectKind: 'person', subjectId, indicator: 'test.rate', indicatorVersion: '1.0.0', paramsHash: 'abc', period: '2026-Q3',
    value, score: Math.round(value * 100), evidence: { n: 10 },
  };
}

/** A store with some of everything in its log: results, a task's transitions, a config change. */
async function busyStore(): Promise<void> {
  r = rig();
  await r.loop.putResults('2026-Q3', [result('P01', 0.8), result('P02', 0.9), result('P03', 0.95)], 'close');
  r.setRate('P01', '2026-11', { good: 1, bad: 9 });
  const [risk] = (await r.loop.scan()).raised;
  await r.loop.transitionTask(r.store.listTasks({ riskId: risk.id })[0].id, 'acknowledged', 'P01');
  await r.loop.recordConfigChange('admin', 'loop.tasks.dueMs', 604_800_000, 259_200_000);
}

/** A subject's packed values and scores, as store-sqlite keeps them: little-endian doubles. */
function numbers(...xs: number[]): Buffer {
  const b = Buffer.alloc(xs.length * 8);
  xs.forEach((x, i) => b.writeDoubleLE(x, i * 8));
  return b;
}

/**
 * Writes `bytes` over a person's packed numbers in SQLite, as an edit outside Kaoping would: store-sqlite
 * keeps a period's results in chunks of subjects, their numbers one after the other. The rows changed.
 */
function overwriteNumbers(period: string, personId: string, bytes: Buffer): number {
  const chunk = r.store.db.prepare("SELECT rowid, ids, facets, numbers FROM result_chunks WHERE period = ? AND subject_kind = 'person' AND first_id <= ? ORDER BY first_id DESC LIMIT 1")
    .get(period, personId) as { rowid: number; ids: string; facets: string; numbers: Buffer };
  const lists = JSON.parse(chunk.facets) as number[][];
  const before = (JSON.parse(chunk.ids) as string[]).indexOf(personId);
  let at = 0;
  for (let i = 0; i < before; i++) at += (lists.length === 1 ? lists[0] : lists[i]).length * 16;
  bytes.copy(chunk.numbers, at);
  return r.store.db.prepare('UPDATE result_chunks SET numbers = ? WHERE rowid = ?').run(chunk.numbers, chunk.rowid).changes;
}

function auditSeq(action: string): number {
  return r.store.listAudit().find((e) => e.action === action)!.seq!;
}

describe('audit verify', () => {
  it('passes on a clean store and counts what it checked', async () => {
    await busyStore();
    const rows = r.store.listAudit().length;
    expect(await r.loop.verifyAudit()).toEqual({ ok: true, rows, results: 3 });
    expect(r.store.listAudit().find((e) => e.action === 'config.changed')).toMatchObject({
      actor: 'admin', target: 'config/loop.tasks.dueMs', data: { before: 604_800_000, after: 259_200_000 },
    });
  });

  it('names the audit row that was edited directly in SQLite', async () => {
    await busyStore();
    const seq = auditSeq('task.transition');
    r.store.db.prepare("UPDATE audit_log SET actor = 'someone-else' WHERE seq = ?").run(seq);
    expect(await r.loop.verifyAudit()).toEqual({
      ok: false, seq, reason: `audit row ${seq}: hash does not match the row's content; the row was changed after it was written`,
    });
  });

  it('names the subject whose results were edited directly in SQLite, and the audit row that covers them', async () => {
    await busyStore();
    const seq = auditSeq('results.recorded');
    expect(overwriteNumbers('2026-Q3', 'P02', numbers(0.9, 99))).toBe(1);
    expect(await r.loop.verifyAudit()).toEqual({
      ok: false, seq,
      reason: `audit row ${seq}: the results of 2026-Q3/person/P02 no longer match the hash the log recorded; a row was changed outside Kaoping`,
    });
  });

  it("names a covered subject's results deleted, or a subject's added beside the log", async () => {
    await busyStore();
    const seq = auditSeq('results.recorded');
    // Written by the store alone, past the loop that records results in the log.
    const stored = r.store.listResults({ period: '2026-Q3' });
    r.store.putResults('2026-Q3', stored.filter((x) => x.subjectId !== 'P03'));
    expect(await r.loop.verifyAudit()).toMatchObject({ ok: false, seq, reason: `audit row ${seq}: the results of 2026-Q3/person/P03 are missing from the results table; they were deleted outside Kaoping` });
    r.store.putResults('2026-Q3', [...stored, result('P09', 1)]);
    expect(await r.loop.verifyAudit()).toMatchObject({ ok: false, seq, reason: `the results of 2026-Q3/person/P09 are not in audit row ${seq}, which records period 2026-Q3: they were added outside Kaoping` });
  });

  it('still verifies periods recorded one hash per row, as entries written before per-subject hashes did', async () => {
    r = rig();
    const rows = [result('P01', 0.8), result('P02', 0.9)];
    r.store.putResults('2026-Q3', rows);
    const covered = Object.fromEntries(rows.map((row) => [resultKey(row), resultHash(row)]));
    r.store.appendAudit([auditEntry(1, 'close', RESULTS_RECORDED, 'results/2026-Q3', { period: '2026-Q3', part: 0, parts: 1, rows: covered })]);
    expect(await r.loop.verifyAudit()).toMatchObject({ ok: true, results: 2 });
    overwriteNumbers('2026-Q3', 'P02', numbers(0.9, 91));
    expect(await r.loop.verifyAudit()).toMatchObject({ ok: false, reason: expect.stringContaining('result 2026-Q3/person/P02/test.rate no longer matches the hash the log recorded; the row was changed outside Kaoping') });
  });

  it('checks a re-closed period against its latest record only', async () => {
    await busyStore();
    await r.loop.putResults('2026-Q3', [result('P01', 0.5)], 'close');
    expect(await r.loop.verifyAudit()).toMatchObject({ ok: true, results: 1 });
  });

  it('splits a large period over several entries and still names the edited subject', async () => {
    r = rig();
    const idOf = (i: number): string => `X${String(i).padStart(5, '0')}`;
    const rows = Array.from({ length: RESULT_SUBJECTS_PER_ENTRY + 10 }, (_, i) => result(idOf(i), 0.5));
    await r.loop.putResults('2026-Q3', rows, 'close');
    const entries = r.store.listAudit().filter((e) => e.action === 'results.recorded');
    expect(entries.map((e) => [e.data.part, e.data.parts])).toEqual([[0, 2], [1, 2]]);
    const edited = idOf(RESULT_SUBJECTS_PER_ENTRY + 3);
    expect(overwriteNumbers('2026-Q3', edited, numbers(0.6, 50))).toBe(1);
    expect(await r.loop.verifyAudit()).toMatchObject({ ok: false, seq: entries[1].seq, reason: expect.stringContaining(`the results of 2026-Q3/person/${edited} no longer match`) });
  });

  it('hashes a row as the canonical JSON of its content', () => {
    const row: Result = { ...result('P01', 0.8), score: null, evidence: { scale: 'target', params: { floor: 0.5, target: 1 }, peers: [3, null] } };
    const { subjectKind, subjectId, indicator, indicatorVersion, paramsHash, period, value, score, evidence } = row;
    const expected = createHash('sha256').update(canonicalJson({ period, subjectKind, subjectId, indicator, indicatorVersion, paramsHash, value, score, evidence })).digest('hex').slice(0, 32);
    expect(resultHash(row)).toBe(expected);
  });

  it('hashes evidence by its sorted keys, whatever their order and whatever object came before', () => {
    const hash = (evidence: Record<string, unknown>) => resultHash({ ...result('P01', 0.8), evidence });
    const sha = (text: string): string => createHash('sha256').update(text).digest('hex').slice(0, 32);
    const expected = (evidence: string) => sha(`{"evidence":${evidence},"indicator":"test.rate","indicatorVersion":"1.0.0","paramsHash":"abc","period":"2026-Q3","score":80,"subjectId":"P01","subjectKind":"person","value":0.8}`);
    expect(hash({ b: 1, a: 2 })).toBe(expected('{"a":2,"b":1}'));
    expect(hash({ b: 3, a: 4 })).toBe(expected('{"a":4,"b":3}'));
    expect(hash({ a: 2, b: 1 })).toBe(expected('{"a":2,"b":1}'));
    expect(hash({ b: 1, a: 2, c: 0 })).toBe(expected('{"a":2,"b":1,"c":0}'));
    expect(hash({ b: 1 })).toBe(expected('{"b":1}'));
    expect(hash(Object.assign(Object.create({ inherited: 1 }) as Record<string, unknown>, { b: 1 }))).toBe(expected('{"b":1}'));
  });

  it("hashes a subject's rows: one line each in indicator order with its evidence's digest, then values and scores as doubles", () => {
    const a: Result = { ...result('P01', 0.8), indicator: 'b.second', evidence: { z: 1, a: [2, undefined] } };
    const b: Result = { ...result('P01', 0.4), indicator: 'a.first', score: null };
    const sha = (text: string): string => createHash('sha256').update(text).digest('hex').slice(0, 32);
    const text = '"2026-Q3","person","P01"'
      + `\n"a.first","1.0.0","abc",${sha('{"n":10}')}`
      + `\n"b.second","1.0.0","abc",${sha('{"a":[2,null],"z":1}')}`;
    const expected = createHash('sha256').update(text).update(numbers(0.4, Number.NaN, 0.8, 80)).digest('hex').slice(0, 32);
    expect(subjectHash([a, b])).toBe(expected);
  });

  it("hashes each evidence as the store gives it back, whatever its members: a rank's counts, names to escape, nested objects, dropped members, toJSON", () => {
    const sha = (text: string): string => createHash('sha256').update(text).digest('hex').slice(0, 32);
    const shared = { y: 2, x: [1, undefined] };
    const cases: [unknown, string][] = [
      [{ n: 12, below: 0, equal: -0, neg: -3, big: 2 ** 40, ratio: 0.25, inf: Number.POSITIVE_INFINITY }, '{"below":0,"big":1099511627776,"equal":0,"inf":null,"n":12,"neg":-3,"ratio":0.25}'],
      [{ scale: 'percentile', note: 'a"b\\c\n', name: '征收', peers: shared, again: shared }, '{"again":{"x":[1,null],"y":2},"name":"征收","note":"a\\"b\\\\c\\n","peers":{"x":[1,null],"y":2},"scale":"percentile"}'],
      [{ gone: undefined, fn: () => 1, at: new Date(0), flag: true, none: null }, '{"at":"1970-01-01T00:00:00.000Z","flag":true,"none":null}'],
      [{ toJSON: () => ({ b: 1, a: 'x' }) }, '{"a":"x","b":1}'],
    ];
    for (const [evidence, stored] of cases) {
      const row: Result = { ...result('P01', 0.8), evidence: evidence as Record<string, unknown> };
      const expected = createHash('sha256').update(`"2026-Q3","person","P01"\n"test.rate","1.0.0","abc",${sha(stored)}`).update(numbers(0.8, 80)).digest('hex').slice(0, 32);
      expect(subjectHash([row])).toBe(expected);
      expect(JSON.parse(stored)).toEqual(JSON.parse(JSON.stringify(evidence)));
    }
  });

  it("hashes a subject's text as UTF-8 whatever it holds: an id and a version past ASCII, a quote, from rows and from columns alike", () => {
    const row: Result = { ...result('张三"1', 0.8), indicatorVersion: '版本1', evidence: { note: '征收' } };
    const sha = (text: string): string => createHash('sha256').update(text).digest('hex').slice(0, 32);
    const text = `"2026-Q3","person","张三\\"1"\n"test.rate","版本1","abc",${sha('{"note":"征收"}')}`;
    const expected = createHash('sha256').update(text, 'utf8').update(numbers(0.8, 80)).digest('hex').slice(0, 32);
    expect(subjectHash([row])).toBe(expected);
    const column = { indicator: row.indicator, indicatorVersion: row.indicatorVersion, paramsHash: row.paramsHash, values: Float64Array.of(0.8), scores: Float64Array.of(80), evidence: [row.evidence] };
    expect(columnHashes({ period: '2026-Q3', kinds: [{ subjectKind: 'person', subjectIds: [row.subjectId], indicators: [column] }] })).toEqual([expected]);
  });

  it('records rows whose evidence JSON changes (undefined members, non-finite numbers) as the store gives them back', async () => {
    r = rig();
    const shared = { scale: 'target', note: undefined, params: { target: 1 } };
    const rows: Result[] = [
      { ...result('P01', 0.8), evidence: shared },
      { ...result('P02', 0.9), evidence: shared },
      { ...result('P03', 0.7), evidence: { ratio: Number.POSITIVE_INFINITY, list: [undefined, 1] } },
    ];
    await r.loop.putResults('2026-Q3', rows, 'close');
    expect(await r.loop.verifyAudit()).toMatchObject({ ok: true, results: 3 });
    // P03, third in its chunk, has evidence of its own.
    expect(r.store.db.prepare('SELECT evidence FROM result_chunks').pluck().get()).toBe('[[2,[[0,{"ratio":null,"list":[null,1]}]]]]');
    r.store.db.prepare(`UPDATE result_chunks SET evidence = '[[2,[[0,{"ratio":1,"list":[null,1]}]]]]'`).run();
    expect(await r.loop.verifyAudit()).toMatchObject({ ok: false, reason: expect.stringContaining('the results of 2026-Q3/person/P03 no longer match') });
  });

  it("hashes a close's columns as it hashes their rows: indicators out of id order, shared and own evidence, several entries", async () => {
    const n = RESULT_SUBJECTS_PER_ENTRY + 3;
    const ids = Array.from({ length: n }, (_, i) => `X${String(i).padStart(5, '0')}`);
    const shared = Object.freeze({ scale: 'target', params: { target: 1 } });
    const column = (indicator: string, f: (i: number) => number, evidence: (i: number) => Record<string, unknown>) => ({
      indicator, indicatorVersion: '1.0.0', paramsHash: `h-${indicator}`,
      values: Float64Array.from(ids, (_, i) => f(i)), scores: Float64Array.from(ids, (_, i) => f(i + 1) * 10), evidence: ids.map((_, i) => evidence(i)),
    });
    const columns: ResultColumns = {
      period: '2026-Q3',
      kinds: [
        {
          subjectKind: 'person', subjectIds: ids, indicators: [
            column('z.rank', (i) => (i % 7 === 0 ? Number.NaN : i), (i) => ({ ...shared, n: n, below: i })),
            column('a.rate', (i) => (i % 5 === 0 ? -0 : i % 11 === 0 ? Number.POSITIVE_INFINITY : 1 / (i + 1)), () => shared),
          ],
        },
        { subjectKind: 'unit', subjectIds: ['U1', 'U2'], indicators: [column('a.rate', (i) => i / 3, () => shared)] },
      ],
    };
    r = rig();
    expect(await r.loop.putResults('2026-Q3', columns, 'close')).toBe(2 * n + 2);
    const fromColumns = r.store.listAudit().filter((e) => e.action === RESULTS_RECORDED).map((e) => e.data);
    expect(await r.loop.verifyAudit()).toMatchObject({ ok: true, results: 2 * n + 2 });
    const stored = r.store.db.prepare('SELECT * FROM result_chunks ORDER BY subject_kind, first_id').all();
    r.store.close();

    r = rig();
    await r.loop.putResults('2026-Q3', resultRowsOf(columns), 'close');
    expect(r.store.listAudit().filter((e) => e.action === RESULTS_RECORDED).map((e) => e.data)).toEqual(fromColumns);
    expect(r.store.db.prepare('SELECT * FROM result_chunks ORDER BY subject_kind, first_id').all()).toEqual(stored);
    expect(fromColumns.map((d) => d.part)).toEqual([0, 1]);
    await expect(r.loop.putResults('2026-Q4', columns, 'close')).rejects.toThrow('writing results of period 2026-Q4: the columns are for period 2026-Q3; write each period separately');
  });
});

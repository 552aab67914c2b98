import { afterEach, describe, expect, it } from 'vitest';
import type { Composite, Result, Tier } from '@kaoping/contract';
import { closePeriod, exportPeriod, RESULTS_RECORDED, scoreStates, StateTable, storeScores, type PeriodScores } from '@kaoping/kernel';
import { EVENTS_2026, local, openBureau, type Bureau, type BureauOptions } from './evaluation-support.js';

// Every expected number below is worked out by hand from EVENTS_2026 and INDICATORS.md.
let bureau: Bureau | undefined;
afterEach(async () => {
  await bureau?.close();
  bureau = undefined;
});

function result(s: PeriodScores, subjectId: string, indicator: string): Result {
  const r = s.results.find((x) => x.subjectId === subjectId && x.indicator === indicator);
  if (!r) throw new Error(`no result ${subjectId} ${indicator}`);
  return r;
}

function composite(s: PeriodScores, kind: 'person' | 'unit', id: string): Composite {
  const c = s.composites.find((x) => x.subjectKind === kind && x.subjectId === id);
  if (!c) throw new Error(`no composite ${kind} ${id}`);
  return c;
}

function tier(s: PeriodScores, personId: string): Pick<Tier, 'tier' | 'reason' | 'rank' | 'n' | 'group'> {
  const t = s.tiers.find((x) => x.personId === personId);
  if (!t) throw new Error(`no tier ${personId}`);
  return { tier: t.tier, reason: t.reason, rank: t.rank, n: t.n, group: t.group };
}

const valueScore = (r: Result): [number | null, number | null] => [r.value, r.score];

describe('scoreStates on a hand-made bureau', () => {
  it('gives each person the value and score of every indicator, from the kept states', async () => {
    bureau = await openBureau();
    const s = scoreStates(bureau.kernel, bureau.kernel.states, '2026');
    // 13 people × 10 person indicators + 6 units × 7 unit indicators.
    expect(s.results).toHaveLength(13 * 10 + 6 * 7);

    // A1: 4 of 4 on time → 1 → 100; 1 matter overdue and open at the end → 100 − 5 × 1.
    expect(valueScore(result(s, 'A1', 'business.on-time-rate'))).toEqual([1, 100]);
    expect(valueScore(result(s, 'A1', 'business.overdue-open'))).toEqual([1, 95]);
    // 49 ÷ 50 = 0.98 reaches the target.
    expect(valueScore(result(s, 'A1', 'gov.attendance'))).toEqual([0.98, 100]);
    // 40 credits of 50 → 0.8; 100 × (0.8 − 0.6) ÷ (1 − 0.6) = 50.
    const credits = result(s, 'A1', 'party.study-credits');
    expect(credits.value).toBeCloseTo(0.8, 12);
    expect(credits.score).toBeCloseTo(50, 9);
    // Workload 4 (4 × DJ) ties with A2's 4 (TS 3 + DJ 1) among the two FD people of D1 with a value:
    // 100 × (0 + 0.5 × (2 − 1)) ÷ (2 − 1) = 50.
    const workload = result(s, 'A1', 'business.workload');
    expect(valueScore(workload)).toEqual([4, 50]);
    expect(workload.evidence).toMatchObject({ scale: 'percentile', below: 0, equal: 2, n: 2, peerGroup: { tierGroup: 'D1', post: 'FD' } });
    expect(valueScore(result(s, 'A2', 'business.workload'))).toEqual([4, 50]);

    // A2: 1 of 2 on time → 0.5, below the floor → 0; the late matter was completed, so nothing open → 0 → 100.
    expect(valueScore(result(s, 'A2', 'business.on-time-rate'))).toEqual([0.5, 0]);
    expect(valueScore(result(s, 'A2', 'business.overdue-open'))).toEqual([0, 100]);
    // 45 ÷ (45 + 5): leave counts in neither → 0.9 = floor → 0.
    expect(valueScore(result(s, 'A2', 'gov.attendance'))).toEqual([0.9, 0]);
    // Party indicators do not apply to a non-member: null, marked as not applying.
    expect(valueScore(result(s, 'A2', 'party.study-credits'))).toEqual([null, null]);
    expect(result(s, 'A2', 'party.study-credits').evidence).toMatchObject({ applies: false });

    // A6 has no records: everything null; no record, no value (never 0).
    expect(s.results.filter((r) => r.subjectId === 'A6').every((r) => r.value === null && r.score === null)).toBe(true);
    // An indicator with no data for anyone stays null: nobody had ratings.
    expect(valueScore(result(s, 'A1', 'business.taxpayer-satisfaction'))).toEqual([null, null]);
  });

  it('scores a party member without study records from a fresh state: 0 credits, not null', async () => {
    bureau = await openBureau(EVENTS_2026.filter((e) => e.type !== 'party.study.recorded'));
    const s = scoreStates(bureau.kernel, bureau.kernel.states, '2026');
    expect(valueScore(result(s, 'A1', 'party.study-credits'))).toEqual([0, 0]);
  });

  it('records the indicator version and params hash of the kernel on every result', async () => {
    bureau = await openBureau();
    const s = scoreStates(bureau.kernel, bureau.kernel.states, '2026');
    const byId = new Map(bureau.kernel.indicators().map((i) => [i.definition.id, i]));
    for (const r of s.results) {
      expect(r.indicatorVersion).toBe(byId.get(r.indicator)!.definition.version);
      expect(r.paramsHash).toBe(byId.get(r.indicator)!.paramsHash);
      expect(r.paramsHash).toMatch(/^[0-9a-f]{16}$/);
    }
  });

  it('merges a unit\'s subtree into its own values and renormalises composites over what is not null', async () => {
    bureau = await openBureau();
    const s = scoreStates(bureau.kernel, bureau.kernel.states, '2026');
    // D1S: A1's 4 + A2's 2 completed matters, 5 on time → 5/6 < floor → 0; 7 accepted, 1 overdue → 95.
    expect(result(s, 'D1S', 'business.on-time-rate').value).toBeCloseTo(5 / 6, 12);
    expect(result(s, 'D1S', 'business.on-time-rate').score).toBe(0);
    expect(valueScore(result(s, 'D1S', 'business.overdue-open'))).toEqual([1, 95]);
    // The root sees the same matters through D1.
    expect(valueScore(result(s, 'B0', 'business.overdue-open'))).toEqual([1, 95]);
    // Revenue is unit-only: D1 and its parent; 95 ÷ 100 → 100 × (0.95 − 0.9) ÷ 0.1 = 50.
    expect(result(s, 'D1', 'business.revenue-plan').score).toBeCloseTo(50, 9);
    expect(result(s, 'B0', 'business.revenue-plan').value).toBeCloseTo(0.95, 12);
    expect(result(s, 'D1S', 'business.revenue-plan').value).toBeNull();

    // A1: business (100 + 95 + 50) ÷ 3, government 100, party 50 (organisational life null drops out).
    const a1 = composite(s, 'person', 'A1');
    expect(a1.composite).toBeCloseTo(0.6 * (245 / 3) + 0.25 * 100 + 0.15 * 50, 9);
    expect(a1.weights['business.on-time-rate']).toBeCloseTo(0.2, 12);
    expect(a1.weights['gov.attendance']).toBeCloseTo(0.25, 12);
    expect(a1.weights['party.study-credits']).toBeCloseTo(0.15, 12);
    expect(a1.weights['party.organisational-life']).toBeUndefined();
    // A2: business (0 + 100 + 50) ÷ 3; no party domain (not a member) → business and government renormalise over 0.85.
    const a2 = composite(s, 'person', 'A2');
    expect(a2.composite).toBeCloseTo((0.6 / 0.85) * (150 / 3) + (0.25 / 0.85) * 0, 9);
    expect(Object.values(a2.weights).reduce((x, y) => x + y, 0)).toBeCloseTo(1, 12);
    // A3: government only → its attendance score alone.
    expect(composite(s, 'person', 'A3')).toMatchObject({ composite: 100, weights: { 'gov.attendance': 1 } });
    // A6: every indicator null → no composite.
    expect(composite(s, 'person', 'A6')).toMatchObject({ composite: null, weights: {} });

    // D1S: half the mean of its people's composites (A6 has none; the leaver A5 has one), half its own
    // (business: on-time 0 and overdue-open 95).
    const peopleD1 = [a1.composite!, a2.composite!, 100, 100, 100, 100];
    const meanD1 = peopleD1.reduce((x, y) => x + y, 0) / peopleD1.length;
    expect(composite(s, 'unit', 'D1S').composite).toBeCloseTo(0.5 * meanD1 + 0.5 * 47.5, 9);
    // D1 also has revenue in its own half: (0 + 95 + 50) ÷ 3.
    expect(composite(s, 'unit', 'D1').composite).toBeCloseTo(0.5 * meanD1 + 0.5 * (145 / 3), 9);
    // D2 has no own data: the people's half stands alone (100, 50, 75, 25, 0 → 50).
    expect(composite(s, 'unit', 'D2').composite).toBeCloseTo(50, 9);
    expect(composite(s, 'unit', 'D2').weights).toEqual({ '@people': 1 });
    // The root: every person with a composite (6 + 5 + C1), and its own half like D1's.
    const all = [...peopleD1, 100, 50, 75, 25, 0, 100];
    expect(composite(s, 'unit', 'B0').composite).toBeCloseTo(0.5 * (all.reduce((x, y) => x + y, 0) / all.length) + 0.5 * (145 / 3), 9);
  });

  it('assigns tiers per group: quota, threshold, sanction, tie by person code, leaver and no data', async () => {
    bureau = await openBureau();
    const s = scoreStates(bureau.kernel, bureau.kernel.states, '2026');
    expect(s.tiers).toHaveLength(13);
    // D1: n = 5 (A1, A2, A3, A7 ranked + A4 forced); floor(0.2 × 5) = 1 tier-1 place.
    // A3 and A7 both score 100: the smaller code ranks first and takes the place.
    expect(tier(s, 'A3')).toEqual({ tier: 1, reason: 'ranked', rank: 1, n: 5, group: 'D1' });
    expect(tier(s, 'A7')).toEqual({ tier: 2, reason: 'ranked', rank: 2, n: 5, group: 'D1' });
    expect(tier(s, 'A1')).toEqual({ tier: 2, reason: 'ranked', rank: 3, n: 5, group: 'D1' });
    // A2's 35.3 is under the threshold of 60.
    expect(tier(s, 'A2')).toEqual({ tier: 3, reason: 'below-threshold', rank: 4, n: 5, group: 'D1' });
    // A4 scores 100 but was sanctioned in 2026: tier 3 whatever the score, counted in n, not ranked.
    expect(tier(s, 'A4')).toEqual({ tier: 3, reason: 'sanction', rank: null, n: 5, group: 'D1' });
    const a4 = s.tiers.find((t) => t.personId === 'A4')!;
    expect(a4.evidence).toMatchObject({ rule: 'rule.sanction-tier3', rules: [{ rule: 'rule.sanction-tier3', tier: 3, records: ['S-A4'] }] });
    expect(tier(s, 'A5')).toEqual({ tier: null, reason: 'left', rank: null, n: null, group: 'D1' });
    expect(tier(s, 'A6')).toEqual({ tier: null, reason: 'no-data', rank: null, n: null, group: 'D1' });
    // D2: attendance 1, 0.94, 0.96, 0.92, 0.9 → 100, 50, 75, 25, 0; one tier-1 place; under 60 → tier 3.
    expect(['B1', 'B3', 'B2', 'B4', 'B5'].map((id) => [tier(s, id).tier, tier(s, id).rank])).toEqual([[1, 1], [2, 2], [3, 3], [3, 4], [3, 5]]);
    // The bureau's own staff form one more group; floor(0.2 × 1) = 0 places.
    expect(tier(s, 'C1')).toEqual({ tier: 2, reason: 'ranked', rank: 1, n: 1, group: 'B0' });
  });

  it('has no tiers and no rule outcomes outside years, and attributes by period', async () => {
    bureau = await openBureau();
    const q1 = scoreStates(bureau.kernel, bureau.kernel.states, '2026-Q1');
    expect(q1.tiers).toEqual([]);
    // A1's matters were completed in March: Q1 has them all on time; m5 was accepted in November.
    expect(valueScore(result(q1, 'A1', 'business.on-time-rate'))).toEqual([1, 100]);
    expect(valueScore(result(q1, 'A1', 'business.overdue-open'))).toEqual([0, 100]);
    // Q4: no completion, and m5 (due 20 November) is open at the end.
    const q4 = scoreStates(bureau.kernel, bureau.kernel.states, '2026-Q4');
    expect(result(q4, 'A1', 'business.on-time-rate').value).toBeNull();
    expect(valueScore(result(q4, 'A1', 'business.overdue-open'))).toEqual([1, 95]);
    // Study credits in a quarter ask for a quarter of the year's 50: Q2 holds 25 of 12.5 → capped at 1.
    expect(result(scoreStates(bureau.kernel, bureau.kernel.states, '2026-Q2'), 'A1', 'party.study-credits').value).toBe(1);
  });

  it('scores a table built elsewhere (as a batch engine would) exactly like the kept states', async () => {
    bureau = await openBureau();
    const copy = new StateTable();
    copy.load(bureau.kernel.states.toStoredStates());
    expect(scoreStates(bureau.kernel, copy, '2026')).toEqual(scoreStates(bureau.kernel, bureau.kernel.states, '2026'));
    // An empty table: everyone from init() — only the party member's study credits have a value (0).
    const empty = scoreStates(bureau.kernel, new StateTable(), '2026');
    expect(empty.results.filter((r) => r.value !== null).map((r) => `${r.subjectId} ${r.indicator} ${r.value}`)).toEqual(['A1 party.study-credits 0']);
  });

  it('rejects an invalid period with its code', async () => {
    bureau = await openBureau();
    expect(() => scoreStates(bureau!.kernel, bureau!.kernel.states, '2026-13')).toThrow(expect.objectContaining({ code: 'KP_ERR_PERIOD_INVALID', message: 'Invalid period "2026-13"' }));
  });
});

describe('closePeriod', () => {
  it('stores results, composites and tiers, and a second close replaces the first', async () => {
    bureau = await openBureau();
    const { kernel, store } = bureau;
    const first = await closePeriod(kernel, '2026');
    expect(store.listResults({ period: '2026' })).toHaveLength(first.results.length);
    expect(store.listComposites({ period: '2026' })).toHaveLength(13 + 6);
    expect(store.listTiers({ period: '2026' }).map((t) => [t.personId, t.tier])).toContainEqual(['A4', 3]);
    expect(store.listResults({ period: '2026', subjectId: 'A1', indicator: 'business.on-time-rate' })[0]).toMatchObject({ value: 1, score: 100 });

    // B5 gets a perfect record later: 50 more days present → 95 ÷ 100 = 0.95 → 62.5, over the threshold.
    await bureau.ingest(Array.from({ length: 50 }, (_, i) => ({
      id: `B5-late-${i}`, source: 'hr', type: 'hr.attendance.recorded', actorId: 'B5', unitId: null, occurredAt: local(2026, 7, 1) + i * 86_400_000, attrs: { status: 'present' },
    })));
    await closePeriod(kernel, '2026');
    expect(store.listResults({ period: '2026', subjectId: 'B5', indicator: 'gov.attendance' })[0].value).toBeCloseTo(0.95, 12);
    expect(store.listTiers({ period: '2026', personId: 'B5' })).toHaveLength(1);
    expect(store.listTiers({ period: '2026', personId: 'B5' })[0]).toMatchObject({ tier: 2, reason: 'ranked' });
    expect(store.listResults({ period: '2026' })).toHaveLength(first.results.length);
  });

  it('stores its results from columns exactly as from rows, with the same audit hashes, which verify recomputes', async () => {
    /** What a close of 2026 leaves behind: the packed tables as stored and the audit log's results entries. */
    const closeOnce = async (options: BureauOptions, asRows: boolean) => {
      const b = await openBureau(EVENTS_2026, local(2026, 12, 31, 12), options);
      try {
        const scores = scoreStates(b.kernel, b.kernel.states, '2026');
        expect(scores.resultColumns).toBeDefined();
        await storeScores(b.kernel, '2026', asRows ? { results: scores.results, composites: scores.composites, tiers: scores.tiers } : scores);
        return {
          facets: b.store.db.prepare('SELECT * FROM result_facets ORDER BY period, facet').all(),
          subjects: b.store.db.prepare('SELECT * FROM result_chunks ORDER BY period, subject_kind, first_id').all(),
          listed: b.store.listResults({ period: '2026' }),
          audit: b.store.listAudit().filter((e) => e.action === RESULTS_RECORDED).map((e) => e.data),
          verify: await b.kernel.loop.verifyAudit(),
        };
      } finally {
        await b.close();
      }
    };
    const columns = await closeOnce({}, false);
    const rows = await closeOnce({}, true);
    const fallback = await closeOnce({ withoutResultColumns: true }, false);
    // The bureau has percentile ranks and party indicators that apply to members only: evidence of a row's own.
    expect((columns.subjects as { evidence: string | null }[]).filter((s) => s.evidence !== null).length).toBeGreaterThan(0);
    expect(columns.listed).toHaveLength(13 * 10 + 6 * 7);
    expect(Object.keys((columns.audit[0] as { subjects: object }).subjects)).toHaveLength(13 + 6);
    for (const other of [rows, fallback]) {
      expect(columns.facets).toEqual(other.facets);
      expect(columns.subjects).toEqual(other.subjects);
      expect(columns.listed).toEqual(other.listed);
      expect(columns.audit).toEqual(other.audit);
    }
    expect(columns.verify).toEqual({ ok: true, rows: expect.any(Number), results: 13 * 10 + 6 * 7 });
  });

  it('keeps periods apart: closing a quarter leaves the year as it was', async () => {
    bureau = await openBureau();
    await closePeriod(bureau.kernel, '2026');
    await closePeriod(bureau.kernel, '2026-Q1');
    expect(bureau.store.listTiers({ period: '2026' })).toHaveLength(13);
    expect(bureau.store.listTiers({ period: '2026-Q1' })).toEqual([]);
    expect(bureau.store.listResults({ period: '2026-Q1', subjectId: 'A1', indicator: 'business.overdue-open' })[0].value).toBe(0);
  });
});

describe('exportPeriod', () => {
  it('writes the public fields in the public order, sorted by subject kind, subject and indicator', async () => {
    bureau = await openBureau();
    await closePeriod(bureau.kernel, '2026');
    const lines = (await exportPeriod(bureau.kernel, '2026', 'results')).trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(Object.keys(lines[0])).toEqual(['subjectKind', 'subjectId', 'indicator', 'period', 'value', 'score']);
    expect(lines[0]).toEqual({ subjectKind: 'person', subjectId: 'A1', indicator: 'business.enforcement-error-rate', period: '2026', value: null, score: null });
    const keys = lines.map((l) => `${l.subjectKind}\u0000${l.subjectId}\u0000${l.indicator}`);
    expect(keys).toEqual([...keys].sort());
    expect(lines.at(-1)).toMatchObject({ subjectKind: 'unit', subjectId: 'D2S', indicator: 'gov.supervision-completion' });

    const tiersCsv = await exportPeriod(bureau.kernel, '2026', 'tiers', 'csv');
    const rows = tiersCsv.split('\r\n');
    expect(rows[0]).toBe('personId,period,tier,reason,rank,n');
    expect(rows).toContain('A4,2026,3,sanction,,5');
    expect(rows).toContain('A6,2026,,no-data,,');
    expect(rows).toContain('A3,2026,1,ranked,1,5');

    const composites = (await exportPeriod(bureau.kernel, '2026', 'composites')).trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(Object.keys(composites[0])).toEqual(['subjectKind', 'subjectId', 'period', 'composite']);
    expect(composites.find((c) => c.subjectId === 'A3')).toEqual({ subjectKind: 'person', subjectId: 'A3', period: '2026', composite: 100 });
  });

  it('refuses a period that was never closed, saying what to run', async () => {
    bureau = await openBureau();
    await expect(exportPeriod(bureau.kernel, '2025', 'results')).rejects.toMatchObject({
      code: 'KP_ERR_PERIOD_NOT_CLOSED', message: 'Period 2025 has not been closed: no results are stored for it',
    });
  });
});

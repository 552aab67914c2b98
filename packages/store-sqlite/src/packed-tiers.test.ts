import type { Tier } from '@kaoping/contract';
import { describe, expect, it } from 'vitest';
import { openSqliteStore } from './open-sqlite-store.js';
import { SUBJECTS_PER_CHUNK } from './subject-chunks.js';
import { fileBeforeMigration, storesPerTest } from './test-support.js';

/** A ranked person's tier as a close writes it. */
function ranked(personId: string, rank: number, group = 'G1', period = '2026'): Tier {
  const n = 3000;
  return {
    personId, period, tier: rank <= 300 ? 1 : 2, reason: 'ranked', rank, n, group,
    evidence: { score: 95 - rank / 100, rank, n, quota: 0.1, threshold: 60, tierOneSlots: 300, rules: [] },
  };
}

/** A tier as a row per person with its evidence as JSON text gave it back (the layout before migration 011). */
function asRowGaveIt(t: Tier): Tier {
  const column = (x: number | null) => (x === null || Number.isNaN(x) ? null : x === 0 ? 0 : x);
  return {
    ...t, tier: column(t.tier) as Tier['tier'], rank: column(t.rank), n: column(t.n),
    evidence: (JSON.parse(JSON.stringify(t.evidence) ?? 'null') as Record<string, unknown> | null) ?? {},
  };
}

const byPerson = (a: Tier, b: Tier) => (a.personId < b.personId ? -1 : a.personId > b.personId ? 1 : 0);
const id = (i: number) => `P${String(i).padStart(5, '0')}`;

describe('tiers stored in chunks of people (migration 011)', () => {
  const { open, later } = storesPerTest();

  it('reads back a close-sized period in person order as a row per person did, whatever its evidence', () => {
    const t = open();
    const n = 2 * SUBJECTS_PER_CHUNK + 100;
    // Written in group order, as a close ranks them: every third person in G2.
    const rows = Array.from({ length: n }, (_, i) => ranked(id((i * 7919) % n), i + 1, i % 3 ? 'G1' : 'G2'));
    rows[5] = { ...rows[5], tier: 3, reason: 'sanction', rank: null, evidence: { score: 80, rank: null, n: 3000, rule: 'rule.sanction-tier3', rules: [{ rule: 'rule.sanction-tier3', records: ['E1'] }] } };
    rows[6] = { ...rows[6], tier: null, reason: 'left', rank: null, n: null, evidence: { score: null, leftAt: 1760000000000, rules: [] } };
    rows[7] = { ...rows[7], tier: null, reason: 'no-data', rank: null, n: null, evidence: { score: null, rules: [] } };
    // Evidence that only looks like a ranked person's is kept as it is.
    rows[8] = { ...rows[8], evidence: { ...rows[8].evidence, rank: 1 } };
    rows[9] = { ...rows[9], evidence: { rank: rows[9].rank, score: 1, n: rows[9].n, quota: 0.1, threshold: 60, tierOneSlots: 300, rules: [] } };
    rows[10] = { ...rows[10], evidence: { ...rows[10].evidence, rules: [{ rule: 'x' }] } };
    rows[11] = { ...rows[11], evidence: { ...rows[11].evidence, extra: true } };
    // Numbers JSON and SQLite do not keep: non-finite and negative zero.
    rows[12] = { ...rows[12], evidence: { ...rows[12].evidence, score: Number.NaN, threshold: -0 } };
    rows[13] = { ...rows[13], evidence: { ...rows[13].evidence, score: -0, quota: Number.POSITIVE_INFINITY } };
    rows[14] = { ...rows[14], evidence: { ...rows[14].evidence, score: null } };
    rows[15] = { ...rows[15], n: Number.NaN, evidence: { ...rows[15].evidence, n: Number.NaN } };
    t.store.putTiers('2026', rows);

    const expected = rows.map(asRowGaveIt).sort(byPerson);
    expect(t.store.listTiers({ period: '2026' })).toEqual(expected);
    expect(t.store.db.prepare("SELECT count(*) FROM tier_chunks WHERE period = '2026'").pluck().get()).toBe(3);
    // The first and last person of a chunk, and one who is not there.
    for (const i of [0, SUBJECTS_PER_CHUNK - 1, SUBJECTS_PER_CHUNK, n - 1]) {
      expect(t.store.listTiers({ period: '2026', personId: expected[i].personId })).toEqual([expected[i]]);
    }
    expect(t.store.listTiers({ period: '2026', personId: 'P00000x' })).toEqual([]);
    expect(t.store.listTiers({ period: '2026', personId: 'A' })).toEqual([]);
  });

  it('keeps no JSON for the usual evidence of ranked people, and rebuilds a fresh object for each', () => {
    const t = open();
    const rows = Array.from({ length: 10 }, (_, i) => ranked(id(i), i + 1));
    t.store.putTiers('2026', rows);
    expect(t.store.db.prepare('SELECT evidence FROM tier_chunks').pluck().all()).toEqual([null]);
    const [a, b] = t.store.listTiers({ period: '2026' });
    expect(a).toEqual(rows[0]);
    expect(a.evidence.rules).not.toBe(b.evidence.rules);
  });

  it("finds a person's tiers across periods, replaces a period on a re-close and leaves the others alone", () => {
    const t = open();
    const first = Array.from({ length: 1500 }, (_, i) => ranked(id(i), i + 1));
    t.store.putTiers('2026', first);
    t.store.putTiers('2025', first.map((r) => ranked(r.personId, r.rank!, r.group, '2025')));
    const again = Array.from({ length: 1400 }, (_, i) => ranked(id(i + 200), 1400 - i));
    t.store.putTiers('2026', again);
    expect(t.store.listTiers({ period: '2026' })).toEqual(again);
    expect(t.store.listTiers({ period: '2025' })).toHaveLength(1500);
    expect(t.store.listTiers({ personId: id(3) }).map((r) => r.period)).toEqual(['2025']);
    expect(t.store.listTiers({ personId: id(1210) }).map((r) => [r.period, r.rank])).toEqual([['2025', 1211], ['2026', 390]]);
    expect(t.store.listTiers({})).toHaveLength(2900);
  });

  it('orders people as SQLite orders text, characters past U+FFFF included, and finds each', () => {
    const t = open();
    const ids = ['b', 'a\u{1F600}', 'a\uFFFD', 'a', 'A', 'a\uE000z', '人员'];
    t.store.putTiers('2026', ids.map((p, i) => ranked(p, i + 1)));
    const sqliteOrder = t.store.db.prepare(`SELECT column1 FROM (VALUES ${ids.map(() => '(?)').join(', ')}) ORDER BY column1`).pluck().all(...ids);
    expect(t.store.listTiers({ period: '2026' }).map((r) => r.personId)).toEqual(sqliteOrder);
    for (const p of ids) expect(t.store.listTiers({ period: '2026', personId: p }).map((r) => r.personId)).toEqual([p]);
  });

  it('refuses a person given twice, naming them, and keeps the rows the period had', async () => {
    const t = open();
    const before = Array.from({ length: 150 }, (_, i) => ranked(id(i), i + 1));
    t.store.putTiers('2026', before);
    const twice = [...Array.from({ length: 120 }, (_, i) => ranked(id(i), i + 2)), ranked(id(7), 1)];
    await expect(t.store.transaction(() => t.store.putTiers('2026', twice))).rejects.toThrow(
      'Store error: writing tiers of period 2026: person P00007 has two tier rows; give each person one',
    );
    expect(t.store.listTiers({ period: '2026' })).toEqual(before);
  });

  it('names the chunk whose numbers do not fit its people, and says what to do', () => {
    const t = open();
    t.store.putTiers('2026', [ranked('P1', 1), ranked('P2', 2)]);
    t.store.db.prepare("UPDATE tier_chunks SET numbers = substr(numbers, 1, 8)").run();
    expect(() => t.store.listTiers({ period: '2026' })).toThrow(
      'Store error: reading tiers of 2026 from P1: the chunk has 2 people but 8 bytes of numbers; the tiers table was changed outside Kaoping, close the period again',
    );
  });
});

describe('migration 011 carries tiers written a row per person into chunks', () => {
  it('reads back every period as the rows gave it, and drops the old table', () => {
    const t = fileBeforeMigration(11);
    try {
      const insert = t.db.prepare('INSERT INTO tiers (period, person_id, tier, reason, rank, n, tier_group, evidence) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
      const rows: Tier[] = [
        ...Array.from({ length: SUBJECTS_PER_CHUNK + 5 }, (_, i) => ranked(id(i), i + 1)),
        { personId: 'Q1', period: '2026', tier: 3, reason: 'sanction', rank: null, n: 3000, group: 'G1', evidence: { score: 70.5, rule: 'rule.sanction-tier3', rules: [] } },
        { personId: 'Q2', period: '2025', tier: null, reason: 'no-data', rank: null, n: null, group: 'G2', evidence: { score: null, rules: [] } },
      ];
      // One transaction: the raw connection would sync every row on its own.
      t.db.transaction(() => { for (const r of rows) insert.run(r.period, r.personId, r.tier, r.reason, r.rank, r.n, r.group, JSON.stringify(r.evidence)); })();
      insert.run('2024', 'Q3', null, 'no-data', null, null, 'G2', 'null');
      t.db.close();
      const store = openSqliteStore(t.file);
      const expected = rows.filter((r) => r.period === '2026').sort(byPerson);
      expect(store.listTiers({ period: '2026' })).toEqual(expected);
      expect(store.listTiers({ personId: 'Q2' })).toEqual([rows[rows.length - 1]]);
      expect(store.listTiers({ period: '2024' })).toEqual([{ personId: 'Q3', period: '2024', tier: null, reason: 'no-data', rank: null, n: null, group: 'G2', evidence: {} }]);
      expect(store.db.prepare("SELECT count(*) FROM sqlite_master WHERE name IN ('tiers', 'tiers_by_person')").pluck().get()).toBe(0);
      store.close();
    } finally {
      t.remove();
    }
  });
});

import type { Database } from 'better-sqlite3';
import type { SubjectKind, Tier } from '@kaoping/contract';
import { packComposites, type PackedComposite } from '../packed-composites.js';
import { packTiers } from '../packed-tiers.js';
import type { Migration } from './migration.js';

/*
 * A close wrote a row per person to tiers and a row per subject to composites: 61 k rows for a
 * province, more than a third of its store time. Both are now kept in chunks of subjects in id order
 * (subject-chunks.ts, packed-tiers.ts, packed-composites.ts); composites still name their weight sets.
 */
export const packedTiersComposites: Migration = {
  version: 11,
  name: 'tiers and composites stored in chunks of subjects',
  up: `
CREATE TABLE tier_chunks (
  period   TEXT NOT NULL,
  first_id TEXT NOT NULL,
  ids      TEXT NOT NULL,
  classes  TEXT NOT NULL,
  numbers  BLOB NOT NULL,
  evidence TEXT,
  PRIMARY KEY (period, first_id)
);

CREATE TABLE composite_chunks (
  period       TEXT NOT NULL,
  subject_kind TEXT NOT NULL,
  first_id     TEXT NOT NULL,
  ids          TEXT NOT NULL,
  numbers      BLOB NOT NULL,
  PRIMARY KEY (period, subject_kind, first_id)
);
`,
  data: carryOver,
};

interface OldTier { person_id: string; tier: Tier['tier']; reason: Tier['reason']; rank: number | null; n: number | null; tier_group: string; evidence: string }
interface OldComposite { subject_kind: SubjectKind; subject_id: string; composite: number | null; weight_set: number }

/** Packs the rows of the old tiers and composites tables period by period, then drops them. */
function carryOver(db: Database): void {
  const insertTiers = db.prepare('INSERT INTO tier_chunks (period, first_id, ids, classes, numbers, evidence) VALUES (?, ?, ?, ?, ?, ?)');
  const tiersOf = db.prepare('SELECT person_id, tier, reason, rank, n, tier_group, evidence FROM tiers WHERE period = ? ORDER BY person_id');
  for (const period of db.prepare('SELECT DISTINCT period FROM tiers').pluck().all() as string[]) {
    const rows = (tiersOf.all(period) as OldTier[]).map((r): Tier => ({
      personId: r.person_id, period, tier: r.tier, reason: r.reason, rank: r.rank, n: r.n, group: r.tier_group,
      evidence: (JSON.parse(r.evidence) as Record<string, unknown> | null) ?? {},
    }));
    for (const chunk of packTiers(period, rows)) insertTiers.run(period, ...chunk);
  }
  const insertComposites = db.prepare('INSERT INTO composite_chunks (period, subject_kind, first_id, ids, numbers) VALUES (?, ?, ?, ?, ?)');
  const compositesOf = db.prepare('SELECT subject_kind, subject_id, composite, weight_set FROM composites WHERE period = ? ORDER BY subject_kind, subject_id');
  for (const period of db.prepare('SELECT DISTINCT period FROM composites').pluck().all() as string[]) {
    const byKind = new Map<SubjectKind, PackedComposite[]>();
    for (const r of compositesOf.all(period) as OldComposite[]) {
      let mine = byKind.get(r.subject_kind);
      if (mine === undefined) byKind.set(r.subject_kind, (mine = []));
      mine.push({ subjectId: r.subject_id, composite: r.composite, weightSet: r.weight_set });
    }
    for (const [kind, mine] of byKind) for (const chunk of packComposites(period, kind, mine)) insertComposites.run(period, ...chunk);
  }
  db.exec('DROP TABLE tiers; DROP TABLE composites;');
}

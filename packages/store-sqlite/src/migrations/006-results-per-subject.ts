import type { Database } from 'better-sqlite3';
import type { Result } from '@kaoping/contract';
import { packResults } from '../packed-results.js';
import type { Migration } from './migration.js';

/*
 * A close wrote one row per subject × indicator: 309 k rows for a province, each repeating the
 * indicator's version, params hash and evidence (its scale and params, the same for every subject),
 * and each value and score printed as decimal text. Results are now one row per subject, packed
 * (packed-results.ts), with the shared part stored once per period as a facet.
 */
export const resultsPerSubject: Migration = {
  version: 6,
  name: 'results stored one row per subject, shared facets per period',
  up: `
CREATE TABLE result_facets (
  period            TEXT NOT NULL,
  facet             INTEGER NOT NULL,
  indicator         TEXT NOT NULL,
  indicator_version TEXT NOT NULL,
  params_hash       TEXT NOT NULL,
  evidence          TEXT NOT NULL,
  PRIMARY KEY (period, facet)
) WITHOUT ROWID;

-- A rowid table, unlike the other keyed tables: its rows run to hundreds of bytes (a percentile's
-- evidence), and SQLite keeps such rows better in a rowid b-tree beside a small key index.
CREATE TABLE subject_results (
  period       TEXT NOT NULL,
  subject_kind TEXT NOT NULL,
  subject_id   TEXT NOT NULL,
  facets       TEXT NOT NULL,
  numbers      BLOB NOT NULL,
  evidence     TEXT,
  PRIMARY KEY (period, subject_kind, subject_id)
);
`,
  data: carryResultsOver,
};

interface OldRow {
  period: string; subject_kind: Result['subjectKind']; subject_id: string; indicator: string; indicator_version: string;
  params_hash: string; value: number | null; score: number | null; evidence: string;
}

/** Packs the rows of the old results table period by period, then drops it. */
function carryResultsOver(db: Database): void {
  const insertFacet = db.prepare('INSERT INTO result_facets (period, facet, indicator, indicator_version, params_hash, evidence) VALUES (?, ?, ?, ?, ?, ?)');
  const insertSubject = db.prepare('INSERT INTO subject_results (period, subject_kind, subject_id, facets, numbers, evidence) VALUES (?, ?, ?, ?, ?, ?)');
  const periods = db.prepare('SELECT DISTINCT period FROM results').pluck().all() as string[];
  const rowsOf = db.prepare('SELECT * FROM results WHERE period = ? ORDER BY subject_kind, subject_id, indicator');
  for (const period of periods) {
    // Equal evidence texts become one object, so rows that shared evidence share a facet again.
    const evidence = new Map<string, Record<string, unknown>>();
    const rows = (rowsOf.all(period) as OldRow[]).map((r): Result => ({
      subjectKind: r.subject_kind, subjectId: r.subject_id, indicator: r.indicator, indicatorVersion: r.indicator_version,
      paramsHash: r.params_hash, period, value: r.value, score: r.score,
      evidence: evidence.get(r.evidence) ?? evidence.set(r.evidence, JSON.parse(r.evidence) as Record<string, unknown>).get(r.evidence)!,
    }));
    const packed = packResults(rows);
    for (const f of packed.facets) insertFacet.run(period, f.facet, f.indicator, f.indicator_version, f.params_hash, f.evidence);
    for (const s of packed.subjects) insertSubject.run(period, s.subject_kind, s.subject_id, s.facets, s.numbers, s.evidence);
  }
  db.exec('DROP TABLE results');
}

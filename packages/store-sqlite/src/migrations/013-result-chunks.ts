import type { Database } from 'better-sqlite3';
import type { SubjectRow } from '../packed-results.js';
import { chunkSubjects } from '../result-chunks.js';
import type { Migration } from './migration.js';

/*
 * A close wrote a packed row per subject (migration 006): 31 k rows for a province, the largest part
 * of its store time. The subjects' packed rows are now kept in chunks of subjects in id order
 * (result-chunks.ts), their bytes unchanged.
 */
export const resultChunks: Migration = {
  version: 13,
  name: 'packed results stored in chunks of subjects',
  up: `
CREATE TABLE result_chunks (
  period       TEXT NOT NULL,
  subject_kind TEXT NOT NULL,
  first_id     TEXT NOT NULL,
  ids          TEXT NOT NULL,
  facets       TEXT NOT NULL,
  numbers      BLOB NOT NULL,
  evidence     TEXT,
  PRIMARY KEY (period, subject_kind, first_id)
);
`,
  data: carryOver,
};

/** Chunks the rows of subject_results period by period, then drops it. */
function carryOver(db: Database): void {
  const insert = db.prepare('INSERT INTO result_chunks (period, subject_kind, first_id, ids, facets, numbers, evidence) VALUES (?, ?, ?, ?, ?, ?, ?)');
  const rowsOf = db.prepare('SELECT subject_kind, subject_id, facets, numbers, evidence FROM subject_results WHERE period = ? ORDER BY subject_kind, subject_id');
  for (const period of db.prepare('SELECT DISTINCT period FROM subject_results').pluck().all() as string[]) {
    for (const chunk of chunkSubjects(period, rowsOf.all(period) as SubjectRow[])) insert.run(period, ...chunk);
  }
  db.exec('DROP TABLE subject_results');
}

import type { Migration } from './migration.js';

/*
 * Each composite row repeated its weights as JSON text (about 300 bytes), while a period has a
 * handful of distinct weights (one per post and one for units): a province close wrote 9.6 MB of
 * the same 35 texts. A period's distinct weights are now stored once, as weight sets, and each
 * composite names its set.
 */
export const compositeWeightSets: Migration = {
  version: 9,
  name: 'composite weights stored once per period, as weight sets',
  up: `
CREATE TABLE composite_weight_sets (
  period     TEXT NOT NULL,
  weight_set INTEGER NOT NULL,
  weights    TEXT NOT NULL,
  PRIMARY KEY (period, weight_set)
) WITHOUT ROWID;

INSERT INTO composite_weight_sets (period, weight_set, weights)
  SELECT period, row_number() OVER (PARTITION BY period ORDER BY weights) - 1, weights
  FROM (SELECT DISTINCT period, weights FROM composites);

CREATE TABLE composites_by_set (
  period       TEXT NOT NULL,
  subject_kind TEXT NOT NULL,
  subject_id   TEXT NOT NULL,
  composite    REAL,
  weight_set   INTEGER NOT NULL,
  PRIMARY KEY (period, subject_kind, subject_id)
) WITHOUT ROWID;

INSERT INTO composites_by_set (period, subject_kind, subject_id, composite, weight_set)
  SELECT c.period, c.subject_kind, c.subject_id, c.composite, s.weight_set
  FROM composites c JOIN composite_weight_sets s ON s.period = c.period AND s.weights = c.weights;

DROP TABLE composites;
ALTER TABLE composites_by_set RENAME TO composites;
`,
};

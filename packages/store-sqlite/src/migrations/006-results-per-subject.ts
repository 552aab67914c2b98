import type { Migration } from './migration.js';

/*
 * A close wrote one row per subject × indicator: 309 k rows for a province, each repeating the
 * indicator's version, params hash and evidence (its scale and params, the same for every subject).
 * Results are now one row per subject, its results packed as a JSON array of
 * `[facet, value, score]`, where a facet (indicator, version, params hash, evidence) is stored once
 * per period; a row whose evidence differs from its facet's (a percentile's rank and n) carries it
 * as a fourth element. The view `results` keeps the old one-row-per-result shape for SQL readers.
 */
export const resultsPerSubject: Migration = {
  version: 6,
  name: 'results stored one row per subject, shared facets per period; view results',
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

CREATE TABLE subject_results (
  period       TEXT NOT NULL,
  subject_kind TEXT NOT NULL,
  subject_id   TEXT NOT NULL,
  results      TEXT NOT NULL,
  PRIMARY KEY (period, subject_kind, subject_id)
) WITHOUT ROWID;

INSERT INTO result_facets (period, facet, indicator, indicator_version, params_hash, evidence)
SELECT period, row_number() OVER (PARTITION BY period ORDER BY indicator, indicator_version, params_hash, evidence) - 1,
       indicator, indicator_version, params_hash, evidence
FROM (SELECT DISTINCT period, indicator, indicator_version, params_hash, evidence FROM results);

-- Percentile evidence differs per subject, so a period may have as many facets as results: look them up by index.
CREATE INDEX result_facets_by_content ON result_facets (period, indicator, indicator_version, params_hash, evidence);

INSERT INTO subject_results (period, subject_kind, subject_id, results)
SELECT r.period, r.subject_kind, r.subject_id, json_group_array(json_array(f.facet, r.value, r.score))
FROM results r JOIN result_facets f
  ON f.period = r.period AND f.indicator = r.indicator AND f.indicator_version = r.indicator_version
 AND f.params_hash = r.params_hash AND f.evidence = r.evidence
GROUP BY r.period, r.subject_kind, r.subject_id;

DROP INDEX result_facets_by_content;
DROP TABLE results;

CREATE VIEW results AS
SELECT s.period, s.subject_kind, s.subject_id, f.indicator, f.indicator_version, f.params_hash,
       e.value ->> 1 AS value, e.value ->> 2 AS score, coalesce(e.value ->> 3, f.evidence) AS evidence
FROM subject_results s
JOIN json_each(s.results) e
JOIN result_facets f ON f.period = s.period AND f.facet = e.value ->> 0;
`,
};

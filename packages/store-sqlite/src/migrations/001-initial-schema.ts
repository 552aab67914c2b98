import type { Migration } from './migration.js';

/*
 * Times are INTEGER epoch ms; JSON columns are TEXT. Tables keyed by natural ids use
 * WITHOUT ROWID where every lookup is by that key anyway (states, results, …), which saves the
 * second b-tree a rowid table would need for its primary key.
 */
export const initialSchema: Migration = {
  version: 1,
  name: 'initial schema',
  up: `
CREATE TABLE meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE units (
  id        TEXT PRIMARY KEY,
  name      TEXT NOT NULL,
  parent_id TEXT,
  kind      TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX units_by_parent ON units (parent_id);

-- Post names come with the people export (岗位); the posts table keeps one name per post id.
CREATE TABLE posts (
  id   TEXT PRIMARY KEY,
  name TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE people (
  id               TEXT PRIMARY KEY,
  name             TEXT NOT NULL,
  unit_id          TEXT NOT NULL,
  post_id          TEXT NOT NULL,
  political_status TEXT,
  since            INTEGER NOT NULL,
  until            INTEGER
) WITHOUT ROWID;
CREATE INDEX people_by_unit ON people (unit_id);

-- Append-only; (source, id) makes ingestion idempotent. The time index carries source and id so
-- a scan ordered by (occurred_at, source, id) can resume from its last row without sorting.
CREATE TABLE events (
  source      TEXT NOT NULL,
  id          TEXT NOT NULL,
  type        TEXT NOT NULL,
  actor_id    TEXT,
  unit_id     TEXT,
  occurred_at INTEGER NOT NULL CHECK (typeof(occurred_at) = 'integer'),
  attrs       TEXT NOT NULL,
  UNIQUE (source, id)
);
CREATE INDEX events_by_type_time ON events (type, occurred_at);
CREATE INDEX events_by_actor_time ON events (actor_id, occurred_at);
CREATE INDEX events_by_time ON events (occurred_at, source, id);
CREATE TRIGGER events_no_update BEFORE UPDATE ON events
BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
CREATE TRIGGER events_no_delete BEFORE DELETE ON events
BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;

CREATE TABLE dead_letters (
  seq    INTEGER PRIMARY KEY,
  source TEXT NOT NULL,
  file   TEXT NOT NULL,
  line   INTEGER NOT NULL,
  raw    TEXT NOT NULL,
  code   TEXT NOT NULL,
  reason TEXT NOT NULL,
  at     INTEGER NOT NULL
);
CREATE INDEX dead_letters_by_source ON dead_letters (source, code);
CREATE INDEX dead_letters_by_code ON dead_letters (code);

-- Period first: a period close loads every state of one period.
CREATE TABLE states (
  period       TEXT NOT NULL,
  indicator    TEXT NOT NULL,
  subject_kind TEXT NOT NULL,
  subject_id   TEXT NOT NULL,
  state        TEXT NOT NULL,
  PRIMARY KEY (period, indicator, subject_kind, subject_id)
) WITHOUT ROWID;

CREATE TABLE results (
  period            TEXT NOT NULL,
  subject_kind      TEXT NOT NULL,
  subject_id        TEXT NOT NULL,
  indicator         TEXT NOT NULL,
  indicator_version TEXT NOT NULL,
  params_hash       TEXT NOT NULL,
  value             REAL,
  score             REAL,
  evidence          TEXT NOT NULL,
  PRIMARY KEY (period, subject_kind, subject_id, indicator)
) WITHOUT ROWID;
CREATE INDEX results_by_indicator ON results (period, indicator);

CREATE TABLE composites (
  period       TEXT NOT NULL,
  subject_kind TEXT NOT NULL,
  subject_id   TEXT NOT NULL,
  composite    REAL,
  weights      TEXT NOT NULL,
  PRIMARY KEY (period, subject_kind, subject_id)
) WITHOUT ROWID;

CREATE TABLE tiers (
  period    TEXT NOT NULL,
  person_id TEXT NOT NULL,
  tier      INTEGER,
  reason    TEXT NOT NULL,
  rank      INTEGER,
  n         INTEGER,
  tier_group TEXT NOT NULL,
  evidence  TEXT NOT NULL,
  PRIMARY KEY (period, person_id)
) WITHOUT ROWID;
CREATE INDEX tiers_by_person ON tiers (person_id, period);

CREATE TABLE risks (
  id           TEXT PRIMARY KEY,
  dedup_key    TEXT NOT NULL,
  trigger      TEXT NOT NULL,
  categories   TEXT NOT NULL,
  severity     TEXT NOT NULL,
  subject_kind TEXT NOT NULL,
  subject_id   TEXT NOT NULL,
  period       TEXT NOT NULL,
  indicator    TEXT NOT NULL,
  evidence     TEXT NOT NULL,
  message      TEXT NOT NULL,
  status       TEXT NOT NULL,
  raised_at    INTEGER NOT NULL,
  resolved_at  INTEGER
) WITHOUT ROWID;
CREATE INDEX risks_by_dedup ON risks (dedup_key);
CREATE INDEX risks_by_subject ON risks (subject_id, period);
CREATE INDEX risks_by_status ON risks (status);

CREATE TABLE tasks (
  id           TEXT PRIMARY KEY,
  risk_id      TEXT NOT NULL,
  assignee_id  TEXT NOT NULL,
  state        TEXT NOT NULL,
  due_at       INTEGER NOT NULL,
  escalated_to TEXT,
  created_at   INTEGER NOT NULL,
  updated_at   INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX tasks_by_assignee ON tasks (assignee_id, state);
CREATE INDEX tasks_by_state ON tasks (state);

CREATE TABLE task_transitions (
  seq       INTEGER PRIMARY KEY,
  task_id   TEXT NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
  who       TEXT NOT NULL,
  at        INTEGER NOT NULL,
  from_state TEXT,
  to_state  TEXT NOT NULL,
  note      TEXT
);
CREATE INDEX task_transitions_by_task ON task_transitions (task_id, seq);

CREATE TABLE appeals (
  id          TEXT PRIMARY KEY,
  person_id   TEXT NOT NULL,
  target_kind TEXT NOT NULL,
  target_id   TEXT NOT NULL,
  reason      TEXT NOT NULL,
  state       TEXT NOT NULL,
  decision    TEXT,
  created_at  INTEGER NOT NULL,
  decided_at  INTEGER
) WITHOUT ROWID;
CREATE INDEX appeals_by_person ON appeals (person_id, state);
CREATE INDEX appeals_by_state ON appeals (state);

CREATE TABLE comments (
  id          TEXT PRIMARY KEY,
  target_kind TEXT NOT NULL,
  target_id   TEXT NOT NULL,
  author_id   TEXT NOT NULL,
  body        TEXT NOT NULL,
  at          INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX comments_by_target ON comments (target_kind, target_id, at);

CREATE TABLE audit_log (
  seq       INTEGER PRIMARY KEY,
  at        INTEGER NOT NULL,
  actor     TEXT NOT NULL,
  action    TEXT NOT NULL,
  target    TEXT NOT NULL,
  data      TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash      TEXT NOT NULL
);

-- Messages waiting to be pushed into a host's to-do list, retried with backoff.
CREATE TABLE outbox (
  id         TEXT PRIMARY KEY,
  adapter    TEXT NOT NULL,
  message    TEXT NOT NULL,
  state      TEXT NOT NULL,
  attempts   INTEGER NOT NULL DEFAULT 0,
  next_at    INTEGER NOT NULL,
  last_error TEXT
) WITHOUT ROWID;
CREATE INDEX outbox_due ON outbox (state, next_at);

-- API tokens: only a hash of the secret is kept.
CREATE TABLE tokens (
  id         TEXT PRIMARY KEY,
  hash       TEXT NOT NULL UNIQUE,
  role       TEXT NOT NULL,
  scope      TEXT,
  created_at INTEGER NOT NULL
) WITHOUT ROWID;
`,
};

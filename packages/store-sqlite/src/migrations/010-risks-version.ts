import type { Migration } from './migration.js';

/*
 * A counter that every write to `risks` moves. The serving connection's caches of open risks used
 * SQLite's `data_version`, which moves with any other connection's commit: once the hook's event
 * groups are committed by a background writer, that is every group, and the open-risk index would
 * read every open risk again each time. The counter tells a commit that touched risks from one that
 * did not.
 */
export const risksVersion: Migration = {
  version: 10,
  name: 'risks.version: a counter every write to risks moves',
  up: `
INSERT INTO meta (key, value) VALUES ('risks.version', '0');
CREATE TRIGGER risks_version_insert AFTER INSERT ON risks
BEGIN UPDATE meta SET value = CAST(CAST(value AS INTEGER) + 1 AS TEXT) WHERE key = 'risks.version'; END;
CREATE TRIGGER risks_version_update AFTER UPDATE ON risks
BEGIN UPDATE meta SET value = CAST(CAST(value AS INTEGER) + 1 AS TEXT) WHERE key = 'risks.version'; END;
CREATE TRIGGER risks_version_delete AFTER DELETE ON risks
BEGIN UPDATE meta SET value = CAST(CAST(value AS INTEGER) + 1 AS TEXT) WHERE key = 'risks.version'; END;
`,
};

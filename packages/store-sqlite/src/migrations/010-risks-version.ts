import type { Migration } from './migration.js';
import { writeCounter } from './write-counter.js';

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
  up: writeCounter('risks'),
};

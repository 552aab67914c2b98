import type { Migration } from './migration.js';

/*
 * The checkpoint of kept states: the largest event rowid they cover (see States and
 * `eventsAfterStatesSync`). Every writer before this step stored states with their events, so an
 * existing file's states cover all of its events.
 */
export const statesCheckpoint: Migration = {
  version: 8,
  name: 'states checkpoint: the last event the kept states cover',
  up: `
INSERT INTO meta (key, value) SELECT 'states.events_through', CAST(coalesce(max(rowid), 0) AS TEXT) FROM events;
`,
};

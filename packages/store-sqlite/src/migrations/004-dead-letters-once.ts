import type { Migration } from './migration.js';

/*
 * Importing a folder again (after a crash, or to be sure) meets the same bad lines again; a
 * person fixing the export should see each once, not once per import.
 */
export const deadLettersOnce: Migration = {
  version: 4,
  name: 'dead_letters: one row per rejected line',
  up: `
DELETE FROM dead_letters WHERE seq NOT IN (SELECT min(seq) FROM dead_letters GROUP BY source, file, line, raw);
CREATE UNIQUE INDEX dead_letters_once ON dead_letters (source, file, line, raw);
`,
};

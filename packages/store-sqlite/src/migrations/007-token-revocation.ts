import type { Migration } from './migration.js';

/*
 * When a token was revoked (null while it is in force). A revoked row is kept rather than deleted,
 * so `kaoping token list` still shows it and the server can tell its holder "revoked", not "unknown".
 */
export const tokenRevocation: Migration = {
  version: 7,
  name: 'tokens: revoked_at',
  up: `
ALTER TABLE tokens ADD COLUMN revoked_at INTEGER;
`,
};

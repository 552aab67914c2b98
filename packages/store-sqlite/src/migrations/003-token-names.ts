import type { Migration } from './migration.js';

/* A token's name (`OA 系统`, `张三`) so an operator can tell tokens apart and /v1/me can say whose it is. */
export const tokenNames: Migration = {
  version: 3,
  name: 'tokens: name',
  up: `
ALTER TABLE tokens ADD COLUMN name TEXT;
`,
};

import type { Migration } from './migration.js';

/*
 * The rectification loop: when a message was queued and delivered (the outbox shows delivery state,
 * not just a flag), and the lookups the loop makes on every scan (a risk's task, a target's appeals).
 */
export const loopSchema: Migration = {
  version: 2,
  name: 'loop: outbox delivery times, task and appeal lookups',
  up: `
ALTER TABLE outbox ADD COLUMN created_at INTEGER;
ALTER TABLE outbox ADD COLUMN delivered_at INTEGER;
CREATE INDEX tasks_by_risk ON tasks (risk_id);
CREATE INDEX appeals_by_target ON appeals (target_kind, target_id);
`,
};

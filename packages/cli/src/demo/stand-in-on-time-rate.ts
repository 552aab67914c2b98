import { defineIndicator } from '@kaoping/contract';

/**
 * Used by the demo only when `@kaoping/plugin-on-time-rate` cannot be started (e.g. while it is
 * being written): the same formula — completed on or before the deadline ÷ completed.
 */
export default defineIndicator<{ done: number; onTime: number }, { target: number; floor: number }>({
  id: 'business.on-time-rate',
  version: '0.0.0',
  api: '^1',
  title: { zh: '办税时限达标率（演示替身）', en: 'On-time handling rate (demo stand-in)' },
  domain: 'business',
  subjects: ['person', 'unit'],
  consumes: ['tax.matter.completed'],
  params: { schema: { type: 'object' }, defaults: { target: 0.98, floor: 0.85 } },
  direction: 'higher',
  scale: { kind: 'target' },
  init: () => ({ done: 0, onTime: 0 }),
  add(s, e) {
    if (typeof e.attrs.deadlineAt !== 'number' || typeof e.attrs.completedAt !== 'number') return;
    s.done++;
    if (e.attrs.completedAt <= e.attrs.deadlineAt) s.onTime++;
  },
  merge: (a, b) => ({ done: a.done + b.done, onTime: a.onTime + b.onTime }),
  value: (s) => (s.done === 0 ? null : s.onTime / s.done),
});

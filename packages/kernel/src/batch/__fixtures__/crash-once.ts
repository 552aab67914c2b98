import { existsSync, writeFileSync } from 'node:fs';
import { isMainThread } from 'node:worker_threads';
import { defineIndicator } from '@kaoping/contract';

/**
 * Counts every event, and kills the worker thread it runs in the first time it meets the marker
 * event: the marker file records that it already did, so the retried partition goes through.
 * Never exits the main thread (the hook path), whatever the params say.
 */
export default defineIndicator<{ n: number }, { markerId: string; markerFile: string }>({
  id: 'test.crash-once',
  version: '1.0.0',
  api: '^1',
  title: { zh: '崩溃一次', en: 'Crashes once' },
  domain: 'business',
  subjects: ['person'],
  consumes: ['tax.rating.submitted'],
  params: {
    schema: { type: 'object', properties: { markerId: { type: 'string' }, markerFile: { type: 'string' } } },
    defaults: { markerId: '', markerFile: '' },
  },
  direction: 'higher',
  scale: { kind: 'deduction' },
  init: () => ({ n: 0 }),
  add(s, e, ctx) {
    if (!isMainThread && e.id === ctx.params.markerId && !existsSync(ctx.params.markerFile)) {
      writeFileSync(ctx.params.markerFile, `crashed on ${e.id}\n`);
      process.exit(1);
    }
    s.n++;
  },
  merge: (a, b) => ({ n: a.n + b.n }),
  value: (s) => s.n,
});

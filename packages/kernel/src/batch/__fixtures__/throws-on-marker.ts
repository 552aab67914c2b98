import { defineIndicator } from '@kaoping/contract';

/** Throws in `add` on the marker event, every time: a partition that can never succeed. */
export default defineIndicator<{ n: number }, { markerId: string }>({
  id: 'test.throws-on-marker',
  version: '1.0.0',
  api: '^1',
  title: { zh: '总是出错', en: 'Always throws' },
  domain: 'business',
  subjects: ['person'],
  consumes: ['tax.rating.submitted'],
  params: { schema: { type: 'object', properties: { markerId: { type: 'string' } } }, defaults: { markerId: '' } },
  direction: 'higher',
  scale: { kind: 'deduction' },
  init: () => ({ n: 0 }),
  add(s, e, ctx) {
    if (e.id === ctx.params.markerId) throw new Error('rating without a taxpayer');
    s.n++;
  },
  merge: (a, b) => ({ n: a.n + b.n }),
  value: (s) => s.n,
});

import { describe, expect, it } from 'vitest';
import { DEFAULT_SCORING, resolveWeights } from './config-schema.js';
import { compositeOf, personComposite, unitComposite, weightPlan } from './composite.js';

// Hand-worked with the default weights: business 0.6, government 0.25, party 0.15.
const defaults = resolveWeights(DEFAULT_SCORING, undefined);
const inds = [
  { id: 'business.a', domain: 'business' },
  { id: 'business.b', domain: 'business' },
  { id: 'gov.c', domain: 'government' },
  { id: 'party.d', domain: 'party' },
] as const;

function close(actual: number | null, expected: number): void {
  expect(actual).not.toBeNull();
  expect(Math.abs((actual as number) - expected)).toBeLessThan(1e-9);
}

describe('person composite', () => {
  const plan = weightPlan(inds, defaults);

  it('weights domains, equal weights inside a domain', () => {
    // business (80 + 60) / 2 = 70; 0.6 × 70 + 0.25 × 90 + 0.15 × 50 = 42 + 22.5 + 7.5
    const out = compositeOf(plan, [80, 60, 90, 50]);
    close(out.composite, 72);
    expect(Object.keys(out.weights)).toEqual(['business.a', 'business.b', 'gov.c', 'party.d']);
    close(out.weights['business.a'], 0.3);
    close(out.weights['business.b'], 0.3);
    close(out.weights['gov.c'], 0.25);
    close(out.weights['party.d'], 0.15);
  });

  it('renormalises inside the domain when one indicator is null', () => {
    // business = 80 alone: 0.6 × 80 + 22.5 + 7.5 = 78
    const out = compositeOf(plan, [80, null, 90, 50]);
    close(out.composite, 78);
    expect(out.weights).not.toHaveProperty('business.b');
    close(out.weights['business.a'], 0.6);
  });

  it('drops an empty domain and renormalises across domains', () => {
    // party gone: (0.6 × 70 + 0.25 × 90) / 0.85 = 64.5 / 0.85
    const out = compositeOf(plan, [80, 60, 90, null]);
    close(out.composite, 64.5 / 0.85);
    close(out.weights['business.a'], 0.3 / 0.85);
    close(out.weights['gov.c'], 0.25 / 0.85);
    close(Object.values(out.weights).reduce((a, b) => a + b, 0), 1);
  });

  it('has no composite when every value is null', () => {
    expect(compositeOf(plan, [null, null, null, null])).toEqual({ composite: null, weights: {} });
  });

  it('uses configured indicator weights, an unlisted indicator weighing 1', () => {
    // business (3 × 80 + 1 × 60) / 4 = 75: 0.6 × 75 + 22.5 + 7.5 = 75
    const p = weightPlan(inds, { domainWeights: defaults.domainWeights, indicatorWeights: { 'business.a': 3 } });
    close(compositeOf(p, [80, 60, 90, 50]).composite, 75);
  });

  it('treats a zero weight like a dropped indicator or domain', () => {
    const p = weightPlan(inds, { domainWeights: { business: 0.6, government: 0.25, party: 0 }, indicatorWeights: { 'business.b': 0 } });
    // business 80 only; party weighs 0: (0.6 × 80 + 0.25 × 90) / 0.85 = 70.5 / 0.85
    const out = compositeOf(p, [80, 60, 90, 50]);
    close(out.composite, 70.5 / 0.85);
    expect(Object.keys(out.weights)).toEqual(['business.a', 'gov.c']);
    // Only a zero-weight domain left: nothing to weigh.
    expect(compositeOf(p, [null, null, null, 50]).composite).toBeNull();
  });

  it('has a keyed convenience form', () => {
    const out = personComposite([
      { indicator: 'gov.c', domain: 'government', score: 90 },
      { indicator: 'business.a', domain: 'business', score: 80 },
      { indicator: 'business.b', domain: 'business', score: 60 },
      { indicator: 'party.d', domain: 'party', score: null },
    ], defaults);
    close(out.composite, 64.5 / 0.85);
  });

  it('gives subjects whose same scores counted one shared weights object, and still separate weights past 30 indicators', () => {
    const plan = weightPlan(inds, resolveWeights(DEFAULT_SCORING, undefined));
    const a = compositeOf(plan, [80, null, 90, 50]);
    const b = compositeOf(plan, [10, null, 20, 30]);
    expect(b.weights).toBe(a.weights);
    expect(Object.isFrozen(a.weights)).toBe(true);
    expect(compositeOf(plan, [10, 20, 20, 30]).weights).not.toBe(a.weights);
    const many = Array.from({ length: 31 }, (_, i) => ({ id: `b.i${i}`, domain: 'business' as const }));
    const wide = weightPlan(many, resolveWeights(DEFAULT_SCORING, undefined));
    const all = compositeOf(wide, many.map(() => 50));
    const lastMissing = compositeOf(wide, many.map((_, i) => (i === 30 ? null : 50)));
    expect(Object.keys(all.weights)).toHaveLength(31);
    expect(Object.keys(lastMissing.weights)).toHaveLength(30);
    expect(lastMissing.weights['b.i0']).toBeCloseTo(all.weights['b.i0'] * 31 / 30, 12);
  });
});

describe('unit composite', () => {
  const own = { composite: 80, weights: { 'business.a': 0.5, 'business.b': 0.5 } };
  it('averages the people half and the own half', () => {
    const out = unitComposite(70, own);
    close(out.composite, 75);
    expect(out.weights).toEqual({ '@people': 0.5, 'business.a': 0.25, 'business.b': 0.25 });
  });
  it('lets one half stand alone when the other is missing', () => {
    expect(unitComposite(70, { composite: null, weights: {} })).toEqual({ composite: 70, weights: { '@people': 1 } });
    expect(unitComposite(null, own)).toEqual(own);
  });
  it('is null when both halves are missing', () => {
    expect(unitComposite(null, { composite: null, weights: {} })).toEqual({ composite: null, weights: {} });
  });
});

import { describe, expect, it } from 'vitest';
import { Rng, streamSeed } from './prng.js';

describe('Rng', () => {
  it('repeats its stream for the same seed and differs for another', () => {
    const a = new Rng(42);
    const b = new Rng(42);
    const c = new Rng(43);
    const xs = Array.from({ length: 100 }, () => a.next());
    expect(Array.from({ length: 100 }, () => b.next())).toEqual(xs);
    expect(Array.from({ length: 100 }, () => c.next())).not.toEqual(xs);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
  });

  it('draws integers in range, Poisson counts around their mean, and weighted picks', () => {
    const rng = new Rng(1);
    const ints = Array.from({ length: 10_000 }, () => rng.int(3, 7));
    expect(Math.min(...ints)).toBe(3);
    expect(Math.max(...ints)).toBe(7);
    const mean = Array.from({ length: 20_000 }, () => rng.poisson(1.5)).reduce((s, x) => s + x, 0) / 20_000;
    expect(mean).toBeGreaterThan(1.45);
    expect(mean).toBeLessThan(1.55);
    const picks = Array.from({ length: 10_000 }, () => rng.weighted([0, 1, 3]));
    expect(picks.filter((p) => p === 0)).toHaveLength(0);
    expect(picks.filter((p) => p === 2).length / 10_000).toBeGreaterThan(0.7);
  });

  it('derives distinct stream seeds per key', () => {
    const seeds = new Set(Array.from({ length: 10_000 }, (_, i) => streamSeed(1, i)));
    expect(seeds.size).toBe(10_000);
    expect(streamSeed(1, 5)).toBe(streamSeed(1, 5));
    expect(streamSeed(2, 5)).not.toBe(streamSeed(1, 5));
  });
});

import { describe, expect, it } from 'vitest';
import { percentileScores, scoreOf } from './scales.js';

// Expected values are worked out by hand from the formulas in INDICATORS.md § Scales.
const target = { kind: 'target' } as const;
const deduction = { kind: 'deduction' } as const;

function close(actual: number | null, expected: number): void {
  expect(actual).not.toBeNull();
  expect(Math.abs((actual as number) - expected)).toBeLessThan(1e-9);
}

describe('target scale, higher is better (target 0.98, floor 0.85)', () => {
  const p = { target: 0.98, floor: 0.85 };
  it('interpolates between floor and target', () => {
    close(scoreOf(target, 'higher', 0.9, p), 500 / 13); // 100 × 0.05 / 0.13
    close(scoreOf(target, 'higher', 0.915, p), 50);
  });
  it('clamps at 0 below the floor and at 100 above the target', () => {
    expect(scoreOf(target, 'higher', 0.85, p)).toBe(0);
    expect(scoreOf(target, 'higher', 0.5, p)).toBe(0);
    expect(scoreOf(target, 'higher', 0.98, p)).toBe(100);
    expect(scoreOf(target, 'higher', 1, p)).toBe(100);
  });
  it('null value ⇒ null score, never 0', () => {
    expect(scoreOf(target, 'higher', null, p)).toBeNull();
  });
});

describe('target scale, lower is better (target 0, floor 0.05)', () => {
  const p = { target: 0, floor: 0.05 };
  it('mirrors the band', () => {
    close(scoreOf(target, 'lower', 0.01, p), 80);
    close(scoreOf(target, 'lower', 0.025, p), 50);
  });
  it('clamps at both ends', () => {
    expect(scoreOf(target, 'lower', 0, p)).toBe(100);
    expect(scoreOf(target, 'lower', 0.05, p)).toBe(0);
    expect(scoreOf(target, 'lower', 0.2, p)).toBe(0);
  });
});

describe('target = floor', () => {
  it('is all or nothing instead of dividing by zero', () => {
    expect(scoreOf(target, 'higher', 1, { target: 1, floor: 1 })).toBe(100);
    expect(scoreOf(target, 'higher', 0.99, { target: 1, floor: 1 })).toBe(0);
    expect(scoreOf(target, 'lower', 0, { target: 0, floor: 0 })).toBe(100);
    expect(scoreOf(target, 'lower', 0.01, { target: 0, floor: 0 })).toBe(0);
  });
});

describe('deduction scale (5 points each)', () => {
  const p = { points: 5 };
  it('takes points per occurrence', () => {
    expect(scoreOf(deduction, 'lower', 0, p)).toBe(100);
    expect(scoreOf(deduction, 'lower', 3, p)).toBe(85);
    expect(scoreOf(deduction, 'lower', 19, p)).toBe(5);
  });
  it('is floored at 0', () => {
    expect(scoreOf(deduction, 'lower', 20, p)).toBe(0);
    expect(scoreOf(deduction, 'lower', 37, p)).toBe(0);
  });
  it('null value ⇒ null score', () => {
    expect(scoreOf(deduction, 'lower', null, p)).toBeNull();
  });
});

describe('missing params', () => {
  it('says which param the scale needs', () => {
    expect(() => scoreOf(target, 'higher', 0.9, { target: 0.98 })).toThrow('params.floor must be a number (got undefined)');
    expect(() => scoreOf(deduction, 'lower', 1, { points: '5' })).toThrow('params.points must be a number (got "5")');
  });
});

describe('percentile (mid-rank)', () => {
  it('counts below and equal, excludes nulls from n', () => {
    const out = percentileScores([
      { id: 'a', value: 10 }, { id: 'b', value: 20 }, { id: 'c', value: null }, { id: 'd', value: 20 }, { id: 'e', value: 30 },
    ]);
    // n = 4; a: below 0, equal 1 → 0; b, d: below 1, equal 2 → 100 × 1.5 / 3 = 50; e: below 3 → 100.
    expect(out.map((r) => [r.id, r.score])).toEqual([['a', 0], ['b', 50], ['c', null], ['d', 50], ['e', 100]]);
    expect(out[1]).toMatchObject({ below: 1, equal: 2, n: 4 });
    expect(out[2]).toMatchObject({ score: null, equal: 0, n: 4 });
  });
  it('gives 100 to a lone peer', () => {
    expect(percentileScores([{ id: 'x', value: 3 }, { id: 'y', value: null }]).map((r) => r.score)).toEqual([100, null]);
  });
  it('gives the middle to a group of equals', () => {
    // below 0, equal 3 → 100 × 1 / 2
    expect(percentileScores([1, 2, 3].map((id) => ({ id, value: 5 }))).map((r) => r.score)).toEqual([50, 50, 50]);
  });
  it('handles uneven ties exactly', () => {
    // values 1,1,1,2,3,3 (n = 6): 1 → 100 × 1 / 5 = 20; 2 → 100 × 3 / 5 = 60; 3 → 100 × 4.5 / 5 = 90
    const out = percentileScores([3, 1, 2, 1, 3, 1].map((value, id) => ({ id, value })));
    expect(out.map((r) => r.score)).toEqual([90, 20, 60, 20, 90, 20]);
  });
  it('mirrors the order when lower is better', () => {
    const out = percentileScores([{ id: 'a', value: 10 }, { id: 'b', value: 20 }, { id: 'c', value: 30 }], 'lower');
    expect(out.map((r) => r.score)).toEqual([100, 50, 0]);
  });
  it('returns nothing scored for no values', () => {
    expect(percentileScores([{ id: 'a', value: null }])).toEqual([{ id: 'a', value: null, score: null, below: 0, equal: 0, n: 0 }]);
  });
});

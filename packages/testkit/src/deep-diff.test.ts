import { describe, expect, it } from 'vitest';
import { firstDifference, numbersClose, show } from './deep-diff.js';

describe('firstDifference', () => {
  it('finds nothing between equal plain data, whatever the key order', () => {
    expect(firstDifference({ a: 1, b: [1, 2, { c: 'x' }] }, { b: [1, 2, { c: 'x' }], a: 1 })).toBeNull();
    expect(firstDifference(new Map([['k', 1], ['j', 2]]), new Map([['j', 2], ['k', 1]]))).toBeNull();
    expect(firstDifference(new Set([1, 2]), new Set([2, 1]))).toBeNull();
    expect(firstDifference(new Float64Array([0.1 + 0.2]), new Float64Array([0.3]))).toBeNull();
  });

  it('names the path and both values of the first difference', () => {
    expect(firstDifference({ done: 3, onTime: 2 }, { done: 4, onTime: 2 })).toBe('done: 3 vs 4');
    expect(firstDifference({ list: [1, 2] }, { list: [1, 2, 3] })).toBe('list: length 2 vs 3');
    expect(firstDifference({ m: new Map([['P 1', { n: 1 }]]) }, { m: new Map([['P 1', { n: 2 }]]) })).toBe('m["P 1"].n: 1 vs 2');
    expect(firstDifference({ a: 1 }, { a: 1, b: null })).toBe('b: (missing) vs null');
    expect(firstDifference(null, 0)).toBe('(root): null vs 0');
  });

  it('tells a class instance from plain data', () => {
    class Counter { n = 1; }
    expect(firstDifference(new Counter(), { n: 1 })).toBe('(root): a Counter vs a Object (state must be plain data: structuredClone keeps no classes)');
  });

  it('compares numbers within a tolerance, absolute below 1 and relative above', () => {
    expect(numbersClose(0.1 + 0.2, 0.3)).toBe(true);
    expect(numbersClose(1e12, 1e12 + 1e-1)).toBe(true);
    expect(numbersClose(0.5, 0.5 + 2e-9)).toBe(false);
    expect(numbersClose(NaN, NaN)).toBe(true);
    expect(numbersClose(Infinity, 1e308)).toBe(false);
  });

  it('shows values briefly', () => {
    expect(show(NaN)).toBe('NaN');
    expect(show({ v: Infinity })).toBe('{"v":"Infinity"}');
    expect(show('x'.repeat(500), 10)).toBe('"xxxxxxxx…');
  });
});

describe('firstDifference on prototypes', () => {
  it('treats null-prototype objects as plain data', () => {
    expect(firstDifference(Object.assign(Object.create(null), { n: 1 }), { n: 1 })).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { counters, ratio } from './ratio-state.js';

describe('counters', () => {
  const { init, merge } = counters('done', 'onTime');

  it('starts every counter at 0, in the order given', () => {
    expect(JSON.stringify(init())).toBe('{"done":0,"onTime":0}');
  });

  it('merges by adding counter by counter, into a new state', () => {
    const a = { done: 3, onTime: 2 };
    const b = { done: 4, onTime: 1 };
    expect(merge(a, b)).toEqual({ done: 7, onTime: 3 });
    expect(a).toEqual({ done: 3, onTime: 2 });
  });

  it('gives a fresh state on every init, so one shard never mutates another', () => {
    const s = init();
    s.done++;
    expect(init()).toEqual({ done: 0, onTime: 0 });
  });

  it('has init as the identity of merge', () => {
    expect(merge(init(), { done: 5, onTime: 4 })).toEqual({ done: 5, onTime: 4 });
  });
});

describe('ratio', () => {
  it('divides part by whole', () => {
    expect(ratio(2, 8)).toBe(0.25);
    expect(ratio(0, 3)).toBe(0);
  });

  it('is null when whole is 0', () => {
    expect(ratio(0, 0)).toBeNull();
  });
});

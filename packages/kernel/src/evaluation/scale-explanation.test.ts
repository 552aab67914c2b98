import { describe, expect, it } from 'vitest';
import { makeOnTime } from '../__fixtures__/on-time.js';
import { explainScale } from './scale-explanation.js';

const higher = makeOnTime();
const lower = makeOnTime({ direction: 'lower' });
const deduction = makeOnTime({ scale: { kind: 'deduction' }, direction: 'lower' });
const percentile = makeOnTime({ scale: { kind: 'percentile' } });

describe('explainScale', () => {
  it('writes the target formula out with the subject\'s numbers, either direction', () => {
    expect(explainScale(higher, { target: 0.98, floor: 0.85 }, { value: 0.9, score: 38.46153846153849, evidence: {} })).toEqual({
      kind: 'target', direction: 'higher', target: 0.98, floor: 0.85,
      formula: '100 × clamp((v − floor) ÷ (target − floor), 0, 1)',
      computation: '100 × clamp((0.9 − 0.85) ÷ (0.98 − 0.85), 0, 1) = 38.4615',
    });
    expect(explainScale(lower, { target: 0, floor: 0.05 }, { value: 0.01, score: 80, evidence: {} })).toMatchObject({
      formula: '100 × clamp((floor − v) ÷ (floor − target), 0, 1)',
      computation: '100 × clamp((0.05 − 0.01) ÷ (0.05 − 0), 0, 1) = 80',
    });
  });

  it('shows the points of a deduction', () => {
    expect(explainScale(deduction, { points: 5 }, { value: 3, score: 85, evidence: {} })).toEqual({
      kind: 'deduction', points: 5, formula: 'max(0, 100 − points × v)', computation: 'max(0, 100 − 5 × 3) = 85',
    });
  });

  it('shows the peer counts scoring recorded, and n = 1', () => {
    const evidence = { below: 3, equal: 2, n: 9, peerGroup: { tierGroup: 'D1', post: 'FD' } };
    expect(explainScale(percentile, {}, { value: 12, score: 43.75, evidence })).toMatchObject({
      kind: 'percentile', below: 3, equal: 2, n: 9, peerGroup: { tierGroup: 'D1', post: 'FD' },
      computation: '100 × (3 + 0.5 × (2 − 1)) ÷ (9 − 1) = 43.75',
    });
    expect(explainScale(percentile, {}, { value: 12, score: 100, evidence: { below: 0, equal: 1, n: 1 } }).computation).toBe('n = 1 ⇒ 100');
  });

  it('computes nothing for a null value', () => {
    expect(explainScale(higher, { target: 0.98, floor: 0.85 }, { value: null, score: null, evidence: {} }).computation).toBeNull();
    expect(explainScale(percentile, {}, { value: null, score: null, evidence: {} })).toMatchObject({ below: null, equal: null, n: null, peerGroup: null, computation: null });
  });
});

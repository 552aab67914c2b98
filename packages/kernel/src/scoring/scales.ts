import { kpError, type ScaleSpec } from '@kaoping/contract';

/**
 * Value → 0..100 score, exactly as INDICATORS.md § Scales writes the formulas (the exports
 * must match them to 1e-9, so the arithmetic follows the written order).
 */

export type Direction = 'higher' | 'lower';

/** Scales that score a value on its own; `percentile` needs the peers (`percentileScores`). */
export type PointScale = Exclude<ScaleSpec, { kind: 'percentile' }>;

export function scoreOf(scale: PointScale, direction: Direction, value: number | null, params: Readonly<Record<string, unknown>>): number | null {
  if (value === null) return null;
  if (scale.kind === 'deduction') return Math.max(0, 100 - numberParam(params, 'points') * value);
  const target = numberParam(params, 'target');
  const floor = numberParam(params, 'floor');
  // target = floor leaves no band to interpolate in: the value either reaches the target or not.
  if (target === floor) return (direction === 'higher' ? value >= target : value <= target) ? 100 : 0;
  const ratio = direction === 'higher' ? (value - floor) / (target - floor) : (floor - value) / (floor - target);
  return 100 * clamp01(ratio);
}

/**
 * Checks once, before scoring thousands of subjects, that an indicator's params carry the
 * numbers its scale reads, so the error names the indicator rather than a subject.
 */
export function checkScaleParams(indicatorId: string, scale: ScaleSpec, params: Readonly<Record<string, unknown>>): void {
  const names = scale.kind === 'target' ? ['target', 'floor'] : scale.kind === 'deduction' ? ['points'] : [];
  for (const name of names) {
    if (!Number.isFinite(params[name])) {
      throw kpError('KP_ERR_PARAMS_INVALID', indicatorId, `the ${scale.kind} scale needs a number in params.${name} (got ${JSON.stringify(params[name]) ?? 'undefined'})`);
    }
  }
}

export interface PercentileScore<K> {
  id: K;
  value: number | null;
  /** null when the value is null. */
  score: number | null;
  /** Peers with a smaller value (for `direction: 'lower'`: with a larger one). */
  below: number;
  /** Peers with the same value, itself included; 0 when the value is null. */
  equal: number;
  /** Peers with a non-null value. */
  n: number;
}

/**
 * Mid-rank percentile of each value among the non-null ones:
 * `100 × (below + 0.5 × (equal − 1)) ÷ (n − 1)`, 100 when n = 1. Sorts once: O(n log n).
 * Results come back in input order. `lower` mirrors the order so fewer is better.
 */
export function percentileScores<K>(values: readonly { id: K; value: number | null }[], direction: Direction = 'higher'): PercentileScore<K>[] {
  const order: number[] = [];
  for (let i = 0; i < values.length; i++) if (values[i].value !== null) order.push(i);
  const sign = direction === 'higher' ? 1 : -1;
  order.sort((a, b) => sign * ((values[a].value as number) - (values[b].value as number)));
  const n = order.length;
  const out: PercentileScore<K>[] = values.map(({ id, value }) => ({ id, value, score: null, below: 0, equal: 0, n }));
  let start = 0;
  while (start < n) {
    const v = values[order[start]].value;
    let end = start + 1;
    while (end < n && values[order[end]].value === v) end++;
    const equal = end - start;
    const score = n === 1 ? 100 : (100 * (start + 0.5 * (equal - 1))) / (n - 1);
    for (let k = start; k < end; k++) {
      const row = out[order[k]];
      row.score = score;
      row.below = start;
      row.equal = equal;
    }
    start = end;
  }
  return out;
}

function clamp01(x: number): number {
  return x < 0 ? 0 : x > 1 ? 1 : x;
}

function numberParam(params: Readonly<Record<string, unknown>>, name: string): number {
  const v = params[name];
  if (typeof v !== 'number' || !Number.isFinite(v)) {
    throw kpError('KP_ERR_PARAMS_INVALID', 'scale', `params.${name} must be a number (got ${JSON.stringify(v) ?? 'undefined'})`);
  }
  return v;
}

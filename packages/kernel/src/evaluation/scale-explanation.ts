import type { IndicatorDefinition, Result } from '@kaoping/contract';

/** How a value became its score, with the numbers of this subject filled in. */
export type ScaleExplanation =
  | { kind: 'target'; direction: 'higher' | 'lower'; target: number; floor: number; formula: string; computation: string | null }
  | { kind: 'deduction'; points: number; formula: string; computation: string | null }
  | {
    kind: 'percentile'; direction: 'higher' | 'lower'; below: number | null; equal: number | null; n: number | null;
    peerGroup: Record<string, unknown> | null; formula: string; computation: string | null;
  };

const FORMULA = {
  higher: '100 × clamp((v − floor) ÷ (target − floor), 0, 1)',
  lower: '100 × clamp((floor − v) ÷ (floor − target), 0, 1)',
  deduction: 'max(0, 100 − points × v)',
  percentile: '100 × (below + 0.5 × (equal − 1)) ÷ (n − 1); 100 when n = 1',
} as const;

function num(x: unknown): number {
  return typeof x === 'number' ? x : NaN;
}

function orNull(x: unknown): number | null {
  return typeof x === 'number' && Number.isFinite(x) ? x : null;
}

/** Short, for people reading it: at most 6 significant digits, the stored numbers stay unrounded. */
function show(x: number): string {
  return String(Number(x.toPrecision(6)));
}

/**
 * The scale applied to one result: its numbers (target/floor, points, or the peer counts that
 * scoring recorded in the result's evidence) and the formula written out with them.
 */
export function explainScale(def: IndicatorDefinition<unknown, Record<string, unknown>>, params: Record<string, unknown>, result: Pick<Result, 'value' | 'score' | 'evidence'>): ScaleExplanation {
  const { value, score } = result;
  const done = (expr: string): string | null => (value === null || score === null ? null : `${expr} = ${show(score)}`);
  if (def.scale.kind === 'deduction') {
    const points = num(params.points);
    return { kind: 'deduction', points, formula: FORMULA.deduction, computation: done(`max(0, 100 − ${show(points)} × ${value === null ? '' : show(value)})`) };
  }
  if (def.scale.kind === 'percentile') {
    const ev = result.evidence;
    const below = orNull(ev.below);
    const equal = orNull(ev.equal);
    const n = orNull(ev.n);
    const computation = n === 1 && score !== null ? 'n = 1 ⇒ 100' : done(`100 × (${below} + 0.5 × (${equal} − 1)) ÷ (${n} − 1)`);
    return {
      kind: 'percentile', direction: def.direction, below, equal, n,
      peerGroup: (ev.peerGroup as Record<string, unknown> | undefined) ?? null, formula: FORMULA.percentile, computation,
    };
  }
  const target = num(params.target);
  const floor = num(params.floor);
  const v = value === null ? '' : show(value);
  const expr = def.direction === 'higher'
    ? `100 × clamp((${v} − ${show(floor)}) ÷ (${show(target)} − ${show(floor)}), 0, 1)`
    : `100 × clamp((${show(floor)} − ${v}) ÷ (${show(floor)} − ${show(target)}), 0, 1)`;
  return { kind: 'target', direction: def.direction, target, floor, formula: FORMULA[def.direction], computation: done(expr) };
}

import type { Domain } from '@kaoping/contract';
import type { ResolvedWeights } from './config-schema.js';

/**
 * Composite scores (INDICATORS.md § Composite score). A null score drops out and the weights
 * renormalise within its domain first; a domain with nothing left drops out and the domain
 * weights renormalise. The weights actually used are returned so explain can show them.
 */

export const DOMAINS: readonly Domain[] = ['business', 'government', 'party'];

/**
 * Key under which a unit composite's weights show the people half (the mean of the
 * composites of the people in its subtree). Indicator ids are dotted, so it cannot clash.
 */
export const PEOPLE_HALF = '@people';

export interface CompositeOutcome {
  composite: number | null;
  /** Effective weight of each indicator that counted (they sum to 1); empty when null. */
  weights: Record<string, number>;
}

/**
 * Weights compiled once per (post, indicator list), so scoring 30,000 people does no lookups.
 * An indicator not named in `indicatorWeights` weighs 1 (equal weights within a domain).
 */
export interface WeightPlan {
  readonly indicators: readonly string[];
  /** Index into DOMAINS, per indicator. */
  readonly domain: Uint8Array;
  readonly indicatorWeight: Float64Array;
  readonly domainWeight: Float64Array;
}

export function weightPlan(indicators: readonly { id: string; domain: Domain }[], weights: ResolvedWeights): WeightPlan {
  return {
    indicators: indicators.map((i) => i.id),
    domain: Uint8Array.from(indicators, (i) => DOMAINS.indexOf(i.domain)),
    indicatorWeight: Float64Array.from(indicators, (i) => weights.indicatorWeights[i.id] ?? 1),
    domainWeight: Float64Array.from(DOMAINS, (d) => weights.domainWeights[d] ?? 0),
  };
}

// Scratch sums per domain, reused: scoring is synchronous, so no two calls overlap.
const weightSum = new Float64Array(DOMAINS.length);
const weighted = new Float64Array(DOMAINS.length);

/**
 * Composite of one subject's scores, given in the plan's indicator order; null or NaN is a
 * missing score (NaN lets callers pass typed-array rows). The weights depend only on which
 * scores counted, so subjects with the same pattern share one frozen weights object: a close of
 * 30,000 people builds a handful, and the store serialises each once.
 */
export function compositeOf(plan: WeightPlan, scores: ArrayLike<number | null>): CompositeOutcome {
  weightSum.fill(0);
  weighted.fill(0);
  let counted = 0;
  for (let i = 0; i < plan.indicators.length; i++) {
    const s = scores[i];
    const w = plan.indicatorWeight[i];
    if (s === null || Number.isNaN(s) || w <= 0) continue;
    weightSum[plan.domain[i]] += w;
    weighted[plan.domain[i]] += w * s;
    if (i < MASK_BITS) counted |= 1 << i;
  }
  let domainTotal = 0;
  for (let d = 0; d < DOMAINS.length; d++) if (weightSum[d] > 0) domainTotal += plan.domainWeight[d];
  if (!(domainTotal > 0)) return { composite: null, weights: NO_WEIGHTS };
  let composite = 0;
  for (let d = 0; d < DOMAINS.length; d++) {
    if (weightSum[d] > 0) composite += (plan.domainWeight[d] / domainTotal) * (weighted[d] / weightSum[d]);
  }
  return { composite, weights: weightsOf(plan, scores, counted, domainTotal) };
}

const NO_WEIGHTS: Record<string, number> = Object.freeze({});
const sharedWeights = new WeakMap<WeightPlan, Map<number, Record<string, number>>>();
/** Patterns are bit masks in a small integer; a plan with more indicators builds its weights per subject. */
const MASK_BITS = 30;

/** Effective weights for the scores that counted (bit i of `counted`: indicator i), from the sums compositeOf just made. */
function weightsOf(plan: WeightPlan, scores: ArrayLike<number | null>, counted: number, domainTotal: number): Record<string, number> {
  const shareable = plan.indicators.length <= MASK_BITS;
  let byPattern = sharedWeights.get(plan);
  if (byPattern === undefined) sharedWeights.set(plan, (byPattern = new Map()));
  const known = shareable ? byPattern.get(counted) : undefined;
  if (known !== undefined) return known;
  const weights: Record<string, number> = {};
  for (let i = 0; i < plan.indicators.length; i++) {
    const d = plan.domain[i];
    const s = scores[i];
    if (s === null || Number.isNaN(s) || plan.indicatorWeight[i] <= 0 || !(plan.domainWeight[d] > 0)) continue;
    weights[plan.indicators[i]] = (plan.domainWeight[d] / domainTotal) * (plan.indicatorWeight[i] / weightSum[d]);
  }
  if (shareable) byPattern.set(counted, Object.freeze(weights));
  return weights;
}

/** Convenience form: scores keyed by indicator id, with their domains. */
export function personComposite(scores: readonly { indicator: string; domain: Domain; score: number | null }[], weights: ResolvedWeights): CompositeOutcome {
  const plan = weightPlan(scores.map((s) => ({ id: s.indicator, domain: s.domain })), weights);
  return compositeOf(plan, scores.map((s) => s.score));
}

/**
 * Unit composite: 0.5 × the mean composite of the people in its subtree + 0.5 × the
 * composite of its own unit-subject indicators; one half missing ⇒ the other stands alone.
 * `own.weights` are scaled by the own half's share; the people half shows as `@people`.
 */
export function unitComposite(peopleMean: number | null, own: CompositeOutcome): CompositeOutcome {
  if (own.composite === null) {
    return peopleMean === null ? { composite: null, weights: {} } : { composite: peopleMean, weights: { [PEOPLE_HALF]: 1 } };
  }
  if (peopleMean === null) return own;
  const weights: Record<string, number> = { [PEOPLE_HALF]: 0.5 };
  for (const [k, w] of Object.entries(own.weights)) weights[k] = 0.5 * w;
  return { composite: 0.5 * peopleMean + 0.5 * own.composite, weights };
}

import { createAjv, formatIssues, kpError, toIssues, type Domain } from '@kaoping/contract';
import type { ValidateFunction } from 'ajv';

/**
 * The `scoring` section of kaoping.config.json: how indicator scores become a composite
 * (weights per domain and per indicator, optionally per post — 岗责体系) and how composites
 * become annual tiers (quota and threshold). INDICATORS.md § Composite score, § Tiers.
 */

export type DomainWeights = Record<Domain, number>;

/** Relative weights of indicators inside their domain; an indicator not listed weighs 1. */
export type IndicatorWeights = Record<string, number>;

export interface PostWeights {
  /** Missing domains fall back to the deployment-wide domain weights. */
  domainWeights?: Partial<DomainWeights>;
  /** Merged over the deployment-wide indicator weights. */
  indicatorWeights?: IndicatorWeights;
}

export interface TierConfig {
  /** Share of the group that gets tier 1: `floor(quota × n)`. */
  quota: number;
  /** Composite below which a ranked person gets tier 3. */
  threshold: number;
}

/** The resolved configuration: every field the scoring functions read is present. */
export interface ScoringConfig {
  domainWeights: DomainWeights;
  indicatorWeights?: IndicatorWeights;
  byPost?: Record<string, PostWeights>;
  tiers: TierConfig;
}

/** What a deployment may write: every key optional, missing ones take `DEFAULT_SCORING`. */
export interface ScoringConfigInput {
  domainWeights?: Partial<DomainWeights>;
  indicatorWeights?: IndicatorWeights;
  byPost?: Record<string, PostWeights>;
  tiers?: Partial<TierConfig>;
}

/** The weights that apply to one post after merging `byPost` over the defaults. */
export interface ResolvedWeights {
  domainWeights: DomainWeights;
  indicatorWeights: IndicatorWeights;
}

export const DEFAULT_SCORING: ScoringConfig = deepFreeze({
  domainWeights: { business: 0.6, government: 0.25, party: 0.15 },
  tiers: { quota: 0.2, threshold: 60 },
});

const weight = { type: 'number', minimum: 0 } as const;

const domainWeightsSchema = {
  type: 'object',
  additionalProperties: false,
  properties: { business: weight, government: weight, party: weight },
} as const;

const indicatorWeightsSchema = {
  type: 'object',
  propertyNames: { minLength: 1 },
  additionalProperties: weight,
} as const;

export const scoringConfigSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    domainWeights: domainWeightsSchema,
    indicatorWeights: indicatorWeightsSchema,
    byPost: {
      type: 'object',
      propertyNames: { minLength: 1 },
      additionalProperties: {
        type: 'object',
        additionalProperties: false,
        properties: { domainWeights: domainWeightsSchema, indicatorWeights: indicatorWeightsSchema },
      },
    },
    tiers: {
      type: 'object',
      additionalProperties: false,
      properties: {
        quota: { type: 'number', minimum: 0, maximum: 1 },
        threshold: { type: 'number', minimum: 0, maximum: 100 },
      },
    },
  },
} as const;

let validator: ValidateFunction | undefined;

/**
 * Validates the `scoring` section and fills in the defaults. `where` prefixes the paths in
 * the error so the user sees the key as written in kaoping.config.json.
 */
export function parseScoringConfig(raw: unknown, where = '/scoring'): ScoringConfig {
  if (raw === undefined) return DEFAULT_SCORING;
  validator ??= createAjv().compile(scoringConfigSchema);
  if (!validator(raw)) {
    const issues = toIssues(validator.errors).map((i) => ({ ...i, path: where + i.path }));
    throw kpError('KP_ERR_CONFIG_INVALID', where, formatIssues(issues));
  }
  const input = raw as ScoringConfigInput;
  return deepFreeze({
    domainWeights: { ...DEFAULT_SCORING.domainWeights, ...input.domainWeights },
    ...(input.indicatorWeights ? { indicatorWeights: { ...input.indicatorWeights } } : {}),
    ...(input.byPost ? { byPost: structuredClone(input.byPost) } : {}),
    tiers: { ...DEFAULT_SCORING.tiers, ...input.tiers },
  });
}

/** The weights for one post: its `byPost` entry merged over the deployment-wide weights. */
export function resolveWeights(config: ScoringConfig, postId: string | undefined): ResolvedWeights {
  const post = postId === undefined ? undefined : config.byPost?.[postId];
  return {
    domainWeights: { ...config.domainWeights, ...post?.domainWeights },
    indicatorWeights: { ...config.indicatorWeights, ...post?.indicatorWeights },
  };
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

import { describe, expect, it } from 'vitest';
import { isKaopingError } from '@kaoping/contract';
import { DEFAULT_SCORING, parseScoringConfig, resolveWeights } from './config-schema.js';

describe('scoring config', () => {
  it('defaults to INDICATORS.md: domains 0.6 / 0.25 / 0.15, quota 20 %, threshold 60', () => {
    expect(DEFAULT_SCORING).toEqual({ domainWeights: { business: 0.6, government: 0.25, party: 0.15 }, tiers: { quota: 0.2, threshold: 60 } });
    expect(parseScoringConfig(undefined)).toBe(DEFAULT_SCORING);
    expect(parseScoringConfig({})).toEqual(DEFAULT_SCORING);
  });

  it('fills what a deployment leaves out', () => {
    const c = parseScoringConfig({ domainWeights: { party: 0 }, tiers: { threshold: 70 }, indicatorWeights: { 'business.workload': 2 } });
    expect(c).toEqual({
      domainWeights: { business: 0.6, government: 0.25, party: 0 },
      indicatorWeights: { 'business.workload': 2 },
      tiers: { quota: 0.2, threshold: 70 },
    });
  });

  it.each([
    [{ tiers: { quota: 1.5 } }, '/scoring/tiers/quota must be <= 1'],
    [{ tiers: { threshold: -1 } }, '/scoring/tiers/threshold must be >= 0'],
    [{ tiers: { threshold: 101 } }, '/scoring/tiers/threshold must be <= 100'],
    [{ domainWeights: { business: -0.1 } }, '/scoring/domainWeights/business must be >= 0'],
    [{ domainWeights: { culture: 1 } }, '/scoring/domainWeights/culture has unknown property "culture"'],
    [{ indicatorWeights: { 'gov.attendance': 'high' } }, '/scoring/indicatorWeights/gov.attendance must be number'],
    [{ byPost: { P01: { tiers: {} } } }, '/scoring/byPost/P01/tiers has unknown property "tiers"'],
    [{ weights: {} }, '/scoring/weights has unknown property "weights"'],
  ])('rejects %j, naming the key', (raw, message) => {
    let caught: unknown;
    try {
      parseScoringConfig(raw);
    } catch (e) {
      caught = e;
    }
    expect(isKaopingError(caught)).toBe(true);
    expect((caught as Error & { code: string }).code).toBe('KP_ERR_CONFIG_INVALID');
    expect((caught as Error).message).toBe(`Invalid configuration at /scoring: ${message}`);
  });

  it('resolves weights per post, the post entry winning key by key', () => {
    const c = parseScoringConfig({
      indicatorWeights: { 'business.workload': 2, 'gov.attendance': 1 },
      byPost: { P07: { domainWeights: { business: 0.8 }, indicatorWeights: { 'gov.attendance': 3 } } },
    });
    expect(resolveWeights(c, 'P07')).toEqual({
      domainWeights: { business: 0.8, government: 0.25, party: 0.15 },
      indicatorWeights: { 'business.workload': 2, 'gov.attendance': 3 },
    });
    expect(resolveWeights(c, 'P01')).toEqual({
      domainWeights: { business: 0.6, government: 0.25, party: 0.15 },
      indicatorWeights: { 'business.workload': 2, 'gov.attendance': 1 },
    });
    expect(resolveWeights(DEFAULT_SCORING, undefined)).toEqual({ domainWeights: DEFAULT_SCORING.domainWeights, indicatorWeights: {} });
  });
});

import { describe, expect, it } from 'vitest';
import { local } from '../__fixtures__/events.js';
import type { ActivityEvent, Tier } from '@kaoping/contract';
import { tierLookup } from './promotion.js';

function history(personId: string, year: number, tier: number, id = `${personId}:${year}`): ActivityEvent {
  return { id, source: 'hr', type: 'hr.tier.recorded', actorId: personId, unitId: null, occurredAt: local(year, 1, 1), attrs: { year, tier } };
}

function own(period: string, tier: Tier['tier']): Tier {
  return { personId: 'X', period, tier, reason: tier === null ? 'no-data' : 'ranked', rank: null, n: null, group: 'D1', evidence: {} };
}

describe('tierLookup', () => {
  it('prefers an own tier, falls back to the history when the own year has none, else null', () => {
    const lookup = tierLookup([own('2025', 1), own('2024', null)], [history('X', 2025, 3), history('X', 2024, 2)]);
    expect(lookup(2025)).toEqual({ year: 2025, tier: 1, source: 'kaoping' });
    expect(lookup(2024)).toEqual({ year: 2024, tier: 2, source: 'history', recordId: 'X:2024' });
    expect(lookup(2023)).toBeNull();
  });

  it('takes the later of two history records of one year and ignores records without a valid tier', () => {
    const lookup = tierLookup([], [history('X', 2024, 2, 'a'), history('X', 2024, 3, 'b'), history('X', 2023, 7)]);
    expect(lookup(2024)).toEqual({ year: 2024, tier: 3, source: 'history', recordId: 'b' });
    expect(lookup(2023)).toBeNull();
  });
});

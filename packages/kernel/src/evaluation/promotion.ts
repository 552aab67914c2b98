import {
  kpError, yearId, type ActivityEvent, type GateAnswer, type GateContext, type GateQuery, type GateTier, type Tier,
} from '@kaoping/contract';
import type { Kernel, LoadedGate } from '../kernel.js';
import { requireStore } from './score-states.js';

/** The event type of the HR tier history (tier-history.csv): attrs `year`, `tier`. */
export const TIER_HISTORY_TYPE = 'hr.tier.recorded';

function findGate(kernel: Kernel, id: string): LoadedGate {
  // `promotion` and `gate.promotion` both name the promotion gate.
  const gate = kernel.gates().find((g) => g.definition.id === id || g.definition.id === `gate.${id}`);
  if (!gate) throw kpError('KP_ERR_NOT_FOUND', 'Started gate', id);
  return gate;
}

function isTier(x: unknown): x is 1 | 2 | 3 {
  return x === 1 || x === 2 || x === 3;
}

/**
 * A person's tier per year from the two sources, own results winning (INDICATORS.md § Gate):
 * the project's own annual tier where it has one (a closed year with tier 1–3), else the HR
 * tier history. A year the project closed without a tier for the person (left, no data) falls
 * back to the history, which may know more; with neither the year has no tier (null).
 */
export function tierLookup(own: readonly Tier[], history: readonly ActivityEvent[]): (year: number) => GateTier | null {
  const byYear = new Map<number, GateTier>();
  // Oldest first, so a later record of the same year replaces an earlier one.
  for (const e of history) {
    const year = Number(e.attrs.year);
    if (Number.isInteger(year) && isTier(e.attrs.tier)) byYear.set(year, { year, tier: e.attrs.tier, source: 'history', recordId: e.id });
  }
  const ownByYear = new Map(own.map((t) => [t.period, t]));
  return (year) => {
    const t = ownByYear.get(yearId(year));
    if (t && t.tier !== null) return { year, tier: t.tier, source: 'kaoping' };
    return byYear.get(year) ?? null;
  };
}

async function collect(iter: AsyncIterable<ActivityEvent[]>): Promise<ActivityEvent[]> {
  const out: ActivityEvent[] = [];
  for await (const batch of iter) out.push(...batch);
  return out;
}

/**
 * Builds the GateContext for one question. A gate decides synchronously while the store may
 * answer asynchronously, so the asked person's tiers and records are read first; `tier` and
 * `records` answer for that person (for anyone else: no tier and no records).
 */
export async function gateContext<P>(kernel: Kernel, params: P, personId: string): Promise<GateContext<P>> {
  const store = requireStore(kernel, 'asking a gate');
  const own = (await store.listTiers({ personId })).filter((t) => /^\d{4}$/.test(t.period));
  const records = await collect(store.scanEvents({ actorId: personId }));
  const tierOf = tierLookup(own, records.filter((e) => e.type === TIER_HISTORY_TYPE));
  return {
    params,
    person: (id) => kernel.directory.person(id),
    tier: (id, year) => (id === personId ? tierOf(year) : null),
    records: (id, types) => (id === personId ? records.filter((e) => types.includes(e.type)) : []),
  };
}

/** Asks a gate (`promotion`): `{ allowed, reasons }`, one reason per failed condition. */
export async function askGate(kernel: Kernel, gateId: string, query: GateQuery): Promise<GateAnswer> {
  const gate = findGate(kernel, gateId);
  const ctx = await gateContext(kernel, gate.params, query.personId);
  try {
    return gate.definition.decide(query, ctx);
  } catch (e) {
    throw kpError('KP_ERR_PLUGIN_SETUP_FAILED', gate.definition.id, 'decide', (e as Error)?.message ?? String(e));
  }
}

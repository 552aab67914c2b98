import type { ActivityEvent, LocalizedText, Person } from './model.js';
import type { PluginLifecycle } from './plugin.js';
import type { JsonSchema } from './json-schema.js';

export interface GateReason {
  code: string;
  message: string;
  [detail: string]: unknown;
}

export interface GateAnswer {
  allowed: boolean;
  reasons: GateReason[];
}

export interface GateTier {
  year: number;
  tier: 1 | 2 | 3 | null;
  /** Where the tier comes from: `history` (tier-history.csv) or `kaoping` (own annual result). */
  source: 'history' | 'kaoping';
  recordId?: string;
}

/** What a gate may ask the kernel while deciding. */
export interface GateContext<P> {
  readonly params: P;
  person(id: string): Person | undefined;
  /** The person's annual tier for a year, own results winning over history; null if none. */
  tier(personId: string, year: number): GateTier | null;
  /** The person's records of the given types, oldest first. */
  records(personId: string, types: readonly string[]): ActivityEvent[];
}

export interface GateQuery {
  personId: string;
  /** The asking date, epoch ms. */
  date: number;
}

export interface GateSpec<P extends Record<string, unknown>> extends PluginLifecycle<P> {
  id: string;
  version: string;
  api: string;
  title: LocalizedText;
  description?: LocalizedText;
  params?: { schema: JsonSchema; defaults: P };
  dependsOn?: readonly string[];
  optionalDependsOn?: readonly string[];
  decide(query: GateQuery, ctx: GateContext<P>): GateAnswer;
}

export interface GateDefinition<P extends Record<string, unknown> = Record<string, unknown>> extends Readonly<GateSpec<P>> {
  readonly kind: 'gate';
}

export function defineGate<P extends Record<string, unknown>>(spec: GateSpec<P>): GateDefinition<P> {
  return Object.freeze({ ...spec, kind: 'gate' as const });
}

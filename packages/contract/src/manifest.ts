import type { AdapterDefinition } from './adapter.js';
import type { GateDefinition } from './gate.js';
import type { IndicatorDefinition } from './indicator.js';
import type { Manifest } from './plugin.js';
import type { RuleDefinition } from './rule.js';

/* eslint-disable @typescript-eslint/no-explicit-any */
export type PluginDefinition =
  | IndicatorDefinition<any, any>
  | AdapterDefinition<any>
  | RuleDefinition<any, any>
  | GateDefinition<any>;

/**
 * The plain-data part of a definition: every field that is not a function. This is what the
 * kernel validates before it calls any plugin code, and what status and explain show.
 */
export function manifestOf(def: object): Manifest {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(def)) {
    if (typeof v !== 'function') out[k] = v;
  }
  return out as Manifest;
}

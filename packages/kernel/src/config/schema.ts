import type { PeriodKind } from '@kaoping/contract';
import { loopConfigSchema } from '../loop/config-schema.js';
import { scoringConfigSchema } from '../scoring/config-schema.js';

/** kaoping.config.json, as written by a deployment. */
export interface KaopingConfig {
  /** Module specifiers (package names, or paths relative to the config file) of indicators, rules and gates. */
  plugins?: string[];
  /** Module specifiers of host adapters. */
  adapters?: string[];
  /** Params per plugin id, overlaid on the plugin's defaults. */
  params?: Record<string, Record<string, unknown>>;
  /** Config per adapter id, overlaid on the adapter's defaults. */
  adapterConfig?: Record<string, Record<string, unknown>>;
  /** How long each plugin's setup/start/stop may take (default 5000). */
  pluginTimeoutMs?: number;
  /** Which period kinds results are kept for (default all three). */
  periods?: PeriodKind[];
  scoring?: Record<string, unknown>;
  /** Risk triggers, tasks, delivery (the closed loop); see loop/config.ts. */
  loop?: Record<string, unknown>;
  store?: { path?: string };
}

/** The config with its defaults filled in, as the kernel uses it. */
export interface ResolvedConfig {
  plugins: string[];
  adapters: string[];
  params: Record<string, Record<string, unknown>>;
  adapterConfig: Record<string, Record<string, unknown>>;
  pluginTimeoutMs: number;
  periods: PeriodKind[];
  scoring: Record<string, unknown>;
  loop: Record<string, unknown>;
  store: { path?: string };
  /** Directory that relative module specifiers and the store path are read from. */
  baseDir: string;
  /** The config file, when the config came from one. */
  file?: string;
}

const specifiers = { type: 'array', items: { type: 'string', minLength: 1 } } as const;
const perId = { type: 'object', additionalProperties: { type: 'object' } } as const;

export const configSchema = {
  $id: 'kaoping:config',
  type: 'object',
  additionalProperties: false,
  properties: {
    $schema: { type: 'string' },
    plugins: specifiers,
    adapters: specifiers,
    params: perId,
    adapterConfig: perId,
    pluginTimeoutMs: { type: 'integer', minimum: 1 },
    periods: { type: 'array', minItems: 1, uniqueItems: true, items: { enum: ['year', 'quarter', 'month'] } },
    scoring: scoringConfigSchema,
    loop: loopConfigSchema,
    store: { type: 'object', additionalProperties: false, properties: { path: { type: 'string', minLength: 1 } } },
  },
} as const;

export const DEFAULT_PLUGIN_TIMEOUT_MS = 5000;
export const DEFAULT_PERIODS: readonly PeriodKind[] = Object.freeze(['year', 'quarter', 'month']);

import type { JsonSchema } from './json-schema.js';
import type { Domain, LocalizedText, SubjectKind } from './model.js';

export type PluginKind = 'indicator' | 'adapter' | 'rule' | 'gate';

/** What every plugin is told when the kernel sets it up. */
export interface PluginContext<P = unknown> {
  /** The plugin's params: its defaults overlaid with `params.<id>` from the config, validated. */
  readonly params: P;
  readonly logger: PluginLogger;
  /** Epoch ms, from the kernel's clock (tests control it). */
  now(): number;
}

export interface PluginLogger {
  info(msg: string, data?: Record<string, unknown>): void;
  warn(msg: string, data?: Record<string, unknown>): void;
  error(msg: string, data?: Record<string, unknown>): void;
}

/** Lifecycle hooks, all optional. Each runs under the kernel's timeout. */
export interface PluginLifecycle<P = unknown> {
  setup?(ctx: PluginContext<P>): void | Promise<void>;
  start?(ctx: PluginContext<P>): void | Promise<void>;
  stop?(): void | Promise<void>;
}

/**
 * The manifest: plain data, validated by ajv before any plugin code runs. Functions live
 * beside it in the definition, never inside it.
 */
export interface Manifest {
  kind: PluginKind;
  id: string;
  version: string;
  /** Range of CONTRACT_VERSION this plugin works with, e.g. `^1`. */
  api: string;
  title: LocalizedText;
  description?: LocalizedText;
  /** Plugin ids this one cannot work without. */
  dependsOn?: string[];
  /** Plugin ids this one uses when present. */
  optionalDependsOn?: string[];
  domain?: Domain;
  subjects?: SubjectKind[];
  consumes?: string[];
  params?: { schema: JsonSchema; defaults: Record<string, unknown> };
  [extra: string]: unknown;
}

export const manifestSchema = {
  $id: 'kaoping:manifest',
  type: 'object',
  required: ['kind', 'id', 'version', 'api', 'title'],
  properties: {
    kind: { enum: ['indicator', 'adapter', 'rule', 'gate'] },
    id: { type: 'string', pattern: '^[a-z][a-z0-9-]*(\\.[a-z][a-z0-9-]*)*$', maxLength: 120 },
    version: { type: 'string', pattern: '^\\d+\\.\\d+\\.\\d+(-[0-9A-Za-z.-]+)?$' },
    api: { type: 'string', minLength: 1 },
    title: {
      type: 'object',
      required: ['zh', 'en'],
      properties: { zh: { type: 'string', minLength: 1 }, en: { type: 'string', minLength: 1 } },
    },
    description: { type: 'object', properties: { zh: { type: 'string' }, en: { type: 'string' } } },
    dependsOn: { type: 'array', items: { type: 'string' }, uniqueItems: true },
    optionalDependsOn: { type: 'array', items: { type: 'string' }, uniqueItems: true },
    domain: { enum: ['business', 'government', 'party'] },
    subjects: { type: 'array', minItems: 1, items: { enum: ['person', 'unit'] }, uniqueItems: true },
    consumes: { type: 'array', items: { type: 'string', pattern: '^[a-z]+(\\.[a-z-]+)+$' }, uniqueItems: true },
    params: {
      type: 'object',
      required: ['schema', 'defaults'],
      properties: { schema: { type: 'object' }, defaults: { type: 'object' } },
    },
  },
  allOf: [
    {
      if: { properties: { kind: { const: 'indicator' } } },
      then: {
        required: ['domain', 'subjects', 'consumes', 'params', 'direction', 'scale', 'attribution'],
        properties: {
          direction: { enum: ['higher', 'lower'] },
          scale: { type: 'object', required: ['kind'], properties: { kind: { enum: ['target', 'deduction', 'percentile'] } } },
          attribution: { enum: ['event-time', 'period-end'] },
          categories: { type: 'array', items: { enum: ['时效', '质量', '服务', '纪律', '学习', '出勤'] } },
        },
      },
    },
    { if: { properties: { kind: { const: 'rule' } } }, then: { required: ['consumes'] } },
  ],
} as const;

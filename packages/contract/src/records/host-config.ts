import type { JsonSchema } from '../json-schema.js';
import { DEFAULT_TIME_ZONE } from './host-time.js';
import { TEXT_ENCODINGS, type TextEncodingName } from './text-encoding.js';

/** Config every file-based host adapter takes; `F` names its files (`matters`, …). */
export type HostConfig<F extends string> = {
  /** Export folder name inside an import folder. */
  folder?: string;
  encoding?: TextEncodingName;
  /** IANA zone the host writes local times in. */
  timeZone?: string;
  /** File names, by file kind, when the host names them differently. */
  files?: Partial<Record<F, string>>;
  /** tax-collection: where notify POSTs messages. */
  webhookUrl?: string;
  /** Other hosts: folder notify appends `<adapter id>-outbox.ndjson` lines to. */
  outboxDir?: string;
};

export interface HostConfigSpec<F extends string> {
  folder: string;
  encoding: TextEncodingName;
  files: Record<F, string>;
  /** How notify reaches the host. */
  delivery: 'webhook' | 'outbox';
}

/** The JSON Schema and defaults of a host adapter's config (one shape for every host). */
export function hostConfig<F extends string>(spec: HostConfigSpec<F>): { schema: JsonSchema; defaults: HostConfig<F> } {
  const fileProps = Object.fromEntries(Object.keys(spec.files).map((k) => [k, { type: 'string', minLength: 1 }]));
  const delivery = spec.delivery === 'webhook'
    ? { webhookUrl: { type: 'string', pattern: '^https?://', description: 'URL notify POSTs each message to as JSON' } }
    : { outboxDir: { type: 'string', minLength: 1, description: 'folder notify appends one JSON line per message to' } };
  return {
    schema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        folder: { type: 'string', minLength: 1 },
        encoding: { enum: [...TEXT_ENCODINGS] },
        timeZone: { type: 'string', minLength: 1 },
        files: { type: 'object', additionalProperties: false, properties: fileProps },
        ...delivery,
      },
    },
    defaults: { folder: spec.folder, encoding: spec.encoding, timeZone: DEFAULT_TIME_ZONE, files: { ...spec.files } },
  };
}

/** The file name for a kind: the config's override, else the default. */
export function fileNameOf<F extends string>(config: HostConfig<F>, defaults: Record<F, string>, kind: F): string {
  return config.files?.[kind] ?? defaults[kind];
}

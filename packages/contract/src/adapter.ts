import type { JsonSchema } from './json-schema.js';
import type { ActivityEvent, LocalizedText, OrgUnit, Origin, Person } from './model.js';
import type { PluginLifecycle, PluginLogger } from './plugin.js';

/** One thing an adapter read from a host export. */
export type AdapterRecord =
  | { kind: 'unit'; unit: OrgUnit; origin: Origin }
  | { kind: 'person'; person: Person; origin: Origin }
  | { kind: 'event'; event: ActivityEvent; origin: Origin }
  | { kind: 'rejected'; origin: Origin; raw: string; code: string; reason: string };

/** What the adapter may look up while reading: the directory known so far. */
export interface DirectoryView {
  hasUnit(id: string): boolean;
  hasPerson(id: string): boolean;
  /** The person's HR unit, for records that name no unit. */
  unitOf(personId: string): string | undefined;
}

export interface AdapterContext<C> {
  /** The adapter's config: defaults overlaid with the deployment's, validated by its schema. */
  readonly config: C;
  /** The folder holding this host's export (`<import dir>/<folder>`). */
  readonly dir: string;
  readonly directory: DirectoryView;
  readonly logger: PluginLogger;
}

/** A warning or task pushed back into the host's own to-do list. */
export interface HostMessage {
  id: string;
  kind: 'risk' | 'task' | 'escalation';
  recipientId: string;
  title: string;
  body: string;
  dueAt?: number | null;
  link?: string;
}

export interface NotifyContext<C> {
  readonly config: C;
  readonly logger: PluginLogger;
}

export interface AdapterSpec<C extends Record<string, unknown>> extends PluginLifecycle<C> {
  id: string;
  version: string;
  api: string;
  title: LocalizedText;
  description?: LocalizedText;
  /** Default folder name of this host's export inside an import folder (`hr`, `tax`, …). */
  folder: string;
  config: { schema: JsonSchema; defaults: C };
  /** Whether this host supplies the directory; directory adapters are read first. */
  providesDirectory?: boolean;
  dependsOn?: readonly string[];
  optionalDependsOn?: readonly string[];
  /** Reads the host's native files, streaming: never a whole file in memory. */
  read(ctx: AdapterContext<C>): AsyncIterable<AdapterRecord>;
  /**
   * Optional: the same records as `read`, in the same order, a batch at a time (a read chunk's
   * worth). The importer prefers it: one await per batch instead of per record. Define one of the
   * two in terms of the other (`eachOf` from `@kaoping/contract/records` flattens batches).
   */
  readBatches?(ctx: AdapterContext<C>): AsyncIterable<AdapterRecord[]>;
  /** Maps one pushed native record (the webhook path) to canonical records. */
  normalize(raw: unknown, ctx: AdapterContext<C>): AdapterRecord[];
  /** Delivers a message to the host; throws if the host did not accept it. */
  notify?(message: HostMessage, ctx: NotifyContext<C>): Promise<void>;
}

export interface AdapterDefinition<C extends Record<string, unknown> = Record<string, unknown>> extends Readonly<AdapterSpec<C>> {
  readonly kind: 'adapter';
}

export function defineAdapter<C extends Record<string, unknown>>(spec: AdapterSpec<C>): AdapterDefinition<C> {
  return Object.freeze({ ...spec, kind: 'adapter' as const });
}

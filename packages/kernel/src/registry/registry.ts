import type { Ajv } from 'ajv';
import {
  isKaopingError, kpError, type AdapterDefinition, type GateDefinition, type IndicatorDefinition, type KaopingError,
  type Manifest, type PluginContext, type PluginDefinition, type PluginState, type PluginStatus, type RuleDefinition,
} from '@kaoping/contract';
import type { KernelBus } from '../bus/create-bus.js';
import type { ResolvedConfig } from '../config/schema.js';
import { childLogger, type Logger } from '../logger.js';
import { checkApi } from './check-api.js';
import { importPluginModule } from './import-plugin.js';
import { planLoadOrder } from './load-order.js';
import { paramsHash } from './params-hash.js';
import { resolveParams } from './resolve-params.js';
import { runPhase } from './run-phase.js';
import { nameOf, validateManifest } from './validate-manifest.js';

/** Everything the kernel knows about one configured plugin module. */
export interface PluginRecord {
  /** The specifier as configured. */
  readonly module: string;
  /** Which config list named it. */
  readonly group: 'plugins' | 'adapters';
  /** The `file:` URL the module was imported from, once imported. */
  url?: string;
  /** The manifest id; the module specifier until the manifest is known. */
  id: string;
  kind: string;
  version?: string;
  def?: PluginDefinition;
  manifest?: Manifest;
  params?: Record<string, unknown>;
  paramsHash?: string;
  state: PluginState;
  code?: string;
  reason?: string;
  /** Whether setup ran to completion (so stop is owed). */
  setUp: boolean;
}

/** A started plugin as the rest of the kernel sees it. */
export interface LoadedPlugin<D extends PluginDefinition = PluginDefinition> {
  readonly definition: D;
  /** Defaults overlaid with the config's params (adapters: their config), validated. */
  readonly params: Record<string, unknown>;
  readonly paramsHash: string;
  /** The specifier as configured. */
  readonly module: string;
  /** The resolved `file:` URL of the module: what worker threads import to run the same plugin. */
  readonly url: string;
}

export interface RegistryDeps {
  config: ResolvedConfig;
  /** Where module specifiers are resolved from, in order. */
  bases: readonly string[];
  logger: Logger;
  bus: KernelBus;
  clock: () => number;
  ajv: Ajv;
}

type KindOf<K extends string> = K extends 'indicator' ? IndicatorDefinition<any, any> // eslint-disable-line @typescript-eslint/no-explicit-any
  : K extends 'rule' ? RuleDefinition<any, any> // eslint-disable-line @typescript-eslint/no-explicit-any
  : K extends 'gate' ? GateDefinition<any> // eslint-disable-line @typescript-eslint/no-explicit-any
  : AdapterDefinition<any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function asKaopingError(e: unknown, rec: PluginRecord): KaopingError {
  return isKaopingError(e) ? (e as KaopingError) : kpError('KP_ERR_PLUGIN_SETUP_FAILED', rec.id, 'load', (e as Error)?.message ?? String(e));
}

/**
 * The plugin registry: loads the configured modules, refuses what cannot run (each refusal a coded
 * status, never a crash), runs setup/start in dependency order under timeouts and stop in reverse.
 */
export class PluginRegistry {
  private readonly records: PluginRecord[] = [];
  /** Set-up order; stop runs it backwards. */
  private order: PluginRecord[] = [];

  constructor(private readonly deps: RegistryDeps) {}

  status(): PluginStatus[] {
    return this.records.map(toStatus);
  }

  record(id: string): PluginRecord | undefined {
    return this.records.find((r) => r.id === id && r.def !== undefined) ?? this.records.find((r) => r.id === id);
  }

  /** Started plugins of one kind, in load order. */
  started<K extends 'indicator' | 'rule' | 'gate' | 'adapter'>(kind: K): LoadedPlugin<KindOf<K>>[] {
    return this.order
      .filter((r) => r.state === 'started' && r.kind === kind)
      .map((r) => Object.freeze({ definition: r.def as KindOf<K>, params: r.params!, paramsHash: r.paramsHash!, module: r.module, url: r.url! }));
  }

  /** Imports, validates and orders every configured module, then sets up and starts them. */
  async start(): Promise<void> {
    const { config } = this.deps;
    const specs = [
      ...config.plugins.map((module) => ({ module, group: 'plugins' as const })),
      ...config.adapters.map((module) => ({ module, group: 'adapters' as const })),
    ];
    const imported = await Promise.all(specs.map(({ module }) => importPluginModule(module, this.deps.bases).catch((error: unknown) => ({ error }))));
    specs.forEach(({ module, group }, i) => {
      const rec: PluginRecord = { module, group, id: module, kind: 'unknown', state: 'loaded', setUp: false };
      this.records.push(rec);
      const res = imported[i];
      if ('error' in res) this.fail(rec, asKaopingError(res.error, rec));
      else {
        rec.url = res.url;
        this.admit(rec, res.definition);
      }
    });
    this.warnUnknownParams();
    this.plan();
    await this.runAll('setup');
    await this.runAll('start');
  }

  /** Stops started plugins in reverse order; a failing stop is logged, never thrown. */
  async stop(): Promise<void> {
    for (const rec of [...this.order].reverse()) {
      if (!rec.setUp || (rec.state !== 'started' && rec.state !== 'loaded')) continue;
      const stop = rec.def?.stop;
      if (stop) {
        try {
          await runPhase(rec.id, 'stop', () => stop.call(rec.def), this.deps.config.pluginTimeoutMs);
        } catch (e) {
          this.deps.logger.error((e as Error).message, { plugin: rec.id, code: (e as KaopingError).code });
        }
      }
      rec.state = 'stopped';
    }
  }

  /**
   * Marks a running plugin failed (its code threw at run time) and disables the started plugins
   * that require it, transitively. Returns the ids that stopped taking part.
   */
  failAtRuntime(id: string, error: KaopingError): string[] {
    const rec = this.records.find((r) => r.id === id && r.state === 'started');
    if (!rec) return [];
    this.fail(rec, error);
    const out = [id];
    for (let i = 0; i < out.length; i++) {
      for (const dep of this.order) {
        if (dep.state !== 'started' || !dep.manifest?.dependsOn?.includes(out[i])) continue;
        this.disable(dep, kpError('KP_ERR_DEPENDENCY_MISSING', dep.id, out[i], `failed (${error.code})`));
        out.push(dep.id);
      }
    }
    return out;
  }

  /** Manifest, api range, unique id and params, in that order; any refusal fails the record. */
  private admit(rec: PluginRecord, def: object): void {
    rec.id = nameOf(def, rec.module);
    const kind = (def as { kind?: unknown }).kind;
    if (typeof kind === 'string') rec.kind = kind;
    try {
      const manifest = validateManifest(def, rec.module);
      rec.version = manifest.version;
      checkApi(manifest);
      const first = this.records.find((r) => r !== rec && r.def !== undefined && r.id === manifest.id);
      if (first) throw kpError('KP_ERR_DUPLICATE_PLUGIN', manifest.id, first.module, rec.module);
      const isAdapter = manifest.kind === 'adapter';
      const spec = isAdapter ? (def as AdapterDefinition).config : manifest.params;
      const overrides = (isAdapter ? this.deps.config.adapterConfig : this.deps.config.params)[manifest.id];
      rec.params = Object.freeze(resolveParams(this.deps.ajv, manifest.id, spec, overrides));
      rec.paramsHash = paramsHash(rec.params);
      rec.manifest = manifest;
      rec.def = def as PluginDefinition;
    } catch (e) {
      this.fail(rec, asKaopingError(e, rec));
    }
  }

  private warnUnknownParams(): void {
    const known = new Set(this.records.filter((r) => r.def).map((r) => r.id));
    const { params, adapterConfig } = this.deps.config;
    for (const id of [...Object.keys(params), ...Object.keys(adapterConfig)]) {
      if (!known.has(id)) this.deps.logger.warn(`config has params for "${id}", which is not a loaded plugin; they are ignored`);
    }
  }

  private plan(): void {
    const candidates = this.records.filter((r) => r.def !== undefined && r.state === 'loaded');
    const unavailable = new Map<string, string>();
    for (const r of this.records) if (r.state === 'failed' && !candidates.some((c) => c.id === r.id)) unavailable.set(r.id, `failed (${r.code})`);
    const { order, refused } = planLoadOrder(candidates.map((r) => ({ id: r.id, dependsOn: r.manifest!.dependsOn, optionalDependsOn: r.manifest!.optionalDependsOn })), unavailable);
    const byId = new Map(candidates.map((r) => [r.id, r]));
    for (const { id, error } of refused) this.disable(byId.get(id)!, error);
    this.order = order.map((id) => byId.get(id)!);
  }

  private async runAll(phase: 'setup' | 'start'): Promise<void> {
    // Dependencies come first in `order`, so by now each is set up (or started), or broke.
    const healthy = (d: PluginRecord | undefined): boolean => d !== undefined && (phase === 'setup' ? d.setUp && d.state === 'loaded' : d.state === 'started');
    for (const rec of this.order) {
      if (rec.state !== 'loaded') continue;
      const deps = rec.manifest!.dependsOn ?? [];
      const brokenId = deps.find((d) => !healthy(this.record(d)));
      if (brokenId !== undefined) {
        const broken = this.record(brokenId);
        this.disable(rec, kpError('KP_ERR_DEPENDENCY_MISSING', rec.id, brokenId, broken ? `${broken.state} (${broken.code ?? 'not running'})` : 'not installed'));
        continue;
      }
      const fn = rec.def![phase];
      try {
        if (fn) await runPhase(rec.id, phase, () => fn.call(rec.def, this.contextFor(rec)), this.deps.config.pluginTimeoutMs);
        if (phase === 'setup') rec.setUp = true;
        else this.setState(rec, 'started');
      } catch (e) {
        this.fail(rec, e as KaopingError);
      }
    }
  }

  private contextFor(rec: PluginRecord): PluginContext<Record<string, unknown>> {
    return { params: rec.params!, logger: childLogger(this.deps.logger, rec.id), now: this.deps.clock };
  }

  private fail(rec: PluginRecord, error: KaopingError): void {
    this.setState(rec, 'failed', error);
  }

  private disable(rec: PluginRecord, error: KaopingError): void {
    this.setState(rec, 'disabled', error);
  }

  private setState(rec: PluginRecord, state: PluginState, error?: KaopingError): void {
    rec.state = state;
    if (error) {
      rec.code = error.code;
      rec.reason = error.message;
      const data = { plugin: rec.id, module: rec.module };
      if (state === 'failed') this.deps.logger.error(`${error.code}: ${error.message}`, data);
      else this.deps.logger.warn(`${error.code}: ${error.message}`, data);
    }
    const status = toStatus(rec);
    if (state === 'failed') this.deps.bus.emit('plugin.failed', status);
    else if (state === 'disabled') this.deps.bus.emit('plugin.disabled', status);
    else if (state === 'started') this.deps.bus.emit('plugin.started', status);
  }
}

export function toStatus(rec: PluginRecord): PluginStatus {
  return {
    id: rec.id,
    kind: rec.kind,
    ...(rec.version ? { version: rec.version } : {}),
    module: rec.module,
    state: rec.state,
    ...(rec.code ? { code: rec.code } : {}),
    ...(rec.reason ? { reason: rec.reason } : {}),
  };
}


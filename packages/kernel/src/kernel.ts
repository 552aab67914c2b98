import {
  activityEventSchema, createAjv, kpError, parsePeriod, type ActivityEvent, type PeriodId, type PluginStatus, type Store,
  type SubjectKind,
} from '@kaoping/contract';
import { createBus, type KernelBus } from './bus/create-bus.js';
import { loadConfig } from './config/load-config.js';
import type { KaopingConfig, ResolvedConfig } from './config/schema.js';
import { createKernelContainer, type DependencyContainer } from './di/container.js';
import { BUS, CLOCK, CONFIG, DIRECTORY, KERNEL, LOGGER, REGISTRY, STATES, STORE } from './di/tokens.js';
import { Directory } from './directory/directory.js';
import { accumulate, type AccumulateContext } from './engine/accumulate.js';
import { DispatchTable, type Consumer } from './engine/dispatch.js';
import { createHook, type HookResult, type HookWarning } from './engine/hook.js';
import { StateTable } from './engine/state-table.js';
import { HookJournal } from './engine/hook-journal.js';
import { valueOfEntry } from './engine/value.js';
import { createConsoleLogger, type Logger } from './logger.js';
import { attachLoop } from './loop/attach-loop.js';
import type { LoopConfigInput } from './loop/config.js';
import type { LoopService } from './loop/loop-service.js';
import { PluginRegistry, type LoadedPlugin } from './registry/registry.js';
import type { AdapterDefinition, GateDefinition, IndicatorDefinition, RuleDefinition } from '@kaoping/contract';

export interface KernelOptions {
  /** The config object, or the path of a kaoping.config.json; default: `kaoping.config.json` in `cwd`, else the first-party plugins. */
  config?: KaopingConfig | string;
  /** Default: `process.cwd()`. */
  cwd?: string;
  /** Where the directory is loaded from at start (optional). */
  store?: Store;
  /** Epoch ms; default `Date.now`. */
  clock?: () => number;
  logger?: Logger;
  /** More folders to resolve plugin module specifiers from, after the config's folder. */
  resolveFrom?: string[];
  /** The parts of the closed loop's config that are code, not JSON (which host reaches a person). */
  loop?: Pick<LoopConfigInput, 'adapterFor'>;
  /** How often the states the hook changed are written to the store, ms (also before an import batch and at stop). Default 1000. */
  flushIntervalMs?: number;
}

export type KernelState = 'created' | 'starting' | 'started' | 'stopping' | 'stopped';

/* eslint-disable @typescript-eslint/no-explicit-any */
export type LoadedIndicator = LoadedPlugin<IndicatorDefinition<any, any>>;
export type LoadedRule = LoadedPlugin<RuleDefinition<any, any>>;
export type LoadedGate = LoadedPlugin<GateDefinition<any>>;
export type LoadedAdapter = LoadedPlugin<AdapterDefinition<any>>;
/* eslint-enable @typescript-eslint/no-explicit-any */

/** How often states changed by the hook are written to the store (they are also written at stop). */
const FLUSH_INTERVAL_MS = 1000;

/** The embedded Kaoping kernel. */
export class Kernel {
  readonly config: ResolvedConfig;
  readonly container: DependencyContainer;
  readonly bus: KernelBus = createBus();
  readonly directory = new Directory();
  readonly clock: () => number;
  readonly logger: Logger;
  readonly store: Store | undefined;
  private readonly registry: PluginRegistry;
  private readonly ajv = createAjv();
  private dispatchTable: DispatchTable | undefined;
  private stateTable: StateTable | undefined;
  private hookFn: ((event: unknown) => HookResult) | undefined;
  private current: KernelState = 'created';
  private loopService: LoopService | undefined;
  private loopIdle: () => Promise<void> = async () => {};
  private flushTimer: ReturnType<typeof setInterval> | undefined;
  private journal: HookJournal | undefined;
  private readonly loopCode: Pick<LoopConfigInput, 'adapterFor'>;
  private readonly flushIntervalMs: number;

  constructor(options: KernelOptions = {}) {
    const cwd = options.cwd ?? process.cwd();
    this.config = loadConfig(options.config, cwd);
    this.clock = options.clock ?? Date.now;
    this.logger = options.logger ?? createConsoleLogger();
    this.store = options.store;
    this.loopCode = options.loop ?? {};
    this.flushIntervalMs = options.flushIntervalMs ?? FLUSH_INTERVAL_MS;
    const bases = [...new Set([this.config.baseDir, ...(options.resolveFrom ?? [])])];
    this.registry = new PluginRegistry({ config: this.config, bases, logger: this.logger, bus: this.bus, clock: this.clock, ajv: this.ajv });
    this.container = createKernelContainer();
    const c = this.container;
    c.register(CONFIG, { useValue: this.config });
    c.register(CLOCK, { useValue: this.clock });
    c.register(LOGGER, { useValue: this.logger });
    c.register(BUS, { useValue: this.bus });
    c.register(REGISTRY, { useValue: this.registry });
    c.register(DIRECTORY, { useValue: this.directory });
    c.register(STATES, { useFactory: () => this.states });
    c.register(KERNEL, { useValue: this });
    if (this.store) c.register(STORE, { useValue: this.store });
  }

  get state(): KernelState {
    return this.current;
  }

  /** Loads the directory from the store, then loads, checks and starts every plugin; never throws for a bad plugin. */
  async start(): Promise<void> {
    if (this.current === 'started') return;
    if (this.current !== 'created') throw kpError('KP_ERR_KERNEL_NOT_STARTED', this.current, 'start again (create a new kernel)');
    this.current = 'starting';
    try {
      if (this.store) {
        this.directory.setUnits(await this.store.listUnits());
        this.directory.setPeople(await this.store.listPeople());
      }
      await this.registry.start();
      const aggregates = [...this.registry.started('indicator'), ...this.registry.started('rule')];
      this.dispatchTable = new DispatchTable(aggregates.map((p) => ({ def: p.definition, params: p.params })), this.config.periods);
      this.stateTable = new StateTable((id) => {
        const def = this.dispatchTable?.consumer(id)?.def;
        return def ? (a, b) => def.merge(a, b) : undefined;
      });
      // Kept states make evaluation after an import (or a restart) need no re-read of events.
      if (this.store) {
        await keepStates(this.stateTable, this.store);
        this.countPastCheckpoint();
        const attached = attachLoop(this, this.store, this.loopCode);
        this.loopService = attached.loop;
        this.loopIdle = attached.idle;
        const store = this.store;
        if (store.hasEventSync) {
          this.journal = new HookJournal(store as Store & Required<Pick<Store, 'hasEventSync'>>, this.stateTable, (e) => {
            this.logger.error('writing hooked events failed; they are retried with the next write', { error: (e as Error)?.message });
          });
        }
        this.flushTimer = setInterval(() => {
          this.flush().catch((e) => this.logger.error('writing hook states failed', { error: (e as Error)?.message }));
        }, this.flushIntervalMs);
        this.flushTimer.unref();
      }
      this.hookFn = createHook({
        validate: this.ajv.compile(activityEventSchema),
        table: this.stateTable,
        engine: { dispatch: this.dispatchTable, directory: this.directory, now: this.clock },
        person: (id) => this.directory.person(id),
        bus: this.bus,
        persist: this.journal ? (event) => this.journal!.admit(event) : undefined,
        onPluginError: (consumer, phase, error) => this.isolate(consumer, phase, error),
      });
    } catch (e) {
      this.current = 'stopped';
      throw e;
    }
    this.current = 'started';
    this.bus.emit('kernel.started', { plugins: this.status() });
  }

  /** Stops plugins in reverse load order; errors in a plugin's stop are logged, not thrown. */
  async stop(): Promise<void> {
    if (this.current !== 'started') return;
    this.current = 'stopping';
    clearInterval(this.flushTimer);
    await this.loopIdle();
    await this.flush();
    await this.registry.stop();
    this.current = 'stopped';
    this.bus.emit('kernel.stopped', { at: this.clock() });
  }

  /** Every configured plugin and adapter with its state and, if refused, the code and reason. */
  status(): PluginStatus[] {
    return this.registry.status();
  }

  /**
   * The embedded scoring hook: validates the event, folds it into the states, and answers
   * synchronously with every value it changed. An invalid event changes nothing.
   */
  hook(event: ActivityEvent): HookResult {
    if (this.current !== 'started' || !this.hookFn) throw kpError('KP_ERR_KERNEL_NOT_STARTED', this.current, 'score an event');
    return this.hookFn(event);
  }

  /**
   * Resolves once the closed loop has reacted to every hook call made so far (it works after the
   * hook has answered, so the hook stays synchronous): what a host awaits before reading risks.
   */
  settled(): Promise<void> {
    return this.loopIdle();
  }

  /** The closed loop (risks, tasks, delivery, appeals, audit); present when the kernel has a store. */
  get loop(): LoopService {
    const loop = this.started('use the closed loop').loopService;
    if (!loop) throw kpError('KP_ERR_STORE', 'the closed loop needs a kernel created with a store');
    return loop;
  }

  indicators(): LoadedIndicator[] {
    return this.registry.started('indicator');
  }

  rules(): LoadedRule[] {
    return this.registry.started('rule');
  }

  gates(): LoadedGate[] {
    return this.registry.started('gate');
  }

  adapters(): LoadedAdapter[] {
    return this.registry.started('adapter');
  }

  /** The states of the incremental path. */
  get states(): StateTable {
    return this.started('read states').stateTable!;
  }

  /** Event type → consumers, for engines that accumulate outside the hook (import, batch). */
  get dispatch(): DispatchTable {
    return this.started('read the dispatch table').dispatchTable!;
  }

  /** What `accumulate` needs, for engines that run it outside the hook. */
  get accumulateContext(): AccumulateContext {
    const dispatch = this.dispatch;
    return { dispatch, directory: this.directory, now: this.clock };
  }

  /** A value from the kept states; null when there is no data (or the indicator does not apply). */
  valueOf(subjectKind: SubjectKind, subjectId: string, indicatorId: string, periodId: PeriodId): number | null {
    const consumer = this.dispatch.consumer(indicatorId);
    if (!consumer || consumer.kind !== 'indicator') throw kpError('KP_ERR_NOT_FOUND', 'Started indicator', indicatorId);
    const entry = this.states.get(indicatorId, subjectKind, subjectId, periodId);
    if (!entry) return null;
    return valueOfEntry(consumer, entry, consumer.context(parsePeriod(periodId), subjectKind), (id) => this.directory.person(id));
  }

  private started(action: string): this {
    if (!this.dispatchTable || (this.current !== 'started' && this.current !== 'stopping' && this.current !== 'stopped')) {
      throw kpError('KP_ERR_KERNEL_NOT_STARTED', this.current, action);
    }
    return this;
  }

  /**
   * Writes what the hook counted since the last write: with a store that can look events up
   * synchronously, the events and their states in one transaction (see HookJournal); otherwise
   * the changed states. Runs every second, before an import batch, and at stop; `'events'`, the
   * hook's open group alone (its states follow with the next full write where the store keeps a
   * checkpoint), at the end of each group-commit window (see GROUP_COMMIT_MS) and before the closed
   * loop reads.
   */
  async flush(what: 'all' | 'events' = 'all'): Promise<number> {
    if (this.journal) return this.journal.write(what);
    // Without a journal the hook stores no events, and its states wait for the full write.
    if (what === 'events') return 0;
    const { store, stateTable } = this;
    if (!store || !stateTable || stateTable.dirty().length === 0) return 0;
    // Inside the transaction: an import batch holding it has then committed its own states.
    return store.transaction(async () => {
      const rows = stateTable.toStoredStates({ dirtyOnly: true });
      if (rows.length) await store.putStates(rows);
      stateTable.clearDirty();
      return rows.length;
    });
  }

  /**
   * Reads the kept states again after a write that rolled back (an import batch): what the store
   * holds, what it holds past the checkpoint, and the hook's events still waiting for their group —
   * with the group the batch wrote first and took down with it.
   */
  async reloadStates(): Promise<void> {
    const table = this.states;
    table.clear();
    if (!table.lazy && this.store) table.load(await this.store.loadStates());
    this.countPastCheckpoint();
    this.journal?.takeBackUnstored();
    this.count(this.journal?.unwrittenEvents ?? []);
  }

  /**
   * Counts into the states the events stored after the kept states' checkpoint: the hook's last
   * groups before a crash or a rolled-back write (see HookJournal). The next full write stores them.
   */
  private countPastCheckpoint(): void {
    const events = this.store?.eventsAfterStatesSync?.() ?? [];
    if (events.length === 0) return;
    this.count(events);
    this.logger.info(`counted ${events.length} events stored after the last state checkpoint into the states`);
  }

  private count(events: readonly ActivityEvent[]): void {
    const ctx: AccumulateContext = {
      dispatch: this.dispatchTable!, directory: this.directory, now: this.clock,
      onError: (consumer, error) => { this.isolate(consumer, 'add', error); },
    };
    for (const e of events) accumulate(e, this.stateTable!, ctx);
  }

  /** A plugin threw while scoring: mark it failed, take it (and what requires it) off the dispatch table. */
  private isolate(consumer: Consumer, phase: 'add' | 'value', error: unknown): HookWarning {
    const err = kpError('KP_ERR_PLUGIN_SETUP_FAILED', consumer.id, phase, (error as Error)?.message ?? String(error));
    for (const id of this.registry.failAtRuntime(consumer.id, err)) this.dispatchTable?.remove(id);
    this.dispatchTable?.remove(consumer.id);
    return { code: err.code, plugin: consumer.id, message: err.message };
  }
}

/**
 * Connects the table to the store's kept states: period by period when first needed if the store
 * answers synchronously (start-up then reads none of them), else all of them now.
 */
async function keepStates(table: StateTable, store: Store): Promise<void> {
  const { loadStatesSync, statePeriodsSync } = store;
  if (loadStatesSync && statePeriodsSync) {
    table.loadFrom({ load: (period) => loadStatesSync.call(store, { period }), periods: () => statePeriodsSync.call(store) });
  } else {
    table.load(await store.loadStates());
  }
}

/** Creates a kernel; call `await kernel.start()` before scoring. Reads the config synchronously (and throws KP_ERR_CONFIG_INVALID). */
export function createKernel(options: KernelOptions = {}): Kernel {
  return new Kernel(options);
}

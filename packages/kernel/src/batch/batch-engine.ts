import { availableParallelism } from 'node:os';
import { kpError, parsePeriod, type PeriodId } from '@kaoping/contract';
import { Piscina } from 'piscina';
import type { Kernel } from '../kernel.js';
import { StateTable } from '../engine/state-table.js';
import { OrderedMerge } from './merge-partials.js';
import { planPartitions, type Partition } from './plan-partitions.js';
import type { BatchTask, PartialStates, WorkerInit, WorkerPlugin } from './protocol.js';
import { rowidSpan } from './rowid-span.js';
import { defaultCacheDir } from './segment-cache.js';
import { workerEntry } from './worker-entry.js';

/**
 * Rowids per partition: thousands of events per task, never one task per event. Every partition's
 * partial states are merged on the main thread, so fewer, larger partitions leave both cores to the
 * workers: on the province bureau (29 M events) 200 k gave 2 workers 1.99× one worker, 50 k 1.79×.
 */
export const DEFAULT_CHUNK_SIZE = 200_000;
/**
 * Young-generation size of each worker's heap. A fold makes short-lived garbage only (a row, its
 * parsed attrs, an id slice per event), which V8's default young generation (3 × 16 MB semi-spaces
 * on 64-bit) lets pile up per thread; a small one is scavenged more often at no measurable cost and
 * keeps each worker's resident memory lower (province, 2 workers: peak 562 MiB instead of 636 MiB,
 * no more CPU seconds). Only the young generation is capped: a partition that needs more old space gets it.
 */
export const WORKER_YOUNG_GENERATION_MB = 12;
/** Tries per partition before the evaluation fails (a worker that dies is replaced and the partition re-run). */
export const DEFAULT_MAX_ATTEMPTS = 3;

export interface BatchEngineOptions {
  /** Worker threads; default: the machine's available parallelism. */
  workers?: number;
  maxAttempts?: number;
}

export interface BatchRunOptions {
  /** The SQLite file of the store (opened read-only by each worker). */
  dbPath: string;
  period: PeriodId;
  /** Rowids per partition (default DEFAULT_CHUNK_SIZE). */
  chunkSize?: number;
  /**
   * The columnar copy of the events that partitions read instead of parsing each row's JSON:
   * true (default) keeps it in `<dbPath>.columnar/`, a string names another folder, false reads
   * the events table directly. Stale segments are rebuilt from the table, which stays the record of truth.
   */
  columnar?: boolean | string;
}

export interface BatchStats {
  period: PeriodId;
  /** Events read from the store and folded into states (those the period can use). */
  events: number;
  partitions: number;
  workers: number;
  /** Partition runs that failed and were run again. */
  retries: number;
  /** Partitions whose columnar segment was (re)built from the events table in this run. */
  segmentsBuilt: number;
  /** States in the merged table. */
  states: number;
  seconds: number;
}

export interface BatchOutcome {
  table: StateTable;
  stats: BatchStats;
}

/** The started indicators and rules still taking part, with the module URLs workers import. */
function workerPlugins(kernel: Kernel): WorkerPlugin[] {
  const loaded = new Map([...kernel.indicators(), ...kernel.rules()].map((p) => [p.definition.id, p]));
  return kernel.dispatch.consumers().map((c) => {
    const p = loaded.get(c.id);
    if (!p) throw kpError('KP_ERR_NOT_FOUND', 'Started plugin module for', c.id);
    return { id: c.id, url: p.url, params: { ...c.params } };
  });
}

function workerInit(kernel: Kernel, plugins: WorkerPlugin[]): WorkerInit {
  const people = kernel.directory.people();
  return { plugins, units: kernel.directory.units(), personIds: people.map((p) => p.id), personUnits: people.map((p) => p.unitId) };
}

/**
 * The batch path: re-reads a period's events from the store in rowid partitions, folds each in a
 * piscina worker running the same plugin modules as the kernel, and merges the partial states in
 * the main thread. One engine keeps its pool (and each worker its plugins and directory snapshot)
 * across evaluations; `close()` ends the threads.
 */
export class BatchEngine {
  readonly workers: number;
  private readonly pool: Piscina<BatchTask, PartialStates>;
  private readonly pluginIds: string[];
  private readonly maxAttempts: number;

  constructor(private readonly kernel: Kernel, options: BatchEngineOptions = {}) {
    this.workers = Math.max(1, Math.trunc(options.workers ?? availableParallelism()));
    this.maxAttempts = Math.max(1, Math.trunc(options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS));
    const plugins = workerPlugins(kernel);
    this.pluginIds = plugins.map((p) => p.id);
    const { filename, execArgv } = workerEntry();
    this.pool = new Piscina({
      filename,
      execArgv,
      workerData: workerInit(kernel, plugins),
      minThreads: this.workers,
      maxThreads: this.workers,
      idleTimeout: 60_000,
      resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB },
    });
  }

  async evaluate(options: BatchRunOptions): Promise<BatchOutcome> {
    const started = performance.now();
    const period = parsePeriod(options.period);
    const chunkSize = Math.max(1, Math.trunc(options.chunkSize ?? DEFAULT_CHUNK_SIZE));
    const span = rowidSpan(options.dbPath);
    const partitions = planPartitions(span.min, span.max, chunkSize);
    const table = new StateTable((id) => {
      const def = this.kernel.dispatch.consumer(id)?.def;
      return def ? (a, b) => def.merge(a, b) : undefined;
    });
    const merge = new OrderedMerge(table, this.pluginIds, period.id);
    const now = this.kernel.clock();
    const columnar = options.columnar ?? true;
    const cacheDir = columnar === false ? undefined : columnar === true ? defaultCacheDir(options.dbPath) : columnar;
    let events = 0;
    let retries = 0;
    let segmentsBuilt = 0;
    await Promise.all(partitions.map(async (part) => {
      const task: BatchTask = { dbPath: options.dbPath, period: period.id, fromRowid: part.fromRowid, toRowid: part.toRowid, now, cacheDir };
      const { partial, failures } = await this.runPartition(task, part);
      retries += failures;
      events += partial.events;
      if (partial.built) segmentsBuilt++;
      merge.add(part.index, partial);
    }));
    const stats: BatchStats = {
      period: period.id, events, partitions: partitions.length, workers: this.workers, retries, segmentsBuilt, states: table.size,
      seconds: (performance.now() - started) / 1000,
    };
    return { table, stats };
  }

  /** Runs one partition, again on failure (piscina has replaced a worker that died) up to maxAttempts. */
  private async runPartition(task: BatchTask, part: Partition): Promise<{ partial: PartialStates; failures: number }> {
    for (let attempt = 1; ; attempt++) {
      try {
        return { partial: await this.pool.run(task), failures: attempt - 1 };
      } catch (error) {
        if (attempt >= this.maxAttempts) {
          throw kpError('KP_ERR_BATCH_FAILED', task.period, part.fromRowid, part.toRowid, attempt, (error as Error)?.message ?? String(error));
        }
      }
    }
  }

  async close(): Promise<void> {
    await this.pool.destroy();
  }
}

export interface BatchEvaluateOptions extends BatchRunOptions, BatchEngineOptions {}

/**
 * Re-evaluates one period from the events in the store: the states the incremental path would
 * hold for that period, built in `workers` threads and merged. Feed the table to `scoreStates`.
 */
export async function batchEvaluate(kernel: Kernel, options: BatchEvaluateOptions): Promise<StateTable> {
  return (await batchEvaluateWithStats(kernel, options)).table;
}

/** `batchEvaluate`, also saying how much it read and how it was split. */
export async function batchEvaluateWithStats(kernel: Kernel, options: BatchEvaluateOptions): Promise<BatchOutcome> {
  const engine = new BatchEngine(kernel, options);
  try {
    return await engine.evaluate(options);
  } finally {
    await engine.close();
  }
}

import { existsSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ResultColumns } from '@kaoping/contract';
import type { HashAnswer, HashJob } from './audit-hash-worker.js';
import { portableColumns } from './portable-columns.js';

/**
 * A close's audit hashes computed on a worker thread while the main thread writes the results (a
 * province close: 31 k subjects, a third of a second of hashing). Whatever goes wrong on the thread
 * (it cannot start, dies, errs, or does not answer) only means the caller hashes in its own thread,
 * as before: the answer is then undefined, never an error, so a close is never lost to it.
 */

/** Below this many subjects a close hashes in its own thread: tens of milliseconds, about what handing them over costs. */
export const AUDIT_THREAD_MIN_SUBJECTS = 10_000;
/** A job the thread has not answered by then is given up (and the thread replaced): the caller hashes itself. */
const ANSWER_TIMEOUT_MS = 30_000;

const ahead = new WeakMap<ResultColumns, Promise<string[] | undefined>>();

/**
 * Starts hashing `columns` on the audit thread, each subject as `columnHashes` would; the audit takes
 * the answer with `hashedAhead` when it records them. The columns must not change in between.
 */
export function hashColumnsAhead(columns: ResultColumns, minSubjects = AUDIT_THREAD_MIN_SUBJECTS): Promise<string[] | undefined> {
  const known = ahead.get(columns);
  if (known) return known;
  const subjects = subjectCount(columns);
  const hashes = subjects < minSubjects ? Promise.resolve(undefined) : thread.hash(columns, subjects);
  ahead.set(columns, hashes);
  return hashes;
}

/**
 * The hashes started for `columns` by `hashColumnsAhead`, if any (once); undefined inside means: hash
 * them yourself. A thread still loading its modules is not waited for (the first close of a process
 * whose writes were quicker than the thread's start): the caller hashes, and the thread's answer is
 * dropped.
 */
export function hashedAhead(columns: ResultColumns): Promise<string[] | undefined> | undefined {
  const hashes = ahead.get(columns);
  ahead.delete(columns);
  return hashes !== undefined && thread.ready ? hashes : undefined;
}

/**
 * Whether a second thread would likely find an idle core: the last minute's load average (this
 * thread included) is under the number of cores. On a saturated machine the audit thread only takes
 * CPU from the writes it was to overlap (measured on 2 cores: a clear gain at load 1.5–2.2, a small
 * one at 2.9, none at 3.2–4). Where there is no load average (Windows) it reads 0.
 */
export function spareCore(): boolean {
  return loadavg()[0] < availableParallelism();
}

/** Ends the audit thread (its jobs fall back to the caller); the next job starts a new one. */
export function stopAuditHashThread(): Promise<void> {
  return thread.stop();
}

/** Subjects that `columnHashes` hashes: those of kinds with at least one indicator. */
function subjectCount(columns: ResultColumns): number {
  let n = 0;
  for (const k of columns.kinds) if (k.indicators.length > 0) n += k.subjectIds.length;
  return n;
}

interface Job { subjects: number; timer: NodeJS.Timeout; resolve(hashes: string[] | undefined): void }

/** One worker, started on first use and kept (unreferenced while idle, so it never holds a process open). */
class HashThread {
  #worker: Worker | undefined;
  #ready = false;
  readonly #jobs = new Map<number, Job>();
  #lastId = 0;

  hash(columns: ResultColumns, subjects: number): Promise<string[] | undefined> {
    const portable = portableColumns(columns);
    if (portable === undefined) return Promise.resolve(undefined);
    return new Promise((resolve) => {
      const id = ++this.#lastId;
      const timer = setTimeout(() => { this.#settle(id, undefined); void this.stop(); }, ANSWER_TIMEOUT_MS);
      this.#jobs.set(id, { subjects, timer, resolve });
      try {
        const worker = this.#started();
        worker.ref();
        worker.postMessage({ id, columns: portable } satisfies HashJob);
      } catch {
        this.#settle(id, undefined);
      }
    });
  }

  /** Whether the thread has loaded and answers jobs (false before the first start and after a stop or a loss). */
  get ready(): boolean {
    return this.#worker !== undefined && this.#ready;
  }

  async stop(): Promise<void> {
    const worker = this.#worker;
    this.#worker = undefined;
    this.#settleAll();
    if (worker) await worker.terminate();
  }

  #started(): Worker {
    if (this.#worker) return this.#worker;
    const worker = startWorker();
    this.#ready = false;
    worker.on('message', (answer: HashAnswer) => {
      if ('ready' in answer) this.#ready = this.#worker === worker;
      else this.#settle(answer.id, 'hashes' in answer ? answer.hashes : undefined);
    });
    const lost = (): void => {
      if (this.#worker !== worker) return;
      this.#worker = undefined;
      this.#settleAll();
    };
    worker.on('error', lost);
    worker.on('messageerror', lost);
    worker.on('exit', lost);
    worker.unref();
    return (this.#worker = worker);
  }

  #settle(id: number, hashes: string[] | undefined): void {
    const job = this.#jobs.get(id);
    if (job === undefined) return;
    this.#jobs.delete(id);
    clearTimeout(job.timer);
    if (this.#jobs.size === 0) this.#worker?.unref();
    job.resolve(hashes?.length === job.subjects ? hashes : undefined);
  }

  #settleAll(): void {
    for (const id of [...this.#jobs.keys()]) this.#settle(id, undefined);
  }
}

const thread = new HashThread();

/**
 * From a build, the worker is the package's separate `loop/audit-hash-worker.js` entry. From
 * TypeScript sources (vitest, tsx) it is the `.ts` beside this file, and the thread must register
 * tsx itself first: on Node 20 `--import tsx` does not load a worker's `.ts` entry. The specifier is
 * computed so a bundler never inlines tsx.
 */
function startWorker(): Worker {
  const here = import.meta.url;
  if (here.endsWith('.ts')) {
    const api = 'tsx/esm/api';
    const tsx = import.meta.resolve(api);
    const entry = new URL('./audit-hash-worker.ts', here).href;
    return new Worker(`import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(entry)}); })`, {
      eval: true, execArgv: ['--conditions=source'],
    });
  }
  const candidates = [new URL('./audit-hash-worker.js', here), new URL('./loop/audit-hash-worker.js', here)];
  const found = candidates.find((u) => existsSync(fileURLToPath(u)));
  if (found === undefined) throw new Error(`the audit hash worker entry is missing: looked for ${candidates.map((u) => fileURLToPath(u)).join(' and ')}`);
  return new Worker(found);
}

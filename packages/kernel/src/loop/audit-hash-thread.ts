import { existsSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ResultColumns } from '@kaoping/contract';
import { columnHashes, SubjectHasher } from './audit.js';
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

/** Subjects per part of a close that the thread and the caller take turns at: about ten milliseconds of hashing. */
export const AUDIT_SUBJECTS_PER_PART = 1024;

/** A close being hashed on the thread: its parts, the next one to take (shared with the thread), and the parts the thread answered. */
interface Ahead {
  subjects: number;
  parts: number;
  next: Int32Array;
  answer: Promise<Map<number, string[]> | undefined>;
}

const ahead = new WeakMap<ResultColumns, Ahead | undefined>();

/**
 * Starts hashing `columns` on the audit thread, each subject as `columnHashes` would, part by part;
 * the audit takes the hashes with `hashedAhead` when it records them, and hashes the parts the thread
 * has not taken by then itself. The columns must not change in between. Resolves to every hash when
 * the thread hashed them all, else undefined.
 */
export function hashColumnsAhead(columns: ResultColumns, minSubjects = AUDIT_THREAD_MIN_SUBJECTS): Promise<string[] | undefined> {
  if (!ahead.has(columns)) {
    const subjects = subjectCount(columns);
    const parts = Math.ceil(subjects / AUDIT_SUBJECTS_PER_PART);
    const next = new Int32Array(new SharedArrayBuffer(4));
    ahead.set(columns, subjects < minSubjects ? undefined : { subjects, parts, next, answer: thread.hash(columns, next, parts) });
  }
  const job = ahead.get(columns);
  return job === undefined ? Promise.resolve(undefined) : job.answer.then((theirs) => (theirs?.size === job.parts ? merged(columns, job, theirs) : undefined));
}

/**
 * The hashes started for `columns` by `hashColumnsAhead`, if any (once): the caller takes the parts
 * the thread has not taken yet, hashes them, then waits for the thread's (it is past its last part
 * by then) and hashes any part the thread took and did not answer (it died). Undefined means: hash
 * them yourself; so when the thread still loads its modules (the first close of a process whose
 * writes were quicker than the thread's start), and the thread then finds no part left to take.
 */
export function hashedAhead(columns: ResultColumns): Promise<string[] | undefined> | undefined {
  const job = ahead.get(columns);
  ahead.delete(columns);
  if (job === undefined) return undefined;
  if (!thread.ready) {
    Atomics.store(job.next, 0, job.parts);
    return undefined;
  }
  const mine = new Map<number, string[]>();
  const hasher = new SubjectHasher();
  for (let part = Atomics.add(job.next, 0, 1); part < job.parts; part = Atomics.add(job.next, 0, 1)) mine.set(part, partHashes(columns, job, part, hasher));
  return job.answer.then((theirs) => merged(columns, job, mine, theirs));
}

/** The hashes of one part of a close. */
function partHashes(columns: ResultColumns, job: Ahead, part: number, hasher = new SubjectHasher()): string[] {
  return columnHashes(columns, part * AUDIT_SUBJECTS_PER_PART, Math.min(job.subjects, (part + 1) * AUDIT_SUBJECTS_PER_PART), hasher);
}

/** Every hash of a close in order, from parts hashed here or there; a part missing from both (or short) is hashed here. */
function merged(columns: ResultColumns, job: Ahead, ...done: (Map<number, string[]> | undefined)[]): string[] {
  const out: string[] = [];
  const hasher = new SubjectHasher();
  for (let part = 0; part < job.parts; part++) {
    const size = Math.min(job.subjects, (part + 1) * AUDIT_SUBJECTS_PER_PART) - part * AUDIT_SUBJECTS_PER_PART;
    const hashes = done.map((d) => d?.get(part)).find((h) => h?.length === size) ?? partHashes(columns, job, part, hasher);
    for (const h of hashes) out.push(h);
  }
  return out;
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

interface Job { timer: NodeJS.Timeout; resolve(parts: Map<number, string[]> | undefined): void }

/** One worker, started on first use and kept (unreferenced while idle, so it never holds a process open). */
class HashThread {
  #worker: Worker | undefined;
  #ready = false;
  readonly #jobs = new Map<number, Job>();
  #lastId = 0;

  /** The parts of `columns` the thread took (`next`, shared with the caller) and hashed, by part; undefined if it could not. */
  hash(columns: ResultColumns, next: Int32Array, parts: number): Promise<Map<number, string[]> | undefined> {
    const portable = portableColumns(columns);
    if (portable === undefined) return Promise.resolve(undefined);
    return new Promise((resolve) => {
      const id = ++this.#lastId;
      const timer = setTimeout(() => { this.#settle(id, undefined); void this.stop(); }, ANSWER_TIMEOUT_MS);
      this.#jobs.set(id, { timer, resolve });
      try {
        const worker = this.#started();
        worker.ref();
        worker.postMessage({ id, columns: portable, next, parts, subjectsPerPart: AUDIT_SUBJECTS_PER_PART } satisfies HashJob);
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
      else this.#settle(answer.id, 'parts' in answer ? new Map(answer.parts) : undefined);
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

  #settle(id: number, parts: Map<number, string[]> | undefined): void {
    const job = this.#jobs.get(id);
    if (job === undefined) return;
    this.#jobs.delete(id);
    clearTimeout(job.timer);
    if (this.#jobs.size === 0) this.#worker?.unref();
    job.resolve(parts);
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

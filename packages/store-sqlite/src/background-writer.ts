import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { kpError } from '@kaoping/contract';
import type { Database } from 'better-sqlite3';
import { insertEventsSql } from './events.js';
import { MOVE_CHECKPOINT_SQL, UPSERT_STATE_SQL } from './states.js';

/** How often the worker copies the WAL back by default. */
export const DEFAULT_CHECKPOINT_INTERVAL_MS = 1000;
/** SQLite's own default: checkpoint inside the commit that takes the WAL past this many pages. */
const AUTOCHECKPOINT_PAGES = 1000;

/**
 * The worker's whole program, as plain CommonJS run with `eval`: it then loads the same way from
 * the TypeScript sources and from a build, with no entry file to bundle and no TypeScript loader in
 * the thread. Its own connection copies the WAL back every `intervalMs`; PASSIVE never waits for
 * readers or writers, and what it cannot copy yet it copies on a later round. It also appends the
 * event groups it is sent, each in a transaction of its own with the states that came with it (and
 * then the states' checkpoint moved), and answers each with its number (and the error, if it failed). A busy checkpoint is retried; any other failure ends the worker, and its
 * owner falls back to checkpointing and appending itself.
 */
const WORKER_PROGRAM = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.path);
db.pragma('busy_timeout = ' + workerData.busyTimeoutMs);
db.pragma('synchronous = NORMAL');
const insert = db.prepare(workerData.insert);
const upsertState = db.prepare(workerData.upsertState);
const moveCheckpoint = db.prepare(workerData.moveCheckpoint);
const append = db.transaction((rows, states) => {
  for (const row of rows) insert.run(row);
  if (states === undefined) return;
  for (const state of states) upsertState.run(state);
  moveCheckpoint.run();
});
function checkpoint() {
  try { db.pragma('wal_checkpoint(PASSIVE)'); } catch (e) { if (e.code !== 'SQLITE_BUSY') throw e; }
}
const timer = setInterval(checkpoint, workerData.intervalMs);
parentPort.on('message', (message) => {
  if (message === 'stop') {
    clearInterval(timer);
    checkpoint();
    db.close();
    parentPort.close();
    return;
  }
  try {
    append(message.rows, message.states);
    parentPort.postMessage({ n: message.n });
  } catch (e) {
    parentPort.postMessage({ n: message.n, error: String(e && e.message || e) });
  }
});
`;

/**
 * A second connection on a worker thread that does a server's background writing.
 * - WAL checkpoints: with SQLite's default, the commit that takes the WAL past 1,000 pages also
 *   copies it into the database — tens of milliseconds on that one request, the tail a server's p99
 *   is made of. Here the serving connection stops auto-checkpointing and the worker copies.
 * - The hook's event groups (`append`): inserting a group and committing it cost a hook call a
 *   tenth of its time on the serving thread (index updates, the WAL's page writes); the worker does
 *   both while that thread answers the next calls.
 * - The hook's states, once a second with a group: upserting them held the serving thread for
 *   several milliseconds, every request arriving meanwhile waited, and those waits were the p99.
 * If the worker fails, the connection goes back to checkpointing itself, groups still on their way
 * are refused (their callers keep them and write them themselves) and `writing` turns false.
 */
export class BackgroundWriter {
  readonly #db: Database;
  readonly #worker: Worker;
  /** Settles when the worker thread has ended, whether stopped or failed. */
  readonly #exited: Promise<void>;
  readonly #waiting = new Map<number, { done: () => void; fail: (e: Error) => void }>();
  #sent = 0;
  #stopRequested = false;
  #failed = false;

  constructor(db: Database, path: string, intervalMs = DEFAULT_CHECKPOINT_INTERVAL_MS) {
    this.#db = db;
    db.pragma('wal_autocheckpoint = 0');
    const driver = createRequire(import.meta.url).resolve('better-sqlite3');
    const busyTimeoutMs = db.pragma('busy_timeout', { simple: true }) as number;
    const workerData = { driver, path, intervalMs, busyTimeoutMs, insert: insertEventsSql(1), upsertState: UPSERT_STATE_SQL, moveCheckpoint: MOVE_CHECKPOINT_SQL };
    this.#worker = new Worker(WORKER_PROGRAM, { eval: true, workerData });
    this.#worker.unref();
    this.#worker.on('message', (m: { n: number; error?: string }) => this.#answered(m));
    this.#worker.on('error', (e) => this.#fail(e.message));
    this.#exited = new Promise((resolve) => this.#worker.once('exit', () => { this.#fail('the background writer stopped'); resolve(); }));
  }

  /** Whether groups may be sent: the worker runs and was not asked to stop. */
  get writing(): boolean {
    return !this.#failed && !this.#stopRequested;
  }

  /**
   * Inserts the rows (`eventParams` of each event) in one transaction on the worker's connection;
   * with `states` (`stateParams` of each), writes them too and moves the states' checkpoint past
   * every stored event. Resolves once committed.
   */
  append(rows: readonly unknown[][], states?: readonly unknown[][]): Promise<void> {
    if (!this.writing) return Promise.reject(kpError('KP_ERR_STORE', 'the background writer is not running; write the events on the connection itself'));
    const n = ++this.#sent;
    return new Promise((done, fail) => {
      this.#waiting.set(n, { done, fail });
      // Waiting for an answer keeps the process alive; an idle writer does not.
      if (this.#waiting.size === 1) this.#worker.ref();
      this.#worker.postMessage({ n, rows, states });
    });
  }

  #answered({ n, error }: { n: number; error?: string }): void {
    const waiting = this.#waiting.get(n);
    if (waiting === undefined) return;
    this.#waiting.delete(n);
    if (this.#waiting.size === 0) this.#worker.unref();
    if (error === undefined) waiting.done();
    else waiting.fail(kpError('KP_ERR_STORE', `cannot append a group of events in the background: ${error}`));
  }

  #fail(why: string): void {
    this.#failed = true;
    if (this.#db.open) this.#db.pragma(`wal_autocheckpoint = ${AUTOCHECKPOINT_PAGES}`);
    for (const { fail } of this.#waiting.values()) fail(kpError('KP_ERR_STORE', `cannot append a group of events in the background: ${why}`));
    this.#waiting.clear();
  }

  /** Copies what is left, closes the worker's connection and gives checkpoints back to `db`. */
  stop(): Promise<void> {
    // A worker that already failed has exited: there is nothing to ask, only its end to return.
    if (!this.#stopRequested) {
      this.#stopRequested = true;
      this.#worker.postMessage('stop');
    }
    return this.#exited;
  }

  /** Ends the worker at once, as a crash would (tests). */
  terminate(): Promise<number> {
    return this.#worker.terminate();
  }
}

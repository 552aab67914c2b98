import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { Database } from 'better-sqlite3';

/** How often the worker copies the WAL back by default. */
export const DEFAULT_CHECKPOINT_INTERVAL_MS = 1000;
/** SQLite's own default: checkpoint inside the commit that takes the WAL past this many pages. */
const AUTOCHECKPOINT_PAGES = 1000;

/**
 * The worker's whole program, as plain CommonJS run with `eval`: it then loads the same way from
 * the TypeScript sources and from a build, with no entry file to bundle and no TypeScript loader in
 * the thread. Its own connection copies the WAL back every `intervalMs`; PASSIVE never waits for
 * readers or writers, and what it cannot copy yet it copies on a later round. A busy database is
 * retried; any other failure ends the worker, and its owner falls back to checkpointing itself.
 */
const WORKER_PROGRAM = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.path);
db.pragma('busy_timeout = 1000');
function checkpoint() {
  try { db.pragma('wal_checkpoint(PASSIVE)'); } catch (e) { if (e.code !== 'SQLITE_BUSY') throw e; }
}
const timer = setInterval(checkpoint, workerData.intervalMs);
parentPort.on('message', () => {
  clearInterval(timer);
  checkpoint();
  db.close();
  parentPort.close();
});
`;

/**
 * Checkpoints a WAL database from a worker thread instead of inside commits. With SQLite's default,
 * the commit that takes the WAL past 1,000 pages also copies it into the database — tens of
 * milliseconds on that one request, the tail a server's p99 is made of. Here the serving
 * connection stops auto-checkpointing and a second connection on its own thread does the copying.
 * If the worker fails, the connection goes back to checkpointing itself.
 */
export class BackgroundCheckpoint {
  readonly #db: Database;
  readonly #worker: Worker;
  /** Settles when the worker thread has ended, whether stopped or failed. */
  readonly #exited: Promise<void>;
  #stopRequested = false;

  constructor(db: Database, path: string, intervalMs = DEFAULT_CHECKPOINT_INTERVAL_MS) {
    this.#db = db;
    db.pragma('wal_autocheckpoint = 0');
    const driver = createRequire(import.meta.url).resolve('better-sqlite3');
    this.#worker = new Worker(WORKER_PROGRAM, { eval: true, workerData: { driver, path, intervalMs } });
    this.#worker.unref();
    this.#worker.on('error', () => this.#fallBack());
    this.#exited = new Promise((resolve) => this.#worker.once('exit', () => { this.#fallBack(); resolve(); }));
  }

  #fallBack(): void {
    if (this.#db.open) this.#db.pragma(`wal_autocheckpoint = ${AUTOCHECKPOINT_PAGES}`);
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
}

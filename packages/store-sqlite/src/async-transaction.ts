import { AsyncLocalStorage } from 'node:async_hooks';
import type { Sql } from './sql.js';

/**
 * Async transactions over one synchronous connection.
 * - A call made from inside a running transaction's async context is nested: it just runs there.
 * - A call from elsewhere while one is open waits its turn; otherwise the second caller's
 *   BEGIN would fail, or worse, its writes would commit or roll back with the first one's.
 * Writes made outside `transaction()` while one is open still land in it: one connection, one
 * transaction. Keep async transactions short.
 */
export class AsyncTransactions {
  readonly #sql: Sql;
  readonly #context = new AsyncLocalStorage<true>();
  #queue: Promise<unknown> = Promise.resolve();

  constructor(sql: Sql) {
    this.#sql = sql;
  }

  /** Whether the caller runs inside a transaction begun by `run`. */
  inside(): boolean {
    return this.#context.getStore() === true;
  }

  /**
   * Runs `fn` in its turn among the transactions without beginning one on this connection: work
   * that commits on another connection (the background writer) and that a transaction begun after
   * it must see committed.
   */
  turn<T>(fn: () => Promise<T>): Promise<T> {
    const turn = this.#queue.then(fn);
    this.#queue = turn.catch(() => undefined);
    return turn;
  }

  run<T>(fn: () => Promise<T> | T): Promise<T> {
    if (this.#context.getStore() === true) return Promise.resolve().then(fn);
    const turn = this.#queue.then(() => this.#runTopLevel(fn));
    this.#queue = turn.catch(() => undefined);
    return turn;
  }

  async #runTopLevel<T>(fn: () => Promise<T> | T): Promise<T> {
    try {
      // Someone began a transaction by hand on the raw connection: join it rather than fail on BEGIN.
      if (this.#sql.db.inTransaction) return await this.#context.run(true, fn);
      this.#sql.begin();
      try {
        const result = await this.#context.run(true, fn);
        this.#sql.commit();
        return result;
      } catch (e) {
        this.#sql.rollback();
        throw e;
      }
    } finally {
      // An enabled AsyncLocalStorage makes Node run promise hooks on every promise in the process
      // (an import creates millions while it reads files between transactions): switch it off
      // whenever no transaction is open; the next `run` switches it on again.
      this.#context.disable();
    }
  }
}

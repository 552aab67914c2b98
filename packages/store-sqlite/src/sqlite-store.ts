import type {
  ActivityEvent, ApiToken, Appeal, AppealQuery, AuditChainReport, AuditEntry, Composite, DeadLetter, DeadLetterQuery, EventQuery,
  OpenRiskKey, OpenRiskMatch, OrgUnit, OutboxOutcome, PeriodId, Person, Result, ResultColumns, ResultQuery, Risk, RiskQuery, Store, StoredState, Task, TaskQuery, Tier,
} from '@kaoping/contract';
import type { Database } from 'better-sqlite3';
import { AsyncTransactions } from './async-transaction.js';
import { AuditLog, verifyAuditChain } from './audit.js';
import type { BackgroundWriter } from './background-writer.js';
import { DeadLetters } from './dead-letters.js';
import { DeferredIndexes } from './deferred-indexes.js';
import { Directory } from './directory.js';
import { Evaluations } from './evaluations.js';
import type { EventKeySnapshot } from './event-key-snapshot.js';
import { EventLog, eventParams } from './events.js';
import { LoopOutbox } from './loop-store.js';
import { Outbox, type OutboxMessage, type OutboxState } from './outbox.js';
import { Sql } from './sql.js';
import { States, stateParams } from './states.js';
import { Tokens } from './tokens.js';
import { Workflow, type Comment, type TaskTransition } from './workflow.js';

export const DEFAULT_SCAN_BATCH = 5000;
/** WAL pages (of 4 KiB by default) between checkpoints during a bulk load. */
const BULK_WAL_PAGES = 32_768;

/**
 * The embedded Kaoping store. Every method answers synchronously (plain values, which satisfy the
 * contract's `Awaitable`); only `transaction` and `scanEvents` are async by nature.
 * Create it with `openSqliteStore`, which configures the connection and migrates the schema.
 */
export class SqliteStore implements Store {
  readonly kind = 'sqlite';
  /** The raw better-sqlite3 connection, for benchmarks and hand-written SQL baselines. */
  readonly db: Database;
  /** Reusable prepared statements and atomic sections on `db`. */
  readonly sql: Sql;
  readonly #tx: AsyncTransactions;
  readonly #events: EventLog;
  readonly #indexes: DeferredIndexes;
  readonly #directory: Directory;
  readonly #deadLetters: DeadLetters;
  readonly #states: States;
  readonly #evaluations: Evaluations;
  readonly #workflow: Workflow;
  readonly #audit: AuditLog;
  readonly #outbox: Outbox;
  readonly #loopOutbox: LoopOutbox;
  readonly #tokens: Tokens;
  #walPagesBeforeBulk = 1000;
  #writer: BackgroundWriter | undefined;
  #snapshot: EventKeySnapshot | undefined;

  constructor(db: Database) {
    this.db = db;
    this.sql = new Sql(db);
    this.#tx = new AsyncTransactions(this.sql);
    this.#events = new EventLog(this.sql);
    this.#indexes = new DeferredIndexes(this.sql);
    this.#directory = new Directory(this.sql);
    this.#deadLetters = new DeadLetters(this.sql);
    this.#states = new States(this.sql);
    this.#evaluations = new Evaluations(this.sql);
    this.#workflow = new Workflow(this.sql);
    this.#audit = new AuditLog(this.sql);
    this.#outbox = new Outbox(this.sql);
    this.#loopOutbox = new LoopOutbox(this.sql);
    this.#tokens = new Tokens(this.sql);
  }

  close(): void {
    void this.#writer?.stop();
    this.#snapshot?.close();
    if (this.db.open) this.db.close();
  }

  /** Hands WAL checkpoints and hook groups to a worker thread (see BackgroundWriter); `close` stops it. */
  writeInBackground(writer: BackgroundWriter): void {
    this.#writer = writer;
  }

  /** Checks for duplicate events on a connection of their own (see EventKeySnapshot); `close` closes it. */
  checkDuplicatesOn(snapshot: EventKeySnapshot): void {
    this.#snapshot?.close();
    this.#snapshot = snapshot;
    this.#events.checkDuplicatesOn(snapshot);
  }

  /** BEGIN IMMEDIATE … COMMIT around `fn` (which may be async); ROLLBACK if it throws. Nested calls join the outer one. */
  transaction<T>(fn: () => Promise<T> | T): Promise<T> {
    return this.#tx.run(fn);
  }

  /** Synchronous atomic section; inside a running transaction it joins that one. */
  transactionSync<T>(fn: () => T): T {
    return this.sql.atomic(fn);
  }

  /**
   * Runs a large import with the event log's secondary indexes (time, type, actor) dropped, and
   * rebuilds them once at the end — also when `fn` throws. Worth it when the import is large next to
   * what is stored (a first import, a year of exports); scans still work meanwhile, only slower.
   * Nested calls just run `fn`.
   */
  async bulkLoad<T>(fn: () => Promise<T> | T): Promise<T> {
    if (!this.#beginBulkLoad()) return fn();
    try {
      return await fn();
    } finally {
      this.#endBulkLoad();
    }
  }

  /** `bulkLoad` for a synchronous loader. */
  bulkLoadSync<T>(fn: () => T): T {
    if (!this.#beginBulkLoad()) return fn();
    try {
      return fn();
    } finally {
      this.#endBulkLoad();
    }
  }

  /** Rebuilds indexes a crashed bulk load left dropped; `openSqliteStore` calls it. Returns how many. */
  restoreDeferredIndexes(): number {
    const n = this.#indexes.restore();
    this.#events.indexHints = true;
    return n;
  }

  #beginBulkLoad(): boolean {
    if (this.#indexes.deferred) return false;
    this.#indexes.drop();
    this.#events.indexHints = false;
    this.#walPagesBeforeBulk = this.db.pragma('wal_autocheckpoint', { simple: true }) as number;
    // Checkpoint less often while loading: each import batch's commit would otherwise copy the WAL
    // into the database (and sync it), rewriting the same index and tail pages batch after batch.
    // The WAL stays crash-safe at any size; it is copied back once the load ends.
    this.db.pragma(`wal_autocheckpoint = ${BULK_WAL_PAGES}`);
    return true;
  }

  #endBulkLoad(): void {
    this.db.pragma(`wal_autocheckpoint = ${this.#walPagesBeforeBulk}`);
    this.restoreDeferredIndexes();
  }

  upsertUnits(units: readonly OrgUnit[]): void { this.#directory.upsertUnits(units); }
  upsertPeople(people: readonly Person[]): void { this.#directory.upsertPeople(people); }
  listUnits(): OrgUnit[] { return this.#directory.listUnits(); }
  listPeople(): Person[] { return this.#directory.listPeople(); }
  listPosts(): { id: string; name: string }[] { return this.#directory.listPosts(); }

  appendEvents(events: readonly ActivityEvent[]): boolean[] { return this.#events.append(events); }
  /** The importer's hot path: same as appendEvents, named for callers that rely on it being synchronous. */
  appendEventsSync(events: readonly ActivityEvent[]): boolean[] { return this.#events.append(events); }
  /**
   * A hook group, written by the background writer in a transaction of its own (see
   * BackgroundWriter), in its turn among this store's transactions: `take` runs when no transaction
   * is open, so a transaction queued before the call (an import batch) still finds the events
   * pending and writes them itself. Inside a transaction, or with no writer running, the events are
   * appended here, joining the caller's transaction if there is one.
   */
  appendEventsDetached(take: () => readonly ActivityEvent[]): Promise<{ events: readonly ActivityEvent[]; own: boolean }> {
    return this.#detached(() => ({ events: take() }));
  }
  /**
   * The hook's checkpoint: a group with the states it changed, in one transaction that also moves
   * the states' checkpoint, written by the background writer in its turn as `appendEventsDetached`
   * writes a group. The states become JSON on this thread, in `take`'s turn, so no later call's
   * change slips into a checkpoint that does not cover its event.
   */
  checkpointDetached(take: () => { events: readonly ActivityEvent[]; states: readonly StoredState[] }): Promise<{ events: readonly ActivityEvent[]; own: boolean }> {
    return this.#detached(take);
  }
  #detached(take: () => { events: readonly ActivityEvent[]; states?: readonly StoredState[] }): Promise<{ events: readonly ActivityEvent[]; own: boolean }> {
    const writer = this.#writer;
    const here = (group: { events: readonly ActivityEvent[]; states?: readonly StoredState[] }): void => {
      if (group.events.length) this.#events.append(group.events);
      if (group.states) this.#states.put(group.states);
    };
    if (this.#tx.inside() || writer === undefined || !writer.writing) {
      const own = !this.#tx.inside();
      return this.transaction(() => {
        const group = take();
        here(group);
        return { events: group.events, own };
      });
    }
    return this.#tx.turn(async () => {
      const group = take();
      const { events, states } = group;
      // A transaction begun by hand on the raw connection, or a writer that stopped since: here.
      const own = !this.db.inTransaction;
      if (events.length === 0 && states === undefined) return { events, own };
      if (own && writer.writing) {
        await writer.append(events.map(eventParams), states?.map(stateParams));
        this.#events.committedElsewhere();
      } else this.transactionSync(() => here(group));
      return { events, own };
    });
  }
  hasEventSync(source: string, id: string): boolean { return this.#events.has(source, id); }
  scanEvents(query: EventQuery, batchSize = DEFAULT_SCAN_BATCH): AsyncIterable<ActivityEvent[]> {
    return this.#events.scan(query, batchSize);
  }
  /** Which index `scanEvents(query, batchSize)` would walk (undefined during a bulk load); for tests and tuning. */
  planEventScan(query: EventQuery, batchSize = DEFAULT_SCAN_BATCH): string | undefined { return this.#events.planScan(query, batchSize); }
  getEvents(keys: readonly { source: string; id: string }[]): ActivityEvent[] { return this.#events.get(keys); }
  countEvents(query?: EventQuery): number { return this.#events.count(query); }

  addDeadLetters(rows: readonly DeadLetter[]): void { this.#deadLetters.add(rows); }
  listDeadLetters(query?: DeadLetterQuery): DeadLetter[] { return this.#deadLetters.list(query); }
  countDeadLetters(query?: DeadLetterQuery): number { return this.#deadLetters.count(query); }

  putStates(rows: readonly StoredState[]): void { this.#states.put(rows); }
  putStatesSync(rows: readonly StoredState[]): void { this.putStates(rows); }
  eventsAfterStatesSync(): ActivityEvent[] { return this.#events.after(this.#states.eventsThrough()); }
  loadStates(query?: { period?: PeriodId; indicator?: string }): StoredState[] { return this.#states.load(query); }
  loadStatesSync(query?: { period?: PeriodId; indicator?: string }): StoredState[] { return this.#states.load(query); }
  statePeriodsSync(): PeriodId[] { return this.#states.periods(); }

  putResults(period: PeriodId, rows: readonly Result[]): void { this.#evaluations.putResults(period, rows); }
  putResultColumns(columns: ResultColumns): void { this.#evaluations.putResultColumns(columns); }
  listResults(query: ResultQuery): Result[] { return this.#evaluations.listResults(query); }
  putComposites(period: PeriodId, rows: readonly Composite[]): void { this.#evaluations.putComposites(period, rows); }
  listComposites(query: ResultQuery): Composite[] { return this.#evaluations.listComposites(query); }
  putTiers(period: PeriodId, rows: readonly Tier[]): void { this.#evaluations.putTiers(period, rows); }
  listTiers(query: { period?: PeriodId; personId?: string }): Tier[] { return this.#evaluations.listTiers(query); }

  putRisks(rows: readonly Risk[]): void { this.#workflow.putRisks(rows); }
  listRisks(query?: RiskQuery): Risk[] { return this.#workflow.listRisks(query); }
  listOpenRisks(match: OpenRiskMatch): Risk[] { return this.#workflow.listOpenRisks(match); }
  listOpenRiskKeys(query?: { period?: PeriodId }): OpenRiskKey[] { return this.#workflow.listOpenRiskKeys(query); }
  putTasks(rows: readonly Task[]): void { this.#workflow.putTasks(rows); }
  listTasks(query?: TaskQuery): Task[] { return this.#workflow.listTasks(query); }
  addTaskTransitions(rows: readonly TaskTransition[]): void { this.#workflow.addTaskTransitions(rows); }
  listTaskTransitions(taskId: string): TaskTransition[] { return this.#workflow.listTaskTransitions(taskId); }
  putAppeals(rows: readonly Appeal[]): void { this.#workflow.putAppeals(rows); }
  listAppeals(query?: AppealQuery): Appeal[] { return this.#workflow.listAppeals(query); }
  putComments(rows: readonly Comment[]): void { this.#workflow.putComments(rows); }
  listComments(query?: { targetKind?: string; targetId?: string }): Comment[] { return this.#workflow.listComments(query); }

  appendAudit(entries: readonly AuditEntry[]): void { this.#audit.append(entries); }
  listAudit(query?: { afterSeq?: number; limit?: number }): AuditEntry[] { return this.#audit.list(query); }
  verifyAuditChain(): Promise<AuditChainReport> { return verifyAuditChain(this); }

  putOutbox(rows: readonly OutboxMessage[]): void { this.#outbox.put(rows); }
  dueOutbox(now: number, limit?: number): OutboxMessage[] { return this.#outbox.due(now, limit); }
  listOutbox(query?: { state?: OutboxState; adapter?: string }): OutboxMessage[] { return this.#outbox.list(query); }
  enqueueOutbox(rows: readonly OutboxMessage[]): void { this.#loopOutbox.enqueue(rows); }
  claimOutbox(now: number, leaseMs: number, limit?: number): OutboxMessage[] { return this.#loopOutbox.claim(now, leaseMs, limit); }
  settleOutbox(id: string, outcome: OutboxOutcome): boolean { return this.#loopOutbox.settle(id, outcome); }

  get tokens(): Tokens { return this.#tokens; }
  putToken(token: ApiToken): void { this.#tokens.put(token); }
  findTokenByHash(hash: string): ApiToken | undefined { return this.#tokens.findByHash(hash); }
  listTokens(): ApiToken[] { return this.#tokens.list(); }
  revokeToken(id: string, at: number): ApiToken | undefined { return this.#tokens.revoke(id, at); }
  tokensVersionSync(): number { return this.#tokens.version(); }

  getMeta(key: string): string | undefined {
    const row = this.sql.stmt('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined;
    return row?.value;
  }

  setMeta(key: string, value: string): void {
    this.sql.stmt('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value);
  }
}

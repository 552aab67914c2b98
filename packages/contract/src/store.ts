import type {
  ActivityEvent, Composite, DeadLetter, OrgUnit, Person, PeriodId, Result, Risk, SubjectKind, Task, Tier,
} from './model.js';

/** Either a value or a promise of it: the embedded SQLite store answers synchronously, a networked one does not. */
export type Awaitable<T> = T | Promise<T>;

/** One indicator (or rule) state, kept per subject and period. */
export interface StoredState {
  subjectKind: SubjectKind;
  subjectId: string;
  /** Indicator or rule id. */
  indicator: string;
  period: PeriodId;
  state: unknown;
}

export interface EventQuery {
  /** occurredAt ≥ from (epoch ms). */
  from?: number;
  /** occurredAt < to (epoch ms). */
  to?: number;
  types?: readonly string[];
  actorId?: string;
  unitIds?: readonly string[];
  source?: string;
  /**
   * Conditions on attributes, all of which an event must meet: `atMost` keeps an event whose
   * attribute is a number ≤ it; `absentOrAbove` keeps one whose attribute is not a number
   * (missing, null, another type) or a number > it. A scheduled deadline check asks for the open
   * matters near their deadline instead of reading every matter of its window.
   */
  attrs?: readonly AttrCondition[];
  limit?: number;
}

/** A condition on one attribute of an event (`EventQuery.attrs`); the name is a plain identifier. */
export interface AttrCondition {
  name: string;
  atMost?: number;
  absentOrAbove?: number;
}

export interface DeadLetterQuery {
  source?: string;
  code?: string;
  limit?: number;
}

export interface ResultQuery {
  period: PeriodId;
  subjectKind?: SubjectKind;
  subjectId?: string;
  indicator?: string;
}

/**
 * A period's results as columns, as a close computes them: per subject kind its subjects and, per
 * indicator, a column of values, scores and evidence. It stands for the rows `resultRowsOf` builds:
 * subject by subject, in the order of `kinds` and `subjectIds`, each subject's results in the order
 * of `indicators`.
 */
export interface ResultColumns {
  period: PeriodId;
  kinds: readonly ResultKindColumns[];
}

/** The results of one subject kind: one column per indicator, one entry per subject. */
export interface ResultKindColumns {
  subjectKind: SubjectKind;
  subjectIds: readonly string[];
  indicators: readonly ResultColumn[];
}

export interface ResultColumn {
  indicator: string;
  indicatorVersion: string;
  paramsHash: string;
  /** Per subject; NaN stands for null. */
  values: Float64Array;
  /** Per subject; NaN stands for null. */
  scores: Float64Array;
  /** Per subject, read-only: most subjects share one object (the indicator's scale and params). */
  evidence: readonly Record<string, unknown>[];
}

export interface AuditEntry {
  seq?: number;
  at: number;
  actor: string;
  action: string;
  target: string;
  data: Record<string, unknown>;
  prevHash?: string;
  hash?: string;
}

export interface Appeal {
  id: string;
  personId: string;
  targetKind: 'result' | 'risk' | 'tier';
  targetId: string;
  reason: string;
  state: 'open' | 'accepted' | 'rejected';
  decision?: Record<string, unknown> | null;
  createdAt: number;
  decidedAt?: number | null;
}

export interface RiskQuery {
  status?: Risk['status'];
  subjectId?: string;
  period?: PeriodId;
  id?: string;
  dedupKey?: string;
}

/**
 * What identifies an open risk, without its message, evidence or categories: what a check matches
 * what it finds against (`Store.listOpenRiskKeys`); a risk to resolve is then read in full by id.
 */
export type OpenRiskKey = Pick<Risk, 'id' | 'dedupKey' | 'subject' | 'period' | 'indicator' | 'status'>;

/** Open risks matching any of the listed dedup keys or (subject id, period) pairs. */
export interface OpenRiskMatch {
  dedupKeys?: readonly string[];
  subjects?: readonly { subjectId: string; period: PeriodId }[];
}

export interface TaskQuery {
  state?: Task['state'];
  assigneeId?: string;
  id?: string;
  riskId?: string;
}

export interface AppealQuery {
  state?: Appeal['state'];
  personId?: string;
  id?: string;
  targetKind?: Appeal['targetKind'];
  targetId?: string;
}

/** One step of a task's life (open → acknowledged → …), who made it and why. */
export interface TaskTransition {
  taskId: string;
  who: string;
  at: number;
  from: Task['state'] | null;
  to: Task['state'];
  note?: string | null;
}

/** 绩效沟通: a remark on a result, risk, tier or appeal. */
export interface Comment {
  id: string;
  targetKind: string;
  targetId: string;
  authorId: string;
  body: string;
  at: number;
}

export type OutboxState = 'pending' | 'delivered' | 'failed';

/** A message waiting to be pushed into a host through its adapter, retried until delivered. */
export interface OutboxMessage {
  id: string;
  /** Id of the adapter whose `notify` delivers it. */
  adapter: string;
  message: unknown;
  state: OutboxState;
  /** Delivery attempts made so far, the successful one included. */
  attempts: number;
  /** Earliest next delivery attempt, epoch ms. */
  nextAt: number;
  lastError: string | null;
  createdAt?: number | null;
  deliveredAt?: number | null;
}

/** How one delivery attempt ended. */
export type OutboxOutcome =
  | { delivered: true; at: number }
  | { delivered: false; at: number; error: string; nextAt: number };

/** What an API token may do: admin everything, leader a unit subtree, staff themselves, integrator only ingest and hook. */
export type TokenRole = 'admin' | 'leader' | 'staff' | 'integrator';

/** An API token as stored: only the sha256 of its secret is kept, never the secret itself. */
export interface ApiToken {
  id: string;
  /** sha256 (hex) of the token text. */
  hash: string;
  role: TokenRole;
  /** A leader's unit id, a staff member's person id; null for admin and integrator. */
  scope: string | null;
  /** Who or what the token is for (`OA 系统`, `张三`); shown by /v1/me. */
  name?: string | null;
  createdAt: number;
  /** When it was revoked (epoch ms); absent or null while it is in force. A revoked token is kept, so it can be listed and refused by name. */
  revokedAt?: number | null;
}

export type AuditChainReport = { ok: true; rows: number } | { ok: false; seq: number; reason: string };

/**
 * Everything Kaoping persists. The embedded default is SQLite (`@kaoping/store-sqlite`); a shared
 * store for several nodes implements the same interface. Methods may answer synchronously or with a
 * promise; callers always `await`.
 */
export interface Store {
  readonly kind: string;
  close(): Awaitable<void>;
  /**
   * Runs `fn` atomically: everything it writes lands together or not at all. A write that fails
   * inside it fails the whole transaction (let the error out of `fn`); writes never undo only
   * themselves, which would cost a savepoint journal on every bulk write.
   */
  transaction<T>(fn: () => Promise<T> | T): Promise<T>;
  /**
   * Optional: runs a large import with the event log's secondary indexes deferred and rebuilt once
   * at the end (also when `fn` throws). Stores without such a mode leave it out; callers fall back to
   * calling `fn` directly.
   */
  bulkLoad?<T>(fn: () => Promise<T> | T): Promise<T>;

  upsertUnits(units: readonly OrgUnit[]): Awaitable<void>;
  upsertPeople(people: readonly Person[]): Awaitable<void>;
  listUnits(): Awaitable<OrgUnit[]>;
  listPeople(): Awaitable<Person[]>;

  /** Appends events; returns per event whether it was new (false: a duplicate `(source, id)`). */
  appendEvents(events: readonly ActivityEvent[]): Awaitable<boolean[]>;
  /**
   * Whether `(source, id)` is stored, answered synchronously, for stores that can (embedded
   * SQLite). With it the scoring hook, which answers synchronously, refuses to count a repeat; the
   * events it accepts are written with the states they changed, one transaction per group of calls.
   * Every event this store has stored must be seen at once; one stored through another connection
   * (another process) may be seen a moment later (SQLite: within a millisecond).
   */
  hasEventSync?(source: string, id: string): boolean;
  /**
   * Optional: appends a group of the hook's events off the caller's thread. `take` is called when the
   * group's turn comes, once no transaction of this store is open, and gives the events; they are
   * committed in a transaction of their own that every transaction begun after the call waits for.
   * Called inside a transaction, it joins that one instead. Resolves with the events taken and
   * whether they committed on their own (false: they joined the caller's transaction, whose rollback
   * takes them back). Stores without it get `appendEvents` in a transaction.
   */
  appendEventsDetached?(take: () => readonly ActivityEvent[]): Promise<{ events: readonly ActivityEvent[]; own: boolean }>;
  /**
   * Optional, for stores with `appendEventsDetached` and `eventsAfterStatesSync`: the hook's
   * checkpoint off the caller's thread. `take` is called as `appendEventsDetached` calls it and gives
   * a group's events and the states the table changed; both are committed in one transaction of
   * their own that also moves the states' checkpoint (see `putStates`). `take` must give every
   * changed state of a table that has counted every event stored or taken so far; the store copies
   * them in the same synchronous step as the call to `take`, so later changes wait for the next
   * checkpoint.
   */
  checkpointDetached?(take: () => { events: readonly ActivityEvent[]; states: readonly StoredState[] }): Promise<{ events: readonly ActivityEvent[]; own: boolean }>;
  /** Streams matching events in batches, ordered by occurredAt. */
  scanEvents(query: EventQuery, batchSize?: number): AsyncIterable<ActivityEvent[]>;
  getEvents(keys: readonly { source: string; id: string }[]): Awaitable<ActivityEvent[]>;
  countEvents(query?: EventQuery): Awaitable<number>;

  addDeadLetters(rows: readonly DeadLetter[]): Awaitable<void>;
  listDeadLetters(query?: DeadLetterQuery): Awaitable<DeadLetter[]>;
  countDeadLetters(query?: DeadLetterQuery): Awaitable<number>;

  /**
   * Writes states. A store with `eventsAfterStatesSync` also records with it that its kept states
   * now cover every event stored so far (a checkpoint): write states only from a table that has
   * counted every stored event.
   */
  putStates(rows: readonly StoredState[]): Awaitable<void>;
  /**
   * Optional, for stores that keep that checkpoint (embedded SQLite): the events stored after the
   * kept states were last written, in the order they were stored. A writer may then store events on
   * their own and write states now and then; after a crash, start-up counts these events into the
   * kept states again. The hook's journal stores its events per group commit and its states once a
   * second, since writing every touched state per group cost most of a hook call.
   */
  eventsAfterStatesSync?(): ActivityEvent[];
  loadStates(query?: { period?: PeriodId; indicator?: string }): Awaitable<StoredState[]>;
  /**
   * Optional, with `statePeriodsSync`: `loadStates` answered synchronously, for stores that can
   * (embedded SQLite). With both the kernel reads a period's kept states the first time something
   * needs them (the hook, a close, explain, the loop) instead of every kept state at start.
   */
  loadStatesSync?(query?: { period?: PeriodId; indicator?: string }): StoredState[];
  /** Optional: the periods that have kept states, answered synchronously. */
  statePeriodsSync?(): PeriodId[];

  /** Replaces the results of the given period. */
  putResults(period: PeriodId, rows: readonly Result[]): Awaitable<void>;
  /**
   * Optional: `putResults(columns.period, resultRowsOf(columns))` without a row object per result,
   * for stores that can pack columns as they are (a province close hands over 309 k results). It
   * stores exactly what that call would; callers fall back to it when a store leaves this out.
   */
  putResultColumns?(columns: ResultColumns): Awaitable<void>;
  /**
   * A period's results, by subject kind, subject id, then indicator. Rows of one answer may share
   * one evidence object (a close gives every subject of an indicator the same): treat it as read-only.
   */
  listResults(query: ResultQuery): Awaitable<Result[]>;
  putComposites(period: PeriodId, rows: readonly Composite[]): Awaitable<void>;
  listComposites(query: ResultQuery): Awaitable<Composite[]>;
  putTiers(period: PeriodId, rows: readonly Tier[]): Awaitable<void>;
  listTiers(query: { period?: PeriodId; personId?: string }): Awaitable<Tier[]>;

  putRisks(rows: readonly Risk[]): Awaitable<void>;
  listRisks(query?: RiskQuery): Awaitable<Risk[]>;
  /**
   * Optional: the open risks matching any key or subject of `match`, in one read. The closed loop
   * checks a group of hook calls with it (the deadline risks their events close, the warnings of
   * the people they changed) instead of one `listRisks` per event and per person. Its answers may
   * share their rows with the store's own cache: treat them as read-only.
   */
  listOpenRisks?(match: OpenRiskMatch): Awaitable<Risk[]>;
  /**
   * Optional: the keys of every open risk (of one period, if given), by raisedAt then id, as
   * `listRisks({ status: 'open', period })` orders them. A period close checks a province's tens of
   * thousands of open risks against its findings; reading them in full took most of a second.
   */
  listOpenRiskKeys?(query?: { period?: PeriodId }): Awaitable<OpenRiskKey[]>;
  putTasks(rows: readonly Task[]): Awaitable<void>;
  listTasks(query?: TaskQuery): Awaitable<Task[]>;
  /** Records transitions; write the task first. */
  addTaskTransitions(rows: readonly TaskTransition[]): Awaitable<void>;
  listTaskTransitions(taskId: string): Awaitable<TaskTransition[]>;
  putAppeals(rows: readonly Appeal[]): Awaitable<void>;
  listAppeals(query?: AppealQuery): Awaitable<Appeal[]>;
  putComments(rows: readonly Comment[]): Awaitable<void>;
  listComments(query?: { targetKind?: string; targetId?: string }): Awaitable<Comment[]>;

  /** Enqueues messages; a message whose id is already queued (or delivered) is left as it is. */
  enqueueOutbox(rows: readonly OutboxMessage[]): Awaitable<void>;
  /**
   * Takes up to `limit` pending messages due at `now` and pushes their `nextAt` to `now + leaseMs`
   * atomically, so another deliverer does not take them meanwhile; a crash mid-delivery retries after the lease.
   */
  claimOutbox(now: number, leaseMs: number, limit?: number): Awaitable<OutboxMessage[]>;
  /** Records one attempt's outcome on a pending message; false when it was not pending (already delivered). */
  settleOutbox(id: string, outcome: OutboxOutcome): Awaitable<boolean>;
  listOutbox(query?: { state?: OutboxState; adapter?: string }): Awaitable<OutboxMessage[]>;

  /** Appends to the audit log; the store fills `seq`, `prevHash` and `hash`. */
  appendAudit(entries: readonly AuditEntry[]): Awaitable<void>;
  listAudit(query?: { afterSeq?: number; limit?: number }): Awaitable<AuditEntry[]>;
  /** Walks the hash chain and names the first row that breaks it. */
  verifyAuditChain(): Awaitable<AuditChainReport>;

  /** Adds (or replaces, by id) an API token. */
  putToken(token: ApiToken): Awaitable<void>;
  /** The token with this hash, revoked or not (a caller refusing it can then say "revoked"). */
  findTokenByHash(hash: string): Awaitable<ApiToken | undefined>;
  listTokens(): Awaitable<ApiToken[]>;
  /**
   * Optional: revokes a token at `at`, keeping its row. Answers the token as stored afterwards (a
   * token revoked before keeps its first `revokedAt`), or undefined when no token has this id.
   */
  revokeToken?(id: string, at: number): Awaitable<ApiToken | undefined>;
  /**
   * Optional: a number that changes whenever the stored tokens may have changed, answered
   * synchronously and cheaply: this store's own token writes, or any commit by another connection
   * (another process, such as `kaoping token revoke` on the same file) — that one may show up to a
   * millisecond later, as SQLite's does. A cache of token look-ups stays valid
   * while it is unchanged; stores without it are cached for a short time only.
   */
  tokensVersionSync?(): number;

  getMeta(key: string): Awaitable<string | undefined>;
  setMeta(key: string, value: string): Awaitable<void>;
}

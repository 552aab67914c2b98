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
  limit?: number;
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

/**
 * Everything Kaoping persists. The embedded default is SQLite (`@kaoping/store-sqlite`); a shared
 * store for several nodes implements the same interface. Methods may answer synchronously or with a
 * promise; callers always `await`.
 */
export interface Store {
  readonly kind: string;
  close(): Awaitable<void>;
  /** Runs `fn` atomically: everything it writes lands together or not at all. */
  transaction<T>(fn: () => Promise<T> | T): Promise<T>;

  upsertUnits(units: readonly OrgUnit[]): Awaitable<void>;
  upsertPeople(people: readonly Person[]): Awaitable<void>;
  listUnits(): Awaitable<OrgUnit[]>;
  listPeople(): Awaitable<Person[]>;

  /** Appends events; returns per event whether it was new (false: a duplicate `(source, id)`). */
  appendEvents(events: readonly ActivityEvent[]): Awaitable<boolean[]>;
  /** Streams matching events in batches, ordered by occurredAt. */
  scanEvents(query: EventQuery, batchSize?: number): AsyncIterable<ActivityEvent[]>;
  getEvents(keys: readonly { source: string; id: string }[]): Awaitable<ActivityEvent[]>;
  countEvents(query?: EventQuery): Awaitable<number>;

  addDeadLetters(rows: readonly DeadLetter[]): Awaitable<void>;
  listDeadLetters(query?: DeadLetterQuery): Awaitable<DeadLetter[]>;
  countDeadLetters(query?: DeadLetterQuery): Awaitable<number>;

  putStates(rows: readonly StoredState[]): Awaitable<void>;
  loadStates(query?: { period?: PeriodId; indicator?: string }): Awaitable<StoredState[]>;

  /** Replaces the results of the given period. */
  putResults(period: PeriodId, rows: readonly Result[]): Awaitable<void>;
  listResults(query: ResultQuery): Awaitable<Result[]>;
  putComposites(period: PeriodId, rows: readonly Composite[]): Awaitable<void>;
  listComposites(query: ResultQuery): Awaitable<Composite[]>;
  putTiers(period: PeriodId, rows: readonly Tier[]): Awaitable<void>;
  listTiers(query: { period?: PeriodId; personId?: string }): Awaitable<Tier[]>;

  putRisks(rows: readonly Risk[]): Awaitable<void>;
  listRisks(query?: { status?: Risk['status']; subjectId?: string; period?: PeriodId }): Awaitable<Risk[]>;
  putTasks(rows: readonly Task[]): Awaitable<void>;
  listTasks(query?: { state?: Task['state']; assigneeId?: string }): Awaitable<Task[]>;
  putAppeals(rows: readonly Appeal[]): Awaitable<void>;
  listAppeals(query?: { state?: Appeal['state']; personId?: string }): Awaitable<Appeal[]>;

  /** Appends to the audit log; the store fills `seq`, `prevHash` and `hash`. */
  appendAudit(entries: readonly AuditEntry[]): Awaitable<void>;
  listAudit(query?: { afterSeq?: number; limit?: number }): Awaitable<AuditEntry[]>;

  getMeta(key: string): Awaitable<string | undefined>;
  setMeta(key: string, value: string): Awaitable<void>;
}

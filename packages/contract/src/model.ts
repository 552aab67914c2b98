/**
 * Canonical data: what every host adapter maps its records to and every plugin reads.
 * Times are epoch milliseconds everywhere, so the hot path never parses strings.
 */

export type Domain = 'business' | 'government' | 'party';
export type SubjectKind = 'person' | 'unit';
export type UnitKind = 'bureau' | 'district' | 'section' | 'team';

export interface LocalizedText {
  readonly zh: string;
  readonly en: string;
}

export interface OrgUnit {
  id: string;
  name: string;
  parentId: string | null;
  kind: UnitKind;
}

export interface Person {
  id: string;
  name: string;
  unitId: string;
  postId: string;
  postName?: string;
  /** 政治面貌 as the HR system writes it (中共党员, 群众, …). */
  politicalStatus?: string;
  /** Employment start, epoch ms. */
  since: number;
  /** Employment end (离职日期), epoch ms; absent while employed. */
  until?: number | null;
}

export type AttrValue = string | number | boolean | null;

export interface ActivityEvent {
  /** Unique per `source`; ingestion is idempotent on `(source, id)`. */
  id: string;
  /** The adapter that produced it: `hr`, `tax-collection`, `party-affairs`, `gov-affairs`, … */
  source: string;
  /** Dotted type, e.g. `tax.matter.completed`. */
  type: string;
  /** The person the record is about; null for unit-level records (revenue). */
  actorId: string | null;
  /** The unit the record counts for; null falls back to the actor's unit in the directory. */
  unitId: string | null;
  /** The attribution instant (epoch ms): the period an event counts in is the one containing it. */
  occurredAt: number;
  /** Flat attributes; times are epoch ms. */
  attrs: Record<string, AttrValue>;
}

/** `2026`, `2026-Q3` or `2026-11`. */
export type PeriodId = string;
export type PeriodKind = 'year' | 'quarter' | 'month';

export interface Period {
  readonly id: PeriodId;
  readonly kind: PeriodKind;
  readonly year: number;
  /** First instant, epoch ms (Asia/Shanghai local midnight). */
  readonly start: number;
  /** First instant of the next period (exclusive end), epoch ms. */
  readonly end: number;
  /** Number of calendar months the period spans (12, 3 or 1). */
  readonly months: number;
}

export interface SubjectRef {
  kind: SubjectKind;
  id: string;
}

export interface Result {
  subjectKind: SubjectKind;
  subjectId: string;
  indicator: string;
  indicatorVersion: string;
  paramsHash: string;
  period: PeriodId;
  value: number | null;
  score: number | null;
  /** How the score came about: scale, rank, n, etc. */
  evidence: Record<string, unknown>;
}

export interface Composite {
  subjectKind: SubjectKind;
  subjectId: string;
  period: PeriodId;
  composite: number | null;
  /** Weights actually used after null renormalisation, by indicator. */
  weights: Record<string, number>;
}

export type TierReason = 'ranked' | 'below-threshold' | 'sanction' | 'left' | 'no-data';

export interface Tier {
  personId: string;
  period: PeriodId;
  tier: 1 | 2 | 3 | null;
  reason: TierReason;
  rank: number | null;
  n: number | null;
  group: string;
  evidence: Record<string, unknown>;
}

export type RiskCategory = '时效' | '质量' | '服务' | '纪律' | '学习' | '出勤';
export type RiskSeverity = 'low' | 'medium' | 'high';

export interface Risk {
  id: string;
  dedupKey: string;
  trigger: string;
  categories: RiskCategory[];
  severity: RiskSeverity;
  subject: SubjectRef;
  period: PeriodId;
  indicator: string;
  evidence: string[];
  message: string;
  status: 'open' | 'resolved';
  raisedAt: number;
  resolvedAt?: number | null;
}

export type TaskState = 'open' | 'acknowledged' | 'submitted' | 'verified' | 'reopened';

export interface Task {
  id: string;
  riskId: string;
  assigneeId: string;
  state: TaskState;
  dueAt: number;
  escalatedTo?: string | null;
  createdAt: number;
  updatedAt: number;
}

/** A record the system could not accept, kept with the reason so nothing is lost. */
export interface DeadLetter {
  source: string;
  file: string;
  line: number;
  raw: string;
  code: string;
  reason: string;
  at: number;
}

/** Where a record came from in a host export: file and 1-based line. */
export interface Origin {
  file: string;
  line: number;
}

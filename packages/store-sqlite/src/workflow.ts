import type { Appeal, AppealQuery, Comment, OpenRiskKey, OpenRiskMatch, PeriodId, Risk, RiskQuery, Task, TaskQuery, TaskTransition } from '@kaoping/contract';
import { OpenRiskIndex } from './open-risk-index.js';
import { fromJson, whereEquals, type Sql } from './sql.js';

export type { Comment, TaskTransition };

interface RiskRow {
  id: string; dedup_key: string; trigger: string; categories: string; severity: Risk['severity'];
  subject_kind: Risk['subject']['kind']; subject_id: string; period: string; indicator: string;
  evidence: string; message: string; status: Risk['status']; raised_at: number; resolved_at: number | null;
}
interface TaskRow {
  id: string; risk_id: string; assignee_id: string; state: Task['state']; due_at: number;
  escalated_to: string | null; created_at: number; updated_at: number;
}
interface AppealRow {
  id: string; person_id: string; target_kind: Appeal['targetKind']; target_id: string; reason: string;
  state: Appeal['state']; decision: string | null; created_at: number; decided_at: number | null;
}
interface TransitionRow { task_id: string; who: string; at: number; from_state: Task['state'] | null; to_state: Task['state']; note: string | null }

function toRisk(r: RiskRow): Risk {
  return {
    id: r.id, dedupKey: r.dedup_key, trigger: r.trigger, categories: JSON.parse(r.categories), severity: r.severity,
    subject: { kind: r.subject_kind, id: r.subject_id }, period: r.period, indicator: r.indicator,
    evidence: JSON.parse(r.evidence), message: r.message, status: r.status, raisedAt: r.raised_at, resolvedAt: r.resolved_at,
  };
}

/** Risks, rectification tasks and their transitions, appeals and comments: upserts by id. */
export class Workflow {
  readonly #sql: Sql;
  readonly #open: OpenRiskIndex;

  constructor(sql: Sql) {
    this.#sql = sql;
    this.#open = new OpenRiskIndex(sql);
  }

  putRisks(rows: readonly Risk[]): void {
    const stmt = this.#sql.stmt(
      `INSERT INTO risks (id, dedup_key, trigger, categories, severity, subject_kind, subject_id, period, indicator,
         evidence, message, status, raised_at, resolved_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET dedup_key = excluded.dedup_key, trigger = excluded.trigger,
         categories = excluded.categories, severity = excluded.severity, subject_kind = excluded.subject_kind,
         subject_id = excluded.subject_id, period = excluded.period, indicator = excluded.indicator,
         evidence = excluded.evidence, message = excluded.message, status = excluded.status,
         raised_at = excluded.raised_at, resolved_at = excluded.resolved_at`,
    );
    this.#sql.atomic(() => {
      for (const r of rows) {
        stmt.run(r.id, r.dedupKey, r.trigger, JSON.stringify(r.categories), r.severity, r.subject.kind, r.subject.id,
          r.period, r.indicator, JSON.stringify(r.evidence), r.message, r.status, r.raisedAt, r.resolvedAt ?? null);
      }
    });
    this.#open.written(rows);
  }

  listRisks(query: RiskQuery = {}): Risk[] {
    const { where, params } = whereEquals({
      status: query.status, subject_id: query.subjectId, period: query.period, id: query.id, dedup_key: query.dedupKey,
    });
    const rows = this.#sql.stmt(`SELECT * FROM risks ${where} ORDER BY raised_at, id`).all(...params) as RiskRow[];
    return rows.map(toRisk);
  }

  /** The keys of the open risks (of one period), in listRisks's order: six short columns, not whole rows. */
  listOpenRiskKeys(query: { period?: PeriodId } = {}): OpenRiskKey[] {
    const { where, params } = whereEquals({ status: 'open', period: query.period });
    const rows = this.#sql.stmt(
      `SELECT id, dedup_key, subject_kind, subject_id, period, indicator FROM risks ${where} ORDER BY raised_at, id`, 'raw',
    ).all(...params) as [string, string, OpenRiskKey['subject']['kind'], string, PeriodId, string][];
    return rows.map(([id, dedupKey, kind, subjectId, period, indicator]) => ({ id, dedupKey, subject: { kind, id: subjectId }, period, indicator, status: 'open' }));
  }

  /**
   * Open risks with any of the keys or (subject, period) pairs, from the in-memory index (see
   * OpenRiskIndex); rows it does not hold yet are read by id in one statement.
   */
  listOpenRisks(match: OpenRiskMatch): Risk[] {
    return this.#open.match(match, (ids) => (this.#sql.stmt(
      "SELECT * FROM risks WHERE id IN (SELECT value FROM json_each(?)) AND +status = 'open'",
    ).all(JSON.stringify(ids)) as RiskRow[]).map(toRisk));
  }

  putTasks(rows: readonly Task[]): void {
    const stmt = this.#sql.stmt(
      `INSERT INTO tasks (id, risk_id, assignee_id, state, due_at, escalated_to, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET risk_id = excluded.risk_id, assignee_id = excluded.assignee_id,
         state = excluded.state, due_at = excluded.due_at, escalated_to = excluded.escalated_to,
         created_at = excluded.created_at, updated_at = excluded.updated_at`,
    );
    this.#sql.atomic(() => {
      for (const t of rows) stmt.run(t.id, t.riskId, t.assigneeId, t.state, t.dueAt, t.escalatedTo ?? null, t.createdAt, t.updatedAt);
    });
  }

  listTasks(query: TaskQuery = {}): Task[] {
    const { where, params } = whereEquals({ state: query.state, assignee_id: query.assigneeId, id: query.id, risk_id: query.riskId });
    const rows = this.#sql.stmt(`SELECT * FROM tasks ${where} ORDER BY created_at, id`).all(...params) as TaskRow[];
    return rows.map((t) => ({
      id: t.id, riskId: t.risk_id, assigneeId: t.assignee_id, state: t.state, dueAt: t.due_at,
      escalatedTo: t.escalated_to, createdAt: t.created_at, updatedAt: t.updated_at,
    }));
  }

  /** Records transitions; the task must exist (foreign key), so write the task first. */
  addTaskTransitions(rows: readonly TaskTransition[]): void {
    const stmt = this.#sql.stmt(
      'INSERT INTO task_transitions (task_id, who, at, from_state, to_state, note) VALUES (?, ?, ?, ?, ?, ?)',
    );
    this.#sql.atomic(() => {
      for (const t of rows) stmt.run(t.taskId, t.who, t.at, t.from, t.to, t.note ?? null);
    });
  }

  listTaskTransitions(taskId: string): TaskTransition[] {
    const rows = this.#sql.stmt(
      'SELECT task_id, who, at, from_state, to_state, note FROM task_transitions WHERE task_id = ? ORDER BY seq',
    ).all(taskId) as TransitionRow[];
    return rows.map((r) => ({ taskId: r.task_id, who: r.who, at: r.at, from: r.from_state, to: r.to_state, note: r.note }));
  }

  putAppeals(rows: readonly Appeal[]): void {
    const stmt = this.#sql.stmt(
      `INSERT INTO appeals (id, person_id, target_kind, target_id, reason, state, decision, created_at, decided_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET person_id = excluded.person_id, target_kind = excluded.target_kind,
         target_id = excluded.target_id, reason = excluded.reason, state = excluded.state,
         decision = excluded.decision, created_at = excluded.created_at, decided_at = excluded.decided_at`,
    );
    this.#sql.atomic(() => {
      for (const a of rows) {
        stmt.run(a.id, a.personId, a.targetKind, a.targetId, a.reason, a.state,
          a.decision == null ? null : JSON.stringify(a.decision), a.createdAt, a.decidedAt ?? null);
      }
    });
  }

  listAppeals(query: AppealQuery = {}): Appeal[] {
    const { where, params } = whereEquals({
      state: query.state, person_id: query.personId, id: query.id, target_kind: query.targetKind, target_id: query.targetId,
    });
    const rows = this.#sql.stmt(`SELECT * FROM appeals ${where} ORDER BY created_at, id`).all(...params) as AppealRow[];
    return rows.map((a) => ({
      id: a.id, personId: a.person_id, targetKind: a.target_kind, targetId: a.target_id, reason: a.reason,
      state: a.state, decision: fromJson<Record<string, unknown>>(a.decision), createdAt: a.created_at, decidedAt: a.decided_at,
    }));
  }

  putComments(rows: readonly Comment[]): void {
    const stmt = this.#sql.stmt(
      `INSERT INTO comments (id, target_kind, target_id, author_id, body, at) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET body = excluded.body, at = excluded.at`,
    );
    this.#sql.atomic(() => {
      for (const c of rows) stmt.run(c.id, c.targetKind, c.targetId, c.authorId, c.body, c.at);
    });
  }

  listComments(query: { targetKind?: string; targetId?: string } = {}): Comment[] {
    const { where, params } = whereEquals({ target_kind: query.targetKind, target_id: query.targetId });
    return this.#sql.stmt(
      `SELECT id, target_kind AS targetKind, target_id AS targetId, author_id AS authorId, body, at FROM comments ${where} ORDER BY at, id`,
    ).all(...params) as Comment[];
  }
}

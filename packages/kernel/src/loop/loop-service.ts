import { randomUUID } from 'node:crypto';
import {
  kpError, parsePeriod, resultRowsOf, type ActivityEvent, type Appeal, type Comment, type OutboxMessage, type OutboxState, type PeriodId,
  type Result, type ResultColumns, type Store, type Task, type TaskState, type TaskTransition, type ValueChange,
} from '@kaoping/contract';
import {
  addComment, decideAppeal, fileAppeal, listAdjustments, tiersWithAppeals,
  type AdjustmentRecord, type AppealInput, type CommentInput, type DecisionInput, type TierWithAppeal,
} from './appeals.js';
import { auditEntry, auditResults, isResultColumns, verifyAudit, type AuditReport } from './audit.js';
import { resolveLoopConfig, type LoopConfigInput, type ResolvedLoopConfig } from './config.js';
import { deliverDue, type DeliveryReport } from './outbox.js';
import { mergeChanges, RiskEngine, type RiskChanges } from './risk-engine.js';
import { Routing } from './routing.js';
import { escalateOverdue, transitionTask } from './task-workflow.js';
import { periodContains, type Cell } from './triggers/indicator-context.js';
import { isOutlierKey } from './triggers/outlier.js';
import type { Clock, Emit, LoopContext, LoopDirectory, LoopIndicator, LoopStates, NotifierFor } from './types.js';
import { unitOfWork } from './unit-of-work.js';

export interface LoopOptions {
  store: Store;
  /** Epoch ms. */
  clock: Clock;
  /** The notifier of an adapter: `(id) => (msg) => adapter.notify(msg, ctx)`; undefined if none. */
  notifierFor: NotifierFor;
  /** The bus's emit; default: emit nothing. */
  emit?: Emit;
  config?: LoopConfigInput;
  directory: LoopDirectory;
  /** The started indicators with their params (read on each call, so a failed plugin drops out). */
  indicators: () => readonly LoopIndicator[];
  /** The kept indicator states (read on each call); undefined before the kernel has any. */
  states: () => LoopStates | undefined;
  /** Default: random UUIDs. */
  newId?: () => string;
}

export interface TickReport {
  escalated: Task[];
  /** Overdue tasks with no leader above the assignee to escalate to. */
  noLeader: string[];
  delivery: DeliveryReport;
}

/**
 * The closed loop (事前 warn → 事中 push and track → 事后 appeal), over one store.
 * Time always comes from the injected clock. Writes run in store transactions; bus events are
 * emitted after the commit.
 */
export class LoopService {
  readonly config: ResolvedLoopConfig;
  readonly #ctx: LoopContext;
  readonly #risks: RiskEngine;
  #ticking: Promise<TickReport> | undefined;

  constructor(options: LoopOptions) {
    this.config = resolveLoopConfig(options.config);
    this.#ctx = {
      store: options.store,
      clock: options.clock,
      emit: options.emit ?? (() => undefined),
      config: this.config,
      directory: options.directory,
      indicators: options.indicators,
      states: options.states,
      notifierFor: options.notifierFor,
      newId: options.newId ?? randomUUID,
    };
    this.#risks = new RiskEngine(this.#ctx);
  }

  #routing(now: number): Routing {
    return new Routing(this.#ctx.directory, this.config, now);
  }

  #kindWanted(period: PeriodId, kinds: readonly string[] | undefined): boolean {
    return kinds === undefined || kinds.includes(parsePeriod(period).kind);
  }

  // ---- 事前: risks ----

  /** An accepted event (bus `event.accepted`): deadline risks raised or resolved at once. */
  onEvent(event: ActivityEvent): Promise<RiskChanges> {
    return this.#risks.onEvent(event, this.#ctx.clock());
  }

  /** Accepted events judged as one group: the same risks as `onEvent` on each in order, read and written once. */
  onEvents(events: readonly ActivityEvent[]): Promise<RiskChanges> {
    return this.#risks.onEvents(events, this.#ctx.clock());
  }

  /** Values an event changed (bus `result.changed`): the period-to-date warnings of those states. */
  onValuesChanged(changes: readonly ValueChange[]): Promise<RiskChanges> {
    const now = this.#ctx.clock();
    const cells: Cell[] = changes
      .filter((c) => periodContains(c.period, now) && this.#kindWanted(c.period, this.config.trend.periodKinds))
      .map((c) => ({ indicator: c.indicator, subjectKind: c.subject.kind, subjectId: c.subject.id, period: c.period }));
    return this.#risks.evaluateCells(cells, now);
  }

  /**
   * The scheduled check: deadlines that aged into the window, period-to-date warnings of every
   * current state, peer outliers of the current periods; and everything open re-checked, so risks
   * whose data cleared resolve.
   */
  async scan(now: number = this.#ctx.clock()): Promise<RiskChanges> {
    const open = await this.#risks.snapshotOpenRisks();
    const deadlines = await this.#risks.scanDeadlines(now, open);
    const trend = this.config.trend.periodKinds;
    const signals = await this.#risks.evaluateCells(
      await this.#risks.cellsOf(this.#risks.periodsWhere((p) => periodContains(p, now) && this.#kindWanted(p, trend)), open), now, open);
    const periods = this.#risks.periodsWhere((p) => periodContains(p, now) && this.#kindWanted(p, this.config.outlier.periodKinds));
    for (const r of open.all) if (isOutlierKey(r.dedupKey)) periods.add(r.period);
    const outliers = await this.#risks.evaluateOutliers(periods, now, open);
    return mergeChanges([deadlines, signals, outliers]);
  }

  /** At a period close: the warnings and outliers of that period's final states. */
  async onPeriodClosed(period: PeriodId, now: number = this.#ctx.clock()): Promise<RiskChanges> {
    parsePeriod(period);
    const open = await this.#risks.snapshotOpenRisks(period);
    const signals = await this.#risks.evaluateCells(await this.#risks.cellsOf(new Set([period]), open, 'periods'), now, open);
    const outliers = await this.#risks.evaluateOutliers(new Set([period]), now, open);
    return mergeChanges([signals, outliers]);
  }

  // ---- 事中: tasks and delivery ----

  /** Escalates overdue tasks, then delivers every due message. Concurrent calls share one run. */
  tick(now: number = this.#ctx.clock()): Promise<TickReport> {
    this.#ticking ??= this.#tick(now).finally(() => { this.#ticking = undefined; });
    return this.#ticking;
  }

  async #tick(now: number): Promise<TickReport> {
    const { escalated, noLeader } = await unitOfWork(this.#ctx, (announce) => escalateOverdue(this.#ctx, this.#routing(now), now, announce));
    const delivery = await deliverDue({ store: this.#ctx.store, clock: this.#ctx.clock, notifierFor: this.#ctx.notifierFor, config: this.config.outbox }, now);
    return { escalated, noLeader, delivery };
  }

  /** A person moves a task: acknowledge, submit (with the rectification note), verify or reopen. */
  transitionTask(taskId: string, to: TaskState, who: string, note: string | null = null): Promise<Task> {
    const now = this.#ctx.clock();
    return unitOfWork(this.#ctx, (announce) => transitionTask(this.#ctx, taskId, to, who, note, now, announce));
  }

  async taskHistory(taskId: string): Promise<TaskTransition[]> {
    return this.#ctx.store.listTaskTransitions(taskId);
  }

  async outbox(query?: { state?: OutboxState; adapter?: string }): Promise<OutboxMessage[]> {
    return this.#ctx.store.listOutbox(query);
  }

  // ---- 事后: appeals and comments ----

  appeal(input: AppealInput): Promise<Appeal> {
    const now = this.#ctx.clock();
    return this.#ctx.store.transaction(() => fileAppeal(this.#ctx, this.#routing(now), input, now));
  }

  decideAppeal(input: DecisionInput): Promise<Appeal> {
    const now = this.#ctx.clock();
    return unitOfWork(this.#ctx, (announce) => decideAppeal(this.#ctx, this.#routing(now), input, now, announce));
  }

  adjustments(period?: PeriodId): Promise<AdjustmentRecord[]> {
    return listAdjustments(this.#ctx, period);
  }

  tiersWithAppeals(period: PeriodId): Promise<TierWithAppeal[]> {
    return tiersWithAppeals(this.#ctx, period);
  }

  comment(input: CommentInput): Promise<Comment> {
    const now = this.#ctx.clock();
    return this.#ctx.store.transaction(() => addComment(this.#ctx, input, now));
  }

  async thread(targetKind: string, targetId: string): Promise<Comment[]> {
    return this.#ctx.store.listComments({ targetKind, targetId });
  }

  // ---- audit ----

  /**
   * Replaces a period's results and records each subject's hash in the audit log, atomically. Columns
   * (a close's) go to the store as columns when it takes them, and are hashed without building rows.
   */
  putResults(period: PeriodId, rows: readonly Result[] | ResultColumns, actor: string): Promise<number> {
    const now = this.#ctx.clock();
    const { store } = this.#ctx;
    return store.transaction(async () => {
      if (!isResultColumns(rows)) await store.putResults(period, rows);
      else if (rows.period !== period) throw kpError('KP_ERR_STORE', `writing results of period ${period}: the columns are for period ${rows.period}; write each period separately`);
      else if (store.putResultColumns) await store.putResultColumns(rows);
      else await store.putResults(period, resultRowsOf(rows));
      return auditResults(store, period, actor, now, rows);
    });
  }

  /** Records the results of a period as they stand (when something else wrote them). */
  recordResults(period: PeriodId, actor: string): Promise<number> {
    return this.#ctx.store.transaction(() => auditResults(this.#ctx.store, period, actor, this.#ctx.clock()));
  }

  /** A configuration change, with who made it. */
  async recordConfigChange(actor: string, key: string, before: unknown, after: unknown): Promise<void> {
    await this.#ctx.store.appendAudit([auditEntry(this.#ctx.clock(), actor, 'config.changed', `config/${key}`, { before, after })]);
  }

  verifyAudit(): Promise<AuditReport> {
    return verifyAudit(this.#ctx.store);
  }
}

export function createLoop(options: LoopOptions): LoopService {
  return new LoopService(options);
}

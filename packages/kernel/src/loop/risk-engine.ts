import type { ActivityEvent, Awaitable, OpenRiskKey, OpenRiskMatch, PeriodId, Risk, RiskCategory, RiskQuery, Store, StoredState } from '@kaoping/contract';
import type { DeadlineSource } from './config.js';
import { recordRaised, recordResolved } from './risk-records.js';
import { Routing } from './routing.js';
import { closeBySystem, openTask, verifiedByPerson } from './task-workflow.js';
import { closedAt, closingEvents, deadlineCandidate, openingIdOf, deadlineKey, isOpenAt, matterOpen, parseDeadlineKey, scanDeadlines } from './triggers/deadline.js';
import { CellSet, type Cell } from './triggers/indicator-context.js';
import { isOutlierKey, outlierCandidates } from './triggers/outlier.js';
import { isSignalKey, isSignalOf, signalCandidates } from './triggers/signals.js';
import { SYSTEM_ACTOR, type LoopContext, type LoopIndicator, type RiskCandidate } from './types.js';
import { unitOfWork, type Announce } from './unit-of-work.js';

/** Items of one period from which its risks are read in one query rather than one per item. */
const BULK_RISK_LOOKUP = 64;

/** What one evaluation changed. */
export interface RiskChanges {
  raised: Risk[];
  resolved: Risk[];
  /** Risks raised without a task: a unit with no leader to assign it to. */
  unassigned: string[];
  /** Plugins whose `risks` threw, with the message (the rest of the evaluation went on). */
  warnings: { indicator: string; message: string }[];
}

function emptyChanges(): RiskChanges {
  return { raised: [], resolved: [], unassigned: [], warnings: [] };
}

/**
 * Raises and resolves risks: matches what the triggers find true now against the open risks.
 * - a candidate whose dedup key has an open risk is not raised again;
 * - nor one whose last risk a person closed (task verified, or withdrawn on appeal): the finding stays closed;
 * - an open risk in `scope` that no candidate confirms cleared: it resolves, its task closes by the system.
 */
export class RiskEngine {
  constructor(private readonly ctx: LoopContext) {}

  async reconcile(candidates: readonly RiskCandidate[], scope: readonly OpenRiskKey[], now: number, warnings: RiskChanges['warnings'] = []): Promise<RiskChanges> {
    const changes = emptyChanges();
    changes.warnings.push(...warnings);
    const { fresh, cleared } = pending(candidates, scope);
    // Nothing to raise or resolve (the usual case for a person already at risk): no transaction at all.
    if (fresh.length === 0 && cleared.length === 0) return changes;
    await unitOfWork(this.ctx, async (announce) => {
      const routing = new Routing(this.ctx.directory, this.ctx.config, now);
      const earlierOf = await riskLookup(this.ctx.store, fresh, {
        // Only keys that name their period have all their risks in that period.
        period: (c) => (isOutlierKey(c.dedupKey) || isSignalKey(c.dedupKey) ? c.period : undefined), one: (c) => ({ dedupKey: c.dedupKey }),
        bulk: (period) => ({ period }), itemKey: (c) => c.dedupKey, riskKey: (r) => r.dedupKey,
      });
      for (const c of fresh) await this.#raise(c, await earlierOf(c), routing, now, announce, changes);
      for (const key of cleared) {
        // The scope may hold keys only (listOpenRiskKeys): the resolved risk keeps its message and evidence.
        const [risk] = await this.ctx.store.listRisks({ id: key.id });
        if (risk?.status !== 'open') continue;
        changes.resolved.push(await recordResolved(this.ctx, risk, now, SYSTEM_ACTOR, 'the condition that raised it cleared', announce));
        await closeBySystem(this.ctx, risk.id, 'the condition that raised the risk cleared', now, announce);
      }
    });
    return changes;
  }

  /** `earlier`: every stored risk with the candidate's dedup key, in the store's order. */
  async #raise(c: RiskCandidate, earlier: readonly Risk[], routing: Routing, now: number, announce: Announce, changes: RiskChanges): Promise<void> {
    if (earlier.some((r) => r.status === 'open')) return;
    const last = earlier.reduce<Risk | undefined>((a, r) => (a === undefined || (r.resolvedAt ?? 0) > (a.resolvedAt ?? 0) ? r : a), undefined);
    if (last !== undefined && await this.#closedByPerson(last.id)) return;
    const risk = await recordRaised(this.ctx, c, now, announce);
    changes.raised.push(risk);
    if (await openTask(this.ctx, routing, risk, now, announce) === undefined) changes.unassigned.push(risk.id);
  }

  /** Rectified and verified by hand, or withdrawn on appeal: a person closed this finding, the data did not. */
  async #closedByPerson(riskId: string): Promise<boolean> {
    if (await verifiedByPerson(this.ctx, riskId)) return true;
    return (await this.ctx.store.listAppeals({ targetKind: 'risk', targetId: riskId, state: 'accepted' })).length > 0;
  }

  // ---- indicator signals (trend and the plugins' own triggers) ----

  #indicatorMap(): Map<string, LoopIndicator> {
    return new Map(this.ctx.indicators().map((i) => [i.definition.id, i]));
  }

  /**
   * Evaluates the `risks` of the given cells and resolves their open signal risks that no longer hold.
   * `open`: every open risk, when the caller has read them already (see `snapshotOpenRisks`).
   */
  async evaluateCells(cells: readonly Cell[], now: number, open?: OpenRiskSnapshot): Promise<RiskChanges> {
    const states = this.ctx.states();
    const indicators = this.#indicatorMap();
    const candidates: RiskCandidate[] = [];
    const scope: OpenRiskKey[] = [];
    const warnings: RiskChanges['warnings'] = [];
    const done = new CellSet();
    const openOf = open !== undefined ? open.ofSubject : await riskLookup(this.ctx.store, cells, {
      period: (c) => c.period, one: (c) => ({ status: 'open', subjectId: c.subjectId, period: c.period }),
      bulk: (period) => ({ status: 'open', period }), itemKey: (c) => c.subjectId, riskKey: (r) => r.subject.id,
      open: (few) => ({ subjects: few.map((c) => ({ subjectId: c.subjectId, period: c.period })) }),
    });
    for (const cell of cells) {
      const ind = indicators.get(cell.indicator);
      if (ind === undefined || !done.add(cell)) continue;
      const entry = states?.get(cell.indicator, cell.subjectKind, cell.subjectId, cell.period);
      if (entry !== undefined) {
        try {
          const found = signalCandidates(ind, entry.state, cell, now, this.ctx.directory.person(cell.subjectId));
          for (let i = 0; i < found.length; i++) candidates.push(found[i]);
        } catch (e) {
          // One plugin's bug must not stop the other warnings; its open risks stay as they are.
          warnings.push({ indicator: cell.indicator, message: (e as Error)?.message ?? String(e) });
          continue;
        }
      }
      // Awaited only when a read is pending: a hook group's cells are thousands a second.
      const open = openOf(cell);
      for (const r of Array.isArray(open) ? open : await open) if (isSignalOf(r, cell)) scope.push(r);
    }
    return this.reconcile(candidates, scope, now, warnings);
  }

  /** The periods with kept states that pass `keep`. */
  periodsWhere(keep: (period: PeriodId) => boolean): Set<PeriodId> {
    const out = new Set<PeriodId>();
    for (const p of this.ctx.states()?.periods() ?? []) if (keep(p)) out.add(p);
    return out;
  }

  /**
   * Cells of every kept state of the given periods, plus the cells of open signal risks (to clear
   * them): of every period (`scope: 'all'`, the scheduled scan re-checks everything open), or of the
   * given periods only (a close judges its own period; re-checking another period's risks would
   * read that period's states too: twelve months of a province at a year's close).
   */
  async cellsOf(periods: ReadonlySet<PeriodId>, open?: OpenRiskSnapshot, scope: 'all' | 'periods' = 'all'): Promise<Cell[]> {
    const cells: Cell[] = [];
    // A kept state names its cell itself: no copy of each of a province's quarter million.
    for (const entries of this.#statesOf(periods)) for (let i = 0; i < entries.length; i++) cells.push(entries[i]);
    for (const r of open?.all ?? await openRiskKeys(this.ctx.store)) {
      if (!isSignalKey(r.dedupKey) || (scope === 'periods' && !periods.has(r.period))) continue;
      cells.push({ indicator: r.indicator, subjectKind: r.subject.kind, subjectId: r.subject.id, period: r.period });
    }
    return cells;
  }

  /**
   * The kept states of each period, as the table holds them: arrays, not a generator, whose every
   * step is a result object (10 MB for each walk of a province's year).
   */
  #statesOf(periods: ReadonlySet<PeriodId>): (readonly StoredState[])[] {
    const states = this.ctx.states();
    const out: (readonly StoredState[])[] = [];
    if (states === undefined) return out;
    for (const p of periods) {
      const entries = states.periodEntries(p);
      out.push(Array.isArray(entries) ? entries : [...entries]);
    }
    return out;
  }

  // ---- built-in deadline trigger ----

  #categoriesOf(src: DeadlineSource): readonly RiskCategory[] {
    const def = this.#indicatorMap().get(src.indicator)?.definition;
    return def !== undefined && def.categories.length > 0 ? def.categories : src.categories;
  }

  /**
   * Events arrived: a matter accepted close to its deadline raises at once; a closing event
   * resolves its risk. A group of events is judged together: their closing events and the open
   * risks they close are read once for the group, and one transaction writes what changed (none
   * when nothing did), as if each event had been judged on its own, in order.
   */
  async onEvents(events: readonly ActivityEvent[], now: number): Promise<RiskChanges> {
    const { sources, windowMs } = this.ctx.config.deadline;
    const candidates: RiskCandidate[] = [];
    const closes: string[] = [];
    for (const src of sources) {
      const near = new Map<ActivityEvent, RiskCandidate>();
      let categories: readonly RiskCategory[] | undefined;
      for (const e of events) {
        if (e.source !== src.source) continue;
        if (e.type === src.type && isOpenAt(src, e, undefined, now)) {
          const c = deadlineCandidate(src, e, now, windowMs, categories ??= this.#categoriesOf(src));
          if (c) near.set(e, c);
        }
        const opening = openingIdOf(src, e);
        if (opening !== undefined && closedAt(src, e) <= now) closes.push(deadlineKey(src, opening));
      }
      if (near.size === 0) continue;
      // The hook path may not have stored the event: judge it from itself and its stored closing event.
      const closing = await closingEvents(this.ctx.store, src, [...near.keys()]);
      for (const [e, c] of near) if (isOpenAt(src, e, closing.get(e.id), now)) candidates.push(c);
    }
    return this.reconcile(candidates, closes.length ? await openRisks(this.ctx.store, { dedupKeys: closes }) : [], now);
  }

  /** One event: `onEvents` of a group of one. */
  onEvent(e: ActivityEvent, now: number): Promise<RiskChanges> {
    return this.onEvents([e], now);
  }

  /** The scheduled deadline check: raises for matters that aged into the window, resolves those completed since. */
  async scanDeadlines(now: number, open?: OpenRiskSnapshot): Promise<RiskChanges> {
    const { sources, windowMs, lookbackMs } = this.ctx.config.deadline;
    const candidates: RiskCandidate[] = [];
    for (const src of sources) candidates.push(...await scanDeadlines(this.ctx.store, src, now, windowMs, lookbackMs, this.#categoriesOf(src)));
    const found = new Set(candidates.map((c) => c.dedupKey));
    const scope: OpenRiskKey[] = [];
    for (const r of open?.all ?? await openRiskKeys(this.ctx.store)) {
      const parsed = found.has(r.dedupKey) ? undefined : parseDeadlineKey(r.dedupKey, sources);
      // Checked one by one, not by absence from the scan: a matter older than the lookback is still open.
      if (parsed !== undefined && !await matterOpen(this.ctx.store, parsed.src, parsed.eventId, now)) scope.push(r);
    }
    return this.reconcile(candidates, scope, now);
  }

  // ---- built-in peer outlier trigger ----

  /** Outliers against peers in the given periods; open outlier risks of those periods that no longer hold resolve. */
  async evaluateOutliers(periods: ReadonlySet<PeriodId>, now: number, open?: OpenRiskSnapshot): Promise<RiskChanges> {
    const candidates = outlierCandidates(this.ctx.indicators(), this.#statesOf(periods), this.ctx.directory, periods, this.ctx.config.outlier);
    const all = open?.all ?? await openRiskKeys(this.ctx.store);
    return this.reconcile(candidates, all.filter((r) => isOutlierKey(r.dedupKey) && periods.has(r.period)), now);
  }

  /**
   * Every open risk (of one period, for a close, whose steps judge that period only), read once for
   * the steps of a close or a scan. Each step reads only risks of its own trigger (deadline, signal
   * or outlier keys) and writes only those, so what an earlier step changed never concerns a later
   * one: one read of a province's 67 k open risks instead of four, and a close reads its period's.
   */
  async snapshotOpenRisks(period?: PeriodId): Promise<OpenRiskSnapshot> {
    const all = await openRiskKeys(this.ctx.store, period);
    const bySubject = new Map<string, OpenRiskKey[]>();
    for (const r of all) pushTo(bySubject, `${r.period}\u0000${r.subject.id}`, r);
    return { all, ofSubject: (c) => bySubject.get(`${c.period}\u0000${c.subjectId}`) ?? [] };
  }
}

/** Open risks read once (RiskEngine.snapshotOpenRisks): all of them, and those of one subject in one period. */
export interface OpenRiskSnapshot {
  readonly all: readonly OpenRiskKey[];
  ofSubject(cell: Pick<Cell, 'period' | 'subjectId'>): readonly OpenRiskKey[];
}

/** The keys of every open risk (of one period): `listOpenRiskKeys` where the store has it, else the risks in full. */
function openRiskKeys(store: Store, period?: PeriodId): Awaitable<readonly OpenRiskKey[]> {
  const query = period === undefined ? {} : { period };
  return store.listOpenRiskKeys ? store.listOpenRiskKeys(query) : store.listRisks({ status: 'open', ...query });
}

/**
 * What a reconcile must write: candidates no open risk in scope confirms (`fresh`, first of each
 * key), and open risks in scope no candidate confirms (`cleared`, each once). An open risk a
 * candidate confirms stays as it is: not raised again, not resolved.
 */
function pending(candidates: readonly RiskCandidate[], scope: readonly OpenRiskKey[]): { fresh: RiskCandidate[]; cleared: OpenRiskKey[] } {
  const open = new Set<string>();
  for (const r of scope) if (r.status === 'open') open.add(r.dedupKey);
  const keys = new Set<string>();
  const fresh: RiskCandidate[] = [];
  for (const c of candidates) {
    if (keys.has(c.dedupKey)) continue;
    keys.add(c.dedupKey);
    if (!open.has(c.dedupKey)) fresh.push(c);
  }
  const ids = new Set<string>();
  const cleared: OpenRiskKey[] = [];
  for (const r of scope) {
    if (r.status !== 'open' || keys.has(r.dedupKey) || ids.has(r.id)) continue;
    ids.add(r.id);
    cleared.push(r);
  }
  return { fresh, cleared };
}

/** The open risks matching `match`: one read where the store has `listOpenRisks`, else one `listRisks` per key and subject. */
async function openRisks(store: Store, match: OpenRiskMatch): Promise<Risk[]> {
  if (store.listOpenRisks) return store.listOpenRisks(match);
  const out: Risk[] = [];
  for (const dedupKey of match.dedupKeys ?? []) out.push(...await store.listRisks({ status: 'open', dedupKey }));
  for (const { subjectId, period } of match.subjects ?? []) out.push(...await store.listRisks({ status: 'open', subjectId, period }));
  return out;
}

interface RiskLookupPlan<T> {
  /** Undefined: always look this item up on its own. */
  period(item: T): PeriodId | undefined;
  /** The query for one item's risks. */
  one(item: T): RiskQuery;
  /** The query for every risk of a period that any item of the period may need. */
  bulk(period: PeriodId): RiskQuery;
  /** Which of a period's risks belong to an item: `itemKey(item) === riskKey(risk)`. */
  itemKey(item: T): string;
  riskKey(risk: Risk): string;
  /**
   * For plans that want open risks of items with a period: the match for the items of periods too
   * small for a bulk read, read in one `listOpenRisks` where the store has it (one hook group's cells).
   */
  open?(few: readonly T[]): OpenRiskMatch;
}

/**
 * Stored risks for many items (cells, candidates). Where the plan and the store allow (`open`),
 * every item's open risks are read together by their keys: one `listOpenRisks`, which the SQLite
 * store answers from memory. Otherwise a period with many items (the scheduled scan) reads its risks
 * in one query, and a few items each on their own, which beats reading every risk of a busy period.
 * Read before anything is written: the caller looks each item up once.
 */
async function riskLookup<T>(store: Store, items: readonly T[], plan: RiskLookupPlan<T>): Promise<(item: T) => Risk[] | Promise<Risk[]>> {
  const byKeys = plan.open !== undefined && store.listOpenRisks !== undefined;
  const perPeriod = new Map<PeriodId, number>();
  for (const item of byKeys ? [] : items) {
    const period = plan.period(item);
    if (period !== undefined) perPeriod.set(period, (perPeriod.get(period) ?? 0) + 1);
  }
  const bulk = new Map<PeriodId, Map<string, Risk[]>>();
  for (const [period, n] of perPeriod) {
    if (n < BULK_RISK_LOOKUP) continue;
    const byKey = new Map<string, Risk[]>();
    for (const r of await store.listRisks(plan.bulk(period))) pushTo(byKey, plan.riskKey(r), r);
    bulk.set(period, byKey);
  }
  const few = byKeys ? items.filter((item) => plan.period(item) !== undefined) : [];
  if (few.length > 0) {
    for (const r of await store.listOpenRisks!(plan.open!(few))) {
      let byKey = bulk.get(r.period);
      if (byKey === undefined) bulk.set(r.period, byKey = new Map());
      pushTo(byKey, plan.riskKey(r), r);
    }
    for (const item of few) if (!bulk.has(plan.period(item)!)) bulk.set(plan.period(item)!, new Map());
  }
  return (item) => {
    const period = plan.period(item);
    const byKey = period === undefined ? undefined : bulk.get(period);
    return byKey === undefined ? store.listRisks(plan.one(item)) : byKey.get(plan.itemKey(item)) ?? [];
  };
}

/** Appends `value` to the list under `key`, starting the list when it is the first. */
function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else list.push(value);
}

/** Combines the changes of several evaluations into one report. */
export function mergeChanges(parts: readonly RiskChanges[]): RiskChanges {
  const out = emptyChanges();
  for (const p of parts) {
    out.raised.push(...p.raised);
    out.resolved.push(...p.resolved);
    out.unassigned.push(...p.unassigned);
    out.warnings.push(...p.warnings);
  }
  return out;
}

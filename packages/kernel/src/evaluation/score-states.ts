import { kpError, parsePeriod, resultCountOf, type Composite, type OrgUnit, type Person, type PeriodId, type Result, type ResultColumns, type Store, type Tier } from '@kaoping/contract';
import type { StateTable } from '../engine/state-table.js';
import type { Kernel } from '../kernel.js';
import { hashColumnsAhead, spareCore } from '../loop/audit-hash-thread.js';
import { SYSTEM_ACTOR } from '../loop/types.js';
import { scorePeriod } from '../scoring/score-period.js';
import { indicatorColumns, ruleOutcomes, scoringConfigOf, scoringIndicators } from './scoring-inputs.js';

/** What a period close produces (the contract model's results, composites and tiers). */
export interface PeriodScores {
  results: Result[];
  /** The same results as columns, when scoring made them: what a close stores and hashes, without building `results`. */
  resultColumns?: ResultColumns;
  composites: Composite[];
  /** Empty unless the period is a year. */
  tiers: Tier[];
}

/** How many results a period's scores hold, counted from their columns where it can (without building the rows). */
export function resultCount(scores: PeriodScores): number {
  return scores.resultColumns ? resultCountOf(scores.resultColumns) : scores.results.length;
}

function byId<T extends { id: string }>(a: T, b: T): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * Scores one period from a state table: the kernel's kept `kernel.states`, or a table a batch
 * engine merged from its workers. Pure compute, no store: every person and unit of the directory
 * gets a result per started indicator of its kind (a subject without a state is scored from
 * `init()`), rules decide for years, and `scorePeriod` does the rest with the deployment's
 * `scoring` config. Subjects are taken in id order so the output does not depend on load order.
 */
export function scoreStates(kernel: Kernel, table: StateTable, periodId: PeriodId): PeriodScores {
  const period = parsePeriod(periodId);
  const people: Person[] = kernel.directory.people().sort(byId);
  const units: OrgUnit[] = kernel.directory.units().sort(byId);
  return scorePeriod({
    period,
    units,
    people,
    indicators: scoringIndicators(kernel),
    values: indicatorColumns(kernel, table, period, people, units),
    ruleOutcomes: ruleOutcomes(kernel, table, period),
    config: scoringConfigOf(kernel),
  });
}

export function requireStore(kernel: Kernel, action: string): Store {
  if (!kernel.store) throw kpError('KP_ERR_STORE', `${action} needs a kernel created with a store (createKernel({ store }))`);
  return kernel.store;
}

export interface StoreScoresOptions {
  /**
   * Whether a large close's results are hashed for the audit on the audit thread while they are
   * written (true), or in this thread (false). By default, when the machine has a spare core
   * (`spareCore`): without one the thread only competes with the writes.
   */
  auditThread?: boolean;
}

/**
 * Persists a period's scores in one store transaction: results, composites and tiers of the
 * period are replaced together, so a reader never sees a half-closed period. Results go through
 * the closed loop, which records each row's hash in the audit log (`kaoping audit verify`).
 */
export async function storeScores(kernel: Kernel, periodId: PeriodId, scores: PeriodScores, actor: string = SYSTEM_ACTOR, options: StoreScoresOptions = {}): Promise<void> {
  const store = requireStore(kernel, 'storing scores');
  parsePeriod(periodId);
  // The audit thread hashes the results while this thread writes composites, tiers and results;
  // results go last so that every write overlaps the hashing.
  if (scores.resultColumns && (options.auditThread ?? spareCore())) void hashColumnsAhead(scores.resultColumns);
  await store.transaction(async () => {
    await store.putComposites(periodId, scores.composites);
    await store.putTiers(periodId, scores.tiers);
    await kernel.loop.putResults(periodId, scores.resultColumns ?? scores.results, actor);
  });
}

/**
 * Period close from the kept states, without re-reading a single event; then the closed loop
 * checks the period's final states for warnings and outliers.
 */
export async function closePeriod(kernel: Kernel, periodId: PeriodId, actor: string = SYSTEM_ACTOR): Promise<PeriodScores> {
  requireStore(kernel, 'closing a period');
  const scores = scoreStates(kernel, kernel.states, periodId);
  await storeScores(kernel, periodId, scores, actor);
  await kernel.loop.onPeriodClosed(periodId);
  return scores;
}

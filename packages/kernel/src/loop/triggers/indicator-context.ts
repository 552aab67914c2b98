import { parsePeriod, type AggregateContext, type PeriodId, type Person, type SubjectKind } from '@kaoping/contract';
import type { LoopIndicator } from '../types.js';

/** One indicator state's coordinates: what a trigger evaluates and a risk is filed under. */
export interface Cell {
  indicator: string;
  subjectKind: SubjectKind;
  subjectId: string;
  period: PeriodId;
}

/**
 * A set of cells by nested maps, not joined-string keys: a year's close checks a province's quarter
 * of a million cells, and a key string per cell was a sixth of the garbage those checks made.
 */
export class CellSet {
  readonly #ids = new Map<string, Map<PeriodId, Map<SubjectKind, Set<string>>>>();

  /** Adds the cell; false when it was there already. */
  add(c: Cell): boolean {
    let byPeriod = this.#ids.get(c.indicator);
    if (byPeriod === undefined) this.#ids.set(c.indicator, (byPeriod = new Map()));
    let byKind = byPeriod.get(c.period);
    if (byKind === undefined) byPeriod.set(c.period, (byKind = new Map()));
    let ids = byKind.get(c.subjectKind);
    if (ids === undefined) byKind.set(c.subjectKind, (ids = new Set()));
    if (ids.has(c.subjectId)) return false;
    ids.add(c.subjectId);
    return true;
  }
}

export function aggregateContext(ind: LoopIndicator, period: PeriodId, subjectKind: SubjectKind): AggregateContext<Record<string, unknown>> {
  return { period: parsePeriod(period), params: ind.params, subjectKind };
}

/** False for a person the indicator does not apply to (party indicators for non-members): no value, no warning. */
export function appliesTo(ind: LoopIndicator, subjectKind: SubjectKind, person: Person | undefined): boolean {
  if (subjectKind !== 'person' || person === undefined || typeof ind.definition.appliesTo !== 'function') return true;
  return ind.definition.appliesTo(person, ind.params);
}

/** The indicator's value, null when it has none (or a plugin slips a non-finite number). */
export function valueOf(ind: LoopIndicator, state: unknown, cell: Cell): number | null {
  const v = ind.definition.value(state, aggregateContext(ind, cell.period, cell.subjectKind));
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

/** The ids of the records behind a state, when the plugin can say. */
export function evidenceOf(ind: LoopIndicator, state: unknown): string[] {
  return typeof ind.definition.evidence === 'function' ? [...ind.definition.evidence(state)] : [];
}

/** Whether the period contains the instant: period-to-date checks look only at these. */
export function periodContains(period: PeriodId, now: number): boolean {
  const p = parsePeriod(period);
  return p.start <= now && now < p.end;
}

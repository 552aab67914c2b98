import { parsePeriod, type AggregateContext, type PeriodId, type Person, type SubjectKind } from '@kaoping/contract';
import type { LoopIndicator } from '../types.js';

/** One indicator state's coordinates: what a trigger evaluates and a risk is filed under. */
export interface Cell {
  indicator: string;
  subjectKind: SubjectKind;
  subjectId: string;
  period: PeriodId;
}

export function cellKey(c: Cell): string {
  return `${c.indicator}\u0000${c.subjectKind}\u0000${c.subjectId}\u0000${c.period}`;
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

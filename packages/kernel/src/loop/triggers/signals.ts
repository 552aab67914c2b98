import type { OpenRiskKey, Person } from '@kaoping/contract';
import type { LoopIndicator, RiskCandidate } from '../types.js';
import { aggregateContext, appliesTo, evidenceOf, type Cell } from './indicator-context.js';

const PREFIX = 'signal|';
/** Shared by every state that warns of nothing; callers copy candidates out, never into it. */
const NO_CANDIDATES: readonly RiskCandidate[] = Object.freeze([]);

/** The dedup key of a warning an indicator's `risks` raised (trend and the plugin's own triggers). */
export function signalKey(cell: Cell, trigger: string, key: string | undefined): string {
  return `${PREFIX}${cell.indicator}|${trigger}|${cell.subjectKind}|${cell.subjectId}|${cell.period}|${key ?? ''}`;
}

export function isSignalKey(key: string): boolean {
  return key.startsWith(PREFIX);
}

/** Whether an open risk came from this cell's `risks`: re-evaluating the cell can clear it. */
export function isSignalOf(risk: OpenRiskKey, cell: Cell): boolean {
  return risk.dedupKey.startsWith(PREFIX) && risk.indicator === cell.indicator && risk.subject.kind === cell.subjectKind
    && risk.subject.id === cell.subjectId && risk.period === cell.period;
}

/**
 * The indicator's own warnings for one state (事前), as risk candidates tagged with its categories.
 * A signal without evidence ids takes the state's evidence, so every risk points at its records.
 */
export function signalCandidates(ind: LoopIndicator, state: unknown, cell: Cell, now: number, person: Person | undefined): readonly RiskCandidate[] {
  const def = ind.definition;
  if (typeof def.risks !== 'function' || !appliesTo(ind, cell.subjectKind, person)) return NO_CANDIDATES;
  const { period, params, subjectKind } = aggregateContext(ind, cell.period, cell.subjectKind);
  // An object literal, not `{ ...context, now, subjectId }`: on Node 20 a spread followed by more
  // properties costs microseconds, and this runs for every cell a hook call changed.
  const signals = def.risks(state, { period, params, subjectKind, now, subjectId: cell.subjectId });
  // Most states warn of nothing: no new empty array for each of a close's quarter million.
  if (signals.length === 0) return NO_CANDIDATES;
  return signals.map((s) => ({
    dedupKey: signalKey(cell, s.trigger, s.key),
    trigger: s.trigger,
    categories: [...def.categories],
    severity: s.severity,
    subject: { kind: cell.subjectKind, id: cell.subjectId },
    period: cell.period,
    indicator: cell.indicator,
    evidence: s.evidence.length ? [...s.evidence] : evidenceOf(ind, state),
    message: s.message,
  }));
}

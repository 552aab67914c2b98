import type { ActivityEvent, Attribution, EventQuery, Period, SubjectKind } from '@kaoping/contract';
import type { AggregateDefinition } from '../engine/dispatch.js';
import type { Kernel } from '../kernel.js';
import { requireStore } from './score-states.js';

/** Ids shown in full up to this many; beyond it, the first ones and the count. */
export const EVIDENCE_ID_LIMIT = 100;

/** The records behind a value (以事见人), found in the store. */
export interface EventEvidence {
  /** How many records are behind the value. */
  count: number;
  /** Their ids, oldest first: all of them, or the first `limit`. */
  ids: string[];
  truncated: boolean;
  attribution: Attribution;
  /** The store query the records were read with (types, time window, actor or units). */
  query: EventQuery;
  /** How the records were chosen, for the reader. */
  rule: string;
}

export interface EvidenceTarget {
  def: AggregateDefinition;
  params: Record<string, unknown>;
  attribution: Attribution;
  subjectKind: SubjectKind;
  subjectId: string;
  period: Period;
}

const RULE = {
  'event-time': 'records of the consumed types attributed to the subject in the period whose add changes a fresh state',
  'period-end': 'records of the consumed types attributed to the subject before the period end whose add changes a fresh state '
    + '(for a stock such as overdue-open: every matter accepted before the end and every completion that took one back, '
    + 'not only the matters counted)',
} as const;

/** The store query for a subject's records: the actor's own, or those of every unit in the unit's subtree. */
export function evidenceQuery(kernel: Kernel, t: EvidenceTarget): EventQuery {
  const window = t.attribution === 'period-end' ? { to: t.period.end } : { from: t.period.start, to: t.period.end };
  const who = t.subjectKind === 'person' ? { actorId: t.subjectId } : { unitIds: kernel.directory.subtree(t.subjectId) };
  return { ...window, types: [...t.def.consumes], ...who };
}

/**
 * Whether the event counts for the value: adding it to a fresh state changes that state. This
 * asks the plugin's own `add` (which applies the indicator's precise tests, such as "accepted
 * before the period end") instead of re-stating its logic here.
 */
function changesFreshState(t: EvidenceTarget, e: ActivityEvent, fresh: string): boolean {
  const state = t.def.init();
  t.def.add(state, e, { period: t.period, params: t.params, subjectKind: t.subjectKind });
  return JSON.stringify(state) !== fresh;
}

/** Scans the store for the records behind one subject's value of one indicator (or rule). */
export async function eventsBehind(kernel: Kernel, t: EvidenceTarget, limit = EVIDENCE_ID_LIMIT): Promise<EventEvidence> {
  const store = requireStore(kernel, 'explaining');
  const query = evidenceQuery(kernel, t);
  const fresh = JSON.stringify(t.def.init());
  const ids: string[] = [];
  let count = 0;
  for await (const batch of store.scanEvents(query)) {
    for (const e of batch) {
      if (!changesFreshState(t, e, fresh)) continue;
      count++;
      if (ids.length < limit) ids.push(e.id);
    }
  }
  return { count, ids, truncated: count > ids.length, attribution: t.attribution, query, rule: RULE[t.attribution] };
}

/** The records with the given ids among a person's records of the given types in the period. */
export async function recordsById(kernel: Kernel, personId: string, types: readonly string[], period: Period, ids: readonly string[]): Promise<ActivityEvent[]> {
  const store = requireStore(kernel, 'explaining');
  const wanted = new Set(ids);
  const out: ActivityEvent[] = [];
  for await (const batch of store.scanEvents({ actorId: personId, types, from: period.start, to: period.end })) {
    for (const e of batch) if (wanted.has(e.id)) out.push(e);
  }
  return out;
}

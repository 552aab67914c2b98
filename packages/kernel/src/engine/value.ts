import type { AggregateContext, Person } from '@kaoping/contract';
import type { Consumer } from './dispatch.js';
import type { StateEntry } from './state-table.js';

/**
 * An indicator's value for one state: null for a person the indicator does not apply to (party
 * indicators for non-members), and null rather than NaN/±Infinity should a plugin slip.
 */
export function valueOfEntry(
  consumer: Consumer, entry: StateEntry, ctx: AggregateContext<unknown>, person: (id: string) => Person | undefined,
): number | null {
  if (consumer.kind !== 'indicator') return null;
  if (entry.subjectKind === 'person' && consumer.appliesTo) {
    const p = person(entry.subjectId);
    if (p && !consumer.appliesTo(p)) return null;
  }
  const v = (consumer.def as { value(s: unknown, c: AggregateContext<unknown>): number | null }).value(entry.state, ctx);
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

import type { ActivityEvent, AggregateContext, Period, SubjectKind } from '@kaoping/contract';
import type { Consumer, DispatchTable } from './dispatch.js';
import type { StateEntry, StateTable } from './state-table.js';

/** What accumulate needs to know about the org: a person's unit and a unit's chain to the root. */
export interface OrgLookup {
  unitOf(personId: string): string | undefined;
  ancestors(unitId: string): readonly string[];
}

export interface AccumulateContext {
  readonly dispatch: DispatchTable;
  readonly directory: OrgLookup;
  /** Epoch ms; bounds `period-end` attribution to the current year. */
  now(): number;
  /** A consumer's `add` threw: the rest of this event still reaches the other consumers. */
  onError?(consumer: Consumer, error: unknown, event: ActivityEvent): void;
}

/**
 * The states an accumulate touched, as parallel arrays reused from call to call, so the hook
 * allocates nothing here once warm. Read the first `length` items.
 */
export class Touched {
  length = 0;
  readonly entries: StateEntry[] = [];
  readonly consumers: Consumer[] = [];
  readonly contexts: AggregateContext<unknown>[] = [];

  push(entry: StateEntry, consumer: Consumer, ctx: AggregateContext<unknown>): void {
    const i = this.length++;
    this.entries[i] = entry;
    this.consumers[i] = consumer;
    this.contexts[i] = ctx;
  }

  reset(): void {
    this.length = 0;
  }
}

const NO_UNITS: readonly string[] = Object.freeze([]);

/** The unit the event counts for (its own, else the actor's HR unit) and every unit above it. */
export function unitsOf(event: ActivityEvent, directory: OrgLookup): readonly string[] {
  const unit = event.unitId ?? (event.actorId !== null ? directory.unitOf(event.actorId) : undefined);
  return unit === undefined ? NO_UNITS : directory.ancestors(unit);
}

/** The periods of the consumer's kinds this event counts in (see `Attribution`). */
export function periodsFor(consumer: Consumer, occurredAt: number, now: number): readonly Period[] {
  const idx = consumer.periods;
  if (consumer.attribution === 'event-time') return idx.containing(occurredAt);
  return idx.endingAfter(occurredAt, Math.max(idx.yearOf(occurredAt), idx.yearOf(now)));
}

function addTo(
  table: StateTable, consumer: Consumer, kind: SubjectKind, subjectId: string,
  periods: readonly Period[], event: ActivityEvent, out: Touched | undefined,
): void {
  const slot = table.subject(consumer.id, kind, subjectId);
  for (let i = 0; i < periods.length; i++) {
    const period = periods[i];
    const entry = slot.getOrInit(period.id, consumer.init);
    const ctx = consumer.context(period, kind);
    consumer.def.add(entry.state, event, ctx);
    table.markDirty(entry);
    out?.push(entry, consumer, ctx);
  }
}

/**
 * Folds one event into the state table: for every indicator and rule consuming its type, into
 * the state of each subject (the actor; for unit indicators the event's unit and every unit above
 * it, since unit values roll up the tree) in each period it counts in. The same function serves
 * the hook, import and batch workers. Returns how many states it touched; `out` collects them.
 */
export function accumulate(event: ActivityEvent, table: StateTable, ctx: AccumulateContext, out?: Touched): number {
  const consumers = ctx.dispatch.consumersOf(event.type);
  const before = out?.length ?? 0;
  let touched = 0;
  let units: readonly string[] | undefined;
  for (let i = 0; i < consumers.length; i++) {
    const c = consumers[i];
    if (c.failed) continue;
    try {
      const periods = periodsFor(c, event.occurredAt, c.attribution === 'period-end' ? ctx.now() : 0);
      if (c.forPerson && event.actorId !== null) {
        addTo(table, c, 'person', event.actorId, periods, event, out);
        touched += periods.length;
      }
      if (c.forUnit) {
        units ??= unitsOf(event, ctx.directory);
        for (let u = 0; u < units.length; u++) addTo(table, c, 'unit', units[u], periods, event, out);
        touched += units.length * periods.length;
      }
    } catch (error) {
      if (!ctx.onError) throw error;
      ctx.onError(c, error, event);
    }
  }
  return out ? out.length - before : touched;
}

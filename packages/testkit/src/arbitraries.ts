import { parsePeriod, type ActivityEvent, type AttrValue, type PeriodId } from '@kaoping/contract';
import fc from 'fast-check';
import { toEpoch, type TimeInput } from './events.js';

/**
 * Instants in [from, to), leaning on the two ends: off-by-one at a period boundary is the
 * mistake worth finding, and uniform draws over a year almost never hit it.
 */
export function timeArbitrary(from: TimeInput, to: TimeInput): fc.Arbitrary<number> {
  const lo = toEpoch(from);
  const hi = toEpoch(to) - 1;
  if (!(hi >= lo)) throw new Error(`timeArbitrary: empty window [${from}, ${to})`);
  return fc.oneof(
    { arbitrary: fc.integer({ min: lo, max: hi }), weight: 4 },
    { arbitrary: fc.constantFrom(lo, hi), weight: 1 },
  );
}

export interface EventSpec {
  /** The event type, or several to pick from. */
  type: string | readonly string[];
  /** Default `test`. */
  source?: string;
  /** An arbitrary per attribute. */
  attrs?: Readonly<Record<string, fc.Arbitrary<AttrValue>>>;
  /** Actor ids to pick from (default P001, P002, P003). */
  actors?: readonly (string | null)[];
  /** Unit ids to pick from (default U001, null). */
  units?: readonly (string | null)[];
  /** occurredAt window [from, to); default the `period`, or the year 2026. */
  from?: TimeInput;
  to?: TimeInput;
  period?: PeriodId;
  /** Ties fields together after drawing, e.g. `(e) => ({ ...e, attrs: { ...e.attrs, completedAt: e.occurredAt } })`. */
  derive?: (event: ActivityEvent) => ActivityEvent;
}

/** An arbitrary ActivityEvent from a small spec, for `checkIndicatorProperties`. */
export function eventArbitrary(spec: EventSpec): fc.Arbitrary<ActivityEvent> {
  const window = parsePeriod(spec.period ?? '2026');
  const types = typeof spec.type === 'string' ? [spec.type] : [...spec.type];
  const attrs = spec.attrs ?? {};
  const event = fc.record({
    id: fc.nat({ max: 1_000_000 }).map((n) => `ev-${n}`),
    source: fc.constant(spec.source ?? 'test'),
    type: fc.constantFrom(...types),
    actorId: fc.constantFrom(...(spec.actors ?? ['P001', 'P002', 'P003'])),
    unitId: fc.constantFrom(...(spec.units ?? ['U001', null])),
    occurredAt: timeArbitrary(spec.from ?? window.start, spec.to ?? window.end),
    attrs: fc.record({ ...attrs }) as fc.Arbitrary<Record<string, AttrValue>>,
  });
  // Plain prototypes, as adapters produce them (fast-check may build null-prototype records).
  const plain = event.map((e) => ({ ...e, attrs: { ...e.attrs } }));
  return spec.derive ? plain.map(spec.derive) : plain;
}

/**
 * Lists of events with ids unique per source, as the store guarantees: the kernel never
 * hands `add` the same record twice.
 */
export function eventListArbitrary(event: fc.Arbitrary<ActivityEvent>, maxLength: number): fc.Arbitrary<ActivityEvent[]> {
  return fc.array(event, { maxLength }).map(uniqueIds);
}

export function uniqueIds(events: readonly ActivityEvent[]): ActivityEvent[] {
  const seen = new Set<string>();
  return events.map((e, i) => {
    const key = `${e.source}\u0000${e.id}`;
    if (!seen.has(key)) {
      seen.add(key);
      return e;
    }
    const id = `${e.id}~${i}`;
    seen.add(`${e.source}\u0000${id}`);
    return { ...e, id };
  });
}

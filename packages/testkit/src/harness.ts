import {
  createAjv, formatIssues, parsePeriod, toIssues,
  type ActivityEvent, type AggregateContext, type IndicatorDefinition, type JsonSchema, type Period, type PeriodId, type SubjectKind,
} from '@kaoping/contract';

/* eslint-disable @typescript-eslint/no-explicit-any */
/** Any indicator definition, whatever its state and params types. */
export type AnyIndicator = IndicatorDefinition<any, any>;
export type StateOf<D> = D extends IndicatorDefinition<infer S, any> ? S : never;
export type ParamsOf<D> = D extends IndicatorDefinition<any, infer P> ? P : never;

/**
 * Whether the kernel would hand this event to `add` for a state of this period: the
 * indicator consumes its type, and its attribution puts it in the period (`event-time`:
 * occurredAt within [start, end); `period-end`: occurredAt before the end).
 */
export function countsIn(def: Pick<AnyIndicator, 'consumes' | 'attribution'>, event: ActivityEvent, period: Period): boolean {
  if (!def.consumes.includes(event.type)) return false;
  if (def.attribution === 'period-end') return event.occurredAt < period.end;
  return event.occurredAt >= period.start && event.occurredAt < period.end;
}

export function eventsIn(def: Pick<AnyIndicator, 'consumes' | 'attribution'>, events: readonly ActivityEvent[], period: Period): ActivityEvent[] {
  return events.filter((e) => countsIn(def, e, period));
}

type Validator = ReturnType<ReturnType<typeof createAjv>['compile']>;
const validators = new WeakMap<object, Validator>();

/**
 * Compiles a schema once per schema object: compiling costs far more than validating. One
 * ajv per schema, so two plugins that reuse a `$id` do not collide here.
 */
export function compiled(schema: JsonSchema): Validator {
  let v = validators.get(schema);
  if (!v) {
    v = createAjv().compile(schema);
    validators.set(schema, v);
  }
  return v;
}

/**
 * The indicator's defaults overlaid with `overrides`, validated against its own params
 * schema, as the kernel does with `params.<id>` from the config. Throws with the ajv issues.
 */
export function resolveParams<P extends Record<string, unknown>>(def: IndicatorDefinition<any, P>, overrides: Partial<P> = {}): P {
  const params = { ...def.params.defaults, ...overrides } as P;
  const validate = compiled(def.params.schema);
  if (!validate(params)) {
    throw new Error(`params ${JSON.stringify(params)} do not match the params schema of "${def.id}": ${formatIssues(toIssues(validate.errors))}`);
  }
  return params;
}

export function makeContext<P>(def: AnyIndicator, period: PeriodId | Period, subjectKind: SubjectKind | undefined, params: P): AggregateContext<P> {
  const kind = subjectKind ?? def.subjects[0];
  if (!def.subjects.includes(kind)) {
    throw new Error(`"${def.id}" does not measure subject kind "${kind}" (its subjects: ${def.subjects.join(', ')})`);
  }
  return Object.freeze({ period: typeof period === 'string' ? parsePeriod(period) : period, params, subjectKind: kind });
}

/** A state built the way the kernel builds one: `init()`, then `add` for each event, in order. */
export function buildState<S, P>(def: IndicatorDefinition<S, any>, events: readonly ActivityEvent[], ctx: AggregateContext<P>): S {
  const state = def.init() as S;
  for (const e of events) def.add(state, e, ctx);
  return state;
}

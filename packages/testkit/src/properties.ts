import type { ActivityEvent, AggregateContext, RiskContext } from '@kaoping/contract';
import { serialize } from 'node:v8';
import { firstDifference, numbersClose, show } from './deep-diff.js';
import type { AnyIndicator } from './harness.js';
import { buildState } from './harness.js';

/** One random case: a period and subject kind, three event lists already routed to that period. */
export interface PropertyInput {
  ctx: AggregateContext<unknown>;
  a: ActivityEvent[];
  b: ActivityEvent[];
  c: ActivityEvent[];
  /** Drives permutations, so a shrunk counterexample replays exactly. */
  seed: number;
  /** Where `a` is cut into chunks (taken modulo its length). */
  cuts: number[];
}

export interface Harness {
  readonly def: AnyIndicator;
  readonly tolerance: number;
  readonly maxStateBytes?: number;
}

export interface IndicatorProperty {
  name: string;
  /** What must hold and why the kernel relies on it; printed when it fails. */
  description: string;
  /** Which parts of the input the counterexample should show. */
  uses: readonly ('a' | 'b' | 'c' | 'cuts')[];
  /** False when the property does not apply to this indicator or these options. */
  applies?(h: Harness): boolean;
  check(h: Harness, input: PropertyInput): void;
}

function build(h: Harness, events: readonly ActivityEvent[], ctx: AggregateContext<unknown>): unknown {
  return buildState(h.def, events, ctx);
}

function valueOf(h: Harness, state: unknown, ctx: AggregateContext<unknown>): number | null {
  return h.def.value(state, ctx) as number | null;
}

function sameValue(a: number | null, b: number | null, tolerance: number): boolean {
  return a === null || b === null ? a === b : numbersClose(a, b, tolerance);
}

/** Throws, naming both sides, unless the two states have the same value and the same content. */
function expectSame(h: Harness, ctx: AggregateContext<unknown>, left: [string, unknown], right: [string, unknown]): void {
  const lv = valueOf(h, left[1], ctx);
  const rv = valueOf(h, right[1], ctx);
  if (!sameValue(lv, rv, h.tolerance)) throw new Error(`${left[0]} vs ${right[0]}: value ${show(lv)} vs ${show(rv)}`);
  const d = firstDifference(left[1], right[1], h.tolerance);
  if (d) throw new Error(`${left[0]} vs ${right[0]}: same value ${show(lv)} but the states differ at ${d}`);
}

function checkFinite(h: Harness, state: unknown, ctx: AggregateContext<unknown>, what: string): void {
  const v = valueOf(h, state, ctx);
  if (v === null) return;
  if (typeof v !== 'number') throw new Error(`value of ${what} is ${typeof v} ${show(v)}; it must be a number or null`);
  if (!Number.isFinite(v)) throw new Error(`value of ${what} is ${show(v)}; return null when there is not enough data`);
}

/** A deterministic shuffle, so the counterexample's seed replays the same order. */
function shuffled<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let x = (seed >>> 0) || 1;
  for (let i = out.length - 1; i > 0; i--) {
    x ^= x << 13; x >>>= 0; x ^= x >>> 17; x ^= x << 5; x >>>= 0;
    const j = x % (i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

function chunks<T>(items: readonly T[], cuts: readonly number[]): T[][] {
  const at = [...new Set(cuts.map((c) => (items.length === 0 ? 0 : c % (items.length + 1))))].sort((x, y) => x - y);
  const out: T[][] = [];
  let from = 0;
  for (const to of [...at, items.length]) {
    out.push(items.slice(from, to));
    from = to;
  }
  return out;
}

function deepFrozenCopy<T>(v: T): T {
  if (typeof v !== 'object' || v === null) return v;
  const copy = (Array.isArray(v) ? v.map(deepFrozenCopy) : Object.fromEntries(Object.entries(v).map(([k, x]) => [k, deepFrozenCopy(x)]))) as T;
  return Object.freeze(copy);
}

/** Feeds every event through one reused object, as a columnar engine does, then scribbles over it. */
function buildThroughOneSlot(h: Harness, events: readonly ActivityEvent[], ctx: AggregateContext<unknown>): unknown {
  const attrs: Record<string, ActivityEvent['attrs'][string]> = {};
  const slot: ActivityEvent = { id: '', source: '', type: '', actorId: null, unitId: null, occurredAt: 0, attrs };
  const state = h.def.init();
  for (const e of events) {
    for (const k of Object.keys(attrs)) delete attrs[k];
    Object.assign(attrs, e.attrs);
    Object.assign(slot, { id: e.id, source: e.source, type: e.type, actorId: e.actorId, unitId: e.unitId, occurredAt: e.occurredAt });
    h.def.add(state, slot, ctx);
  }
  for (const k of Object.keys(attrs)) delete attrs[k];
  Object.assign(slot, { id: '(reused slot)', source: '', type: '', actorId: null, unitId: null, occurredAt: -1 });
  return state;
}

function cloneOrExplain(state: unknown): unknown {
  try {
    return structuredClone(state);
  } catch (err) {
    throw new Error(`the state cannot be structured-cloned (${err instanceof Error ? err.message : String(err)}); keep it to plain data: objects, arrays, numbers, strings, Maps, typed arrays`);
  }
}

const SEVERITIES = new Set(['low', 'medium', 'high']);

function checkSignals(signals: unknown, where: string): void {
  if (!Array.isArray(signals)) throw new Error(`risks() returned ${show(signals)} for ${where}; it must return an array (empty for none)`);
  signals.forEach((s: Record<string, unknown>, i) => {
    const bad = (what: string) => new Error(`risks()[${i}] for ${where} ${what}: ${show(s)}`);
    if (typeof s !== 'object' || s === null) throw bad('is not an object');
    if (typeof s.trigger !== 'string' || s.trigger === '') throw bad('has no trigger name');
    if (!SEVERITIES.has(s.severity as string)) throw bad('has a severity other than low, medium or high');
    if (typeof s.message !== 'string' || s.message === '') throw bad('has no message for the person warned');
    if (!Array.isArray(s.evidence) || !s.evidence.every((x) => typeof x === 'string')) throw bad('has evidence that is not an array of record ids');
  });
}

export const INDICATOR_PROPERTIES: readonly IndicatorProperty[] = [
  {
    name: 'value-finite',
    description: 'value() is a finite number or null (never NaN or ±Infinity), also for init()',
    uses: ['a'],
    check(h, { ctx, a }) {
      checkFinite(h, h.def.init(), ctx, 'init()');
      checkFinite(h, build(h, a, ctx), ctx, `a state of ${a.length} events`);
    },
  },
  {
    name: 'deterministic',
    description: 'the same events give the same state and value every time, and value() leaves the state as it was (no hidden state outside the state object)',
    uses: ['a'],
    check(h, { ctx, a }) {
      const first = build(h, a, ctx);
      const v1 = valueOf(h, first, ctx);
      const second = build(h, a, ctx);
      const v2 = valueOf(h, second, ctx);
      if (!sameValue(v1, v2, h.tolerance)) throw new Error(`building the same events twice gave value ${show(v1)}, then ${show(v2)}`);
      const again = valueOf(h, first, ctx);
      if (!sameValue(v1, again, h.tolerance)) throw new Error(`value() of one state gave ${show(v1)}, then ${show(again)}`);
      expectSame(h, ctx, ['first build (value() called twice)', first], ['second build', second]);
    },
  },
  {
    name: 'init-fresh',
    description: 'init() returns a new empty state each time; adding to one state never changes another',
    uses: ['a'],
    check(h, { ctx, a }) {
      const before = cloneOrExplain(h.def.init());
      const s1 = h.def.init();
      const s2 = h.def.init();
      if (typeof s1 === 'object' && s1 !== null && s1 === s2) throw new Error('init() returned the same object twice; return a new object each call');
      build(h, a, ctx);
      expectSame(h, ctx, ['init() before adding events', before], ['init() after adding events to another state', h.def.init()]);
    },
  },
  {
    name: 'merge-associative',
    description: 'merge(merge(a, b), c) equals merge(a, merge(b, c)), so partial states combine in any grouping (workers, nodes)',
    uses: ['a', 'b', 'c'],
    check(h, { ctx, a, b, c }) {
      const s = (es: ActivityEvent[]) => build(h, es, ctx);
      const left = h.def.merge(h.def.merge(s(a), s(b)), s(c));
      const right = h.def.merge(s(a), h.def.merge(s(b), s(c)));
      expectSame(h, ctx, ['merge(merge(a, b), c)', left], ['merge(a, merge(b, c))', right]);
    },
  },
  {
    name: 'init-identity',
    description: 'init() is the identity of merge on both sides: merge(init(), s) and merge(s, init()) equal s',
    uses: ['a'],
    check(h, { ctx, a }) {
      expectSame(h, ctx, ['merge(init(), s)', h.def.merge(h.def.init(), build(h, a, ctx))], ['s', build(h, a, ctx)]);
      expectSame(h, ctx, ['merge(s, init())', h.def.merge(build(h, a, ctx), h.def.init())], ['s', build(h, a, ctx)]);
    },
  },
  {
    name: 'add-agrees-with-merge',
    description: 'adding an event to a state equals merging that state with a state of just that event',
    uses: ['a', 'b'],
    check(h, { ctx, a, b }) {
      for (const e of b.slice(0, 3)) {
        const added = build(h, a, ctx);
        h.def.add(added, e, ctx);
        expectSame(h, ctx, [`add(s, ${e.id})`, added], [`merge(s, add(init(), ${e.id}))`, h.def.merge(build(h, a, ctx), build(h, [e], ctx))]);
      }
    },
  },
  {
    name: 'partition-agrees',
    description: 'cutting the events into chunks and merging the chunk states equals adding them all to one state (batch path = incremental path)',
    uses: ['a', 'cuts'],
    check(h, { ctx, a, cuts }) {
      const parts = chunks(a, cuts);
      const merged = parts.map((p) => build(h, p, ctx)).reduce((acc, s) => h.def.merge(acc, s), h.def.init());
      expectSame(h, ctx, [`merging ${parts.length} chunk states`, merged], ['adding all events in order', build(h, a, ctx)]);
    },
  },
  {
    name: 'order-independent',
    description: 'the value does not depend on the order events arrive in (live hook, import and batch see different orders)',
    uses: ['a'],
    check(h, { ctx, a, seed }) {
      const v1 = valueOf(h, build(h, a, ctx), ctx);
      const order = shuffled(a, seed);
      const v2 = valueOf(h, build(h, order, ctx), ctx);
      if (!sameValue(v1, v2, h.tolerance)) throw new Error(`events in order [${a.map((e) => e.id).join(', ')}] give ${show(v1)}, in order [${order.map((e) => e.id).join(', ')}] give ${show(v2)}`);
    },
  },
  {
    name: 'structured-clone',
    description: 'a state survives structuredClone (worker threads, the store): same state and value, and adding more events to the clone gives what adding to the original gives',
    uses: ['a', 'b'],
    check(h, { ctx, a, b }) {
      const original = build(h, a, ctx);
      const clone = cloneOrExplain(original);
      expectSame(h, ctx, ['structuredClone(s)', clone], ['s', original]);
      for (const e of b) {
        h.def.add(clone, e, ctx);
        h.def.add(original, e, ctx);
      }
      expectSame(h, ctx, ['clone after adding b', clone], ['original after adding b', original]);
      expectSame(h, ctx, ['merge(clone of a, state of b)', h.def.merge(cloneOrExplain(build(h, a, ctx)), build(h, b, ctx))], ['state of a then b', build(h, [...a, ...b], ctx)]);
    },
  },
  {
    name: 'borrowed-event',
    description: 'add() reads the event and keeps no reference to it or its attrs (the engine may reuse one object for every row)',
    uses: ['a'],
    check(h, { ctx, a }) {
      expectSame(h, ctx, ['events through one reused object', buildThroughOneSlot(h, a, ctx)], ['fresh event objects', build(h, a, ctx)]);
    },
  },
  {
    name: 'event-untouched',
    description: 'add() never modifies the event it is given',
    uses: ['a'],
    check(h, { ctx, a }) {
      const frozen = a.map(deepFrozenCopy);
      let state: unknown;
      try {
        state = build(h, frozen, ctx);
      } catch (err) {
        throw new Error(`add() wrote to a (frozen) event: ${err instanceof Error ? err.message : String(err)}`);
      }
      expectSame(h, ctx, ['frozen events', state], ['fresh events', build(h, a, ctx)]);
    },
  },
  {
    name: 'risks-well-formed',
    description: 'risks() returns an array of signals with a trigger, a severity (low, medium, high), a message and evidence ids, the same for the same state',
    uses: ['a'],
    applies: (h) => typeof h.def.risks === 'function',
    check(h, { ctx, a }) {
      const riskCtx: RiskContext<unknown> = { ...ctx, now: ctx.period.end - 1, subjectId: 'P001' };
      const state = build(h, a, ctx);
      const first = h.def.risks!(state, riskCtx);
      checkSignals(first, `a state of ${a.length} events`);
      const d = firstDifference(first, h.def.risks!(state, riskCtx), h.tolerance);
      if (d) throw new Error(`risks() of one state differed between two calls at ${d}`);
    },
  },
  {
    name: 'state-budget',
    description: 'the serialized state stays within maxStateBytes (memory grows with subjects × indicators, not with events)',
    uses: ['a', 'b', 'c'],
    applies: (h) => h.maxStateBytes !== undefined,
    check(h, { ctx, a, b, c }) {
      const all = [...a, ...b, ...c];
      const bytes = serialize(build(h, all, ctx)).length;
      if (bytes > h.maxStateBytes!) throw new Error(`the state of ${all.length} events takes ${bytes} bytes serialized, over the budget of ${h.maxStateBytes}`);
    },
  },
];

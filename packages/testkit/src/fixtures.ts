/**
 * Small indicators for the testkit's own tests: one correct, and broken ones each with one
 * classic mistake, so every check is shown to fail on a real defect. Not exported.
 */
import { defineIndicator, type IndicatorSpec } from '@kaoping/contract';

export type ShareState = { done: number; ok: number };
export type ShareParams = { target: number; floor: number };

/** Share of `test.task.done` events with attrs.ok === true; null with none. */
export const shareSpec: IndicatorSpec<ShareState, ShareParams> = {
  id: 'test.share',
  version: '1.0.0',
  api: '^1',
  title: { zh: '达标占比', en: 'Share ok' },
  domain: 'business',
  subjects: ['person', 'unit'],
  consumes: ['test.task.done'],
  params: {
    schema: {
      type: 'object', additionalProperties: false,
      properties: { target: { type: 'number', minimum: 0, maximum: 1 }, floor: { type: 'number', minimum: 0, maximum: 1 } },
    },
    defaults: { target: 0.9, floor: 0.5 },
  },
  direction: 'higher',
  scale: { kind: 'target' },
  init: () => ({ done: 0, ok: 0 }),
  add(s, e) {
    s.done++;
    if (e.attrs.ok === true) s.ok++;
  },
  merge: (a, b) => ({ done: a.done + b.done, ok: a.ok + b.ok }),
  value: (s) => (s.done === 0 ? null : s.ok / s.done),
};

export const share = defineIndicator(shareSpec);

/** Merges by averaging the two shares: not associative, and init() is not its identity. */
export const averagingMerge = defineIndicator<ShareState, ShareParams>({
  ...shareSpec,
  id: 'test.averaging-merge',
  merge: (a, b) => ({ done: a.done + b.done, ok: Math.round(((a.ok + b.ok) / 2) * 1000) / 1000 }),
});

/** Divides by zero with no data: NaN instead of null. */
export const nanValue = defineIndicator<ShareState, ShareParams>({
  ...shareSpec,
  id: 'test.nan-value',
  value: (s) => s.ok / s.done,
});

/** Counts in a module variable instead of the state: nothing survives a clone or a worker. */
let counted = 0;
export const closureState = defineIndicator<ShareState, ShareParams>({
  ...shareSpec,
  id: 'test.closure-state',
  add() {
    counted++;
  },
  value: () => counted,
});

/** Keeps the borrowed event: fine with fresh objects, wrong when the engine reuses one. */
type LastState = { last: { id: string } | null; count: number };
export const keepsEvent = defineIndicator<LastState, ShareParams>({
  ...(shareSpec as unknown as IndicatorSpec<LastState, ShareParams>),
  id: 'test.keeps-event',
  init: () => ({ last: null, count: 0 }),
  add(s, e) {
    s.count++;
    if (s.last === null || e.id > s.last.id) s.last = e;
  },
  merge: (a, b) => ({ last: !a.last ? b.last : !b.last ? a.last : a.last.id > b.last.id ? a.last : b.last, count: a.count + b.count }),
  value: (s) => (s.last === null ? null : s.last.id.length),
});

/** A manifest that breaks the contract: bad id, no subjects, defaults outside its own schema. */
export const badManifest = defineIndicator<ShareState, ShareParams>({
  ...shareSpec,
  id: 'Test Bad',
  subjects: [],
  params: { schema: shareSpec.params.schema, defaults: { target: 2, floor: 0.5 } },
});

/** Marks the events it has seen: writes to a record the engine owns. */
export const mutatesEvent = defineIndicator<ShareState, ShareParams>({
  ...shareSpec,
  id: 'test.mutates-event',
  add(s, e) {
    shareSpec.add(s, e, undefined as never);
    e.attrs.seen = true;
  },
});

/** Keeps a function in its state: cannot cross a worker thread or be stored. */
type FnState = ShareState & { rate: () => number | null };
function fnState(done: number, ok: number): FnState {
  return { done, ok, rate: () => (done === 0 ? null : ok / done) };
}
export const functionInState = defineIndicator<FnState, ShareParams>({
  ...(shareSpec as unknown as IndicatorSpec<FnState, ShareParams>),
  id: 'test.function-in-state',
  init: () => fnState(0, 0),
  add(s, e) {
    Object.assign(s, fnState(s.done + 1, s.ok + (e.attrs.ok === true ? 1 : 0)));
  },
  merge: (a, b) => fnState(a.done + b.done, a.ok + b.ok),
  value: (s) => s.rate(),
});

/** Keeps every event id (memory grows with events) and raises signals without a severity. */
type IdsState = { ids: string[] };
export const keepsIds = defineIndicator<IdsState, ShareParams>({
  ...(shareSpec as unknown as IndicatorSpec<IdsState, ShareParams>),
  id: 'test.keeps-ids',
  init: () => ({ ids: [] }),
  add(s, e) {
    s.ids.push(e.id);
  },
  merge: (a, b) => ({ ids: [...a.ids, ...b.ids].sort() }),
  value: (s) => s.ids.length,
  risks: (s) => (s.ids.length > 2 ? [{ trigger: 'volume', message: 'many', evidence: s.ids } as never] : []),
});

/**
 * The embedded scoring hook: ≥ 1,000,000 `kernel.hook(event)` calls with the on-time-rate
 * indicator, each timed on its own, against a baseline calling the same plugin's `add` directly
 * on a state with the same timing. Target (DESIGN.md): hook p99 ≤ 20 µs.
 */
import { fileURLToPath } from 'node:url';
import {
  LOCAL_OFFSET_MS, periodOf, type ActivityEvent, type AggregateContext, type IndicatorDefinition, type OrgUnit, type Person,
} from '@kaoping/contract';
import { Rng } from '@kaoping/cli';
import { createKernel, type Kernel } from '@kaoping/kernel';

const CALLS = 1_000_000;
const WARMUP = 100_000;
const PEOPLE = 200;
const DISTINCT_EVENTS = 8192;
const P99_TARGET_NS = 20_000;

const root = fileURLToPath(new URL('..', import.meta.url));
const cliDir = fileURLToPath(new URL('../packages/cli/', import.meta.url));
const quiet = { info: () => {}, warn: () => {}, error: () => {} };

/** A bureau, two district bureaus with three sections each, 200 people spread over the sections. */
function directory(): { units: OrgUnit[]; people: Person[] } {
  const units: OrgUnit[] = [{ id: '11400000000', name: '市税务局', parentId: null, kind: 'bureau' }];
  for (let d = 1; d <= 2; d++) {
    const did = `1140${d}000000`;
    units.push({ id: did, name: `第${d}区税务局`, parentId: units[0].id, kind: 'district' });
    for (let s = 1; s <= 3; s++) units.push({ id: `1140${d}00${s}000`, name: `第${d}区第${s}科`, parentId: did, kind: 'section' });
  }
  const sections = units.filter((u) => u.kind === 'section');
  const people = Array.from({ length: PEOPLE }, (_, i): Person => ({
    id: `P${String(i).padStart(5, '0')}`, name: `人员${i}`, unitId: sections[i % sections.length].id, postId: 'P01', since: 0,
  }));
  return { units, people };
}

/** Completed matters by random people on random days of 2026, about 8 % late, some naming their unit. */
function events(people: Person[]): ActivityEvent[] {
  // Seeded, so runs compare.
  const rng = new Rng(2026);
  const r = () => rng.next();
  const yearStart = Date.UTC(2026, 0, 1) - LOCAL_OFFSET_MS;
  return Array.from({ length: DISTINCT_EVENTS }, (_, i): ActivityEvent => {
    const p = people[Math.floor(r() * people.length)];
    const accepted = yearStart + Math.floor(r() * 350 * 86_400_000);
    const deadline = accepted + (5 + Math.floor(r() * 10)) * 86_400_000;
    const completed = r() < 0.08 ? deadline + 3_600_000 : accepted + Math.floor(r() * (deadline - accepted));
    return {
      id: `SX${i}#c`, source: 'tax-collection', type: 'tax.matter.completed', actorId: p.id,
      unitId: r() < 0.2 ? p.unitId : null, occurredAt: completed,
      attrs: { matterId: `SX${i}`, matterType: 'registration', acceptedAt: accepted, deadlineAt: deadline, completedAt: completed },
    };
  });
}

const PLUGIN = '@kaoping/plugin-on-time-rate';

/** The real plugin only: a stand-in would measure a different add. */
async function startKernel(): Promise<Kernel> {
  const kernel = createKernel({ cwd: root, resolveFrom: [cliDir], logger: quiet, config: { plugins: [PLUGIN], adapters: [] } });
  await kernel.start();
  if (kernel.indicators().length === 1) return kernel;
  const reason = kernel.status()[0]?.reason;
  await kernel.stop();
  throw new Error(`bench/hook.ts: ${PLUGIN} did not start: ${reason}`);
}

interface Stats { p50: number; p99: number; p999: number; mean: number; max: number }

function stats(ns: Float64Array): Stats {
  const sorted = Float64Array.from(ns).sort();
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  let sum = 0;
  for (const v of ns) sum += v;
  return { p50: at(0.5), p99: at(0.99), p999: at(0.999), mean: sum / ns.length, max: sorted[sorted.length - 1] };
}

/** Times each call on its own with hrtime.bigint(), the same way for hook, baseline and empty. */
function timeEach(calls: number, fn: (i: number) => void): Float64Array {
  const out = new Float64Array(calls);
  for (let i = 0; i < calls; i++) {
    const t0 = process.hrtime.bigint();
    fn(i);
    out[i] = Number(process.hrtime.bigint() - t0);
  }
  return out;
}

export default async function bench(): Promise<void> {
  const { units, people } = directory();
  const evs = events(people);
  const mask = DISTINCT_EVENTS - 1;
  const kernel = await startKernel();
  kernel.directory.setUnits(units);
  kernel.directory.setPeople(people);

  let sink = 0;
  const hook = (i: number) => {
    sink += kernel.hook(evs[i & mask]).changed.length;
  };
  timeEach(WARMUP, hook);
  const hookNs = timeEach(CALLS, hook);
  const changesPerCall = sink / (WARMUP + CALLS);

  // Baseline: the same plugin's add on one state per (person, month), no validation, routing or answer.
  const def = kernel.indicators()[0].definition as IndicatorDefinition<unknown, Record<string, unknown>>;
  const params = kernel.indicators()[0].params;
  const states = evs.map(() => def.init());
  const ctxs = evs.map((e): AggregateContext<Record<string, unknown>> => ({ period: periodOf(e.occurredAt, 'month'), params, subjectKind: 'person' }));
  const add = (i: number) => {
    const k = i & mask;
    def.add(states[k], evs[k], ctxs[k]);
  };
  timeEach(WARMUP, add);
  const addNs = timeEach(CALLS, add);
  const emptyNs = timeEach(CALLS, () => {});
  await kernel.stop();

  const h = stats(hookNs);
  const a = stats(addNs);
  const z = stats(emptyNs);
  const us = (ns: number) => (ns / 1000).toFixed(2).padStart(8);
  const row = (name: string, s: Stats) => `${name.padEnd(34)} ${us(s.p50)} ${us(s.p99)} ${us(s.p999)} ${us(s.mean)} ${us(s.max)}`;
  console.log(`hook: ${CALLS.toLocaleString('en')} calls (after ${WARMUP.toLocaleString('en')} warm-up), ${PLUGIN}, ${PEOPLE} people, ${units.length} units, ${DISTINCT_EVENTS} distinct events across 2026, ${changesPerCall.toFixed(1)} values changed per call`);
  console.log(`${'per call, µs'.padEnd(34)} ${'p50'.padStart(8)} ${'p99'.padStart(8)} ${'p99.9'.padStart(8)} ${'mean'.padStart(8)} ${'max'.padStart(8)}`);
  console.log(row('kernel.hook(event)', h));
  console.log(row('baseline: def.add(state, event)', a));
  console.log(row('timer only (hrtime around nothing)', z));
  console.log(`ratio hook / baseline: mean ${(h.mean / a.mean).toFixed(1)}×, p99 ${(h.p99 / a.p99).toFixed(1)}×`);
  console.log(`hook p99 ${us(h.p99).trim()} µs ${h.p99 <= P99_TARGET_NS ? '≤' : '>'} 20 µs target: ${h.p99 <= P99_TARGET_NS ? 'PASS' : 'FAIL'}`);
  if (sink < 0) console.log(sink);
}

import type { ValidateFunction } from 'ajv';
import { toIssues, type ActivityEvent, type Person, type ValidationIssue, type ValueChange } from '@kaoping/contract';
import type { KernelBus } from '../bus/create-bus.js';
import { accumulate, Touched, type AccumulateContext } from './accumulate.js';
import type { Consumer } from './dispatch.js';
import type { StateTable } from './state-table.js';
import { valueOfEntry } from './value.js';

/** Something the host should know although the event was accepted (e.g. a plugin failed on it). */
export interface HookWarning {
  code: string;
  plugin: string;
  message: string;
}

/** The scoring hook's answer, given synchronously. */
export interface HookResult {
  accepted: boolean;
  /** Why the event was refused; empty when accepted. */
  errors: ValidationIssue[];
  /** Every indicator value the event changed: person, and each unit up the tree, per period. */
  changed: ValueChange[];
  warnings: HookWarning[];
  /** True when a store-backed kernel already held this `(source, id)`: nothing was counted twice. */
  duplicate?: boolean;
}

export interface HookDeps {
  /** The contract's activity-event schema, compiled once. */
  validate: ValidateFunction;
  table: StateTable;
  engine: Omit<AccumulateContext, 'onError'>;
  /** For `appliesTo`: the person behind a person subject. */
  person(id: string): Person | undefined;
  bus: KernelBus;
  /**
   * Admits the event to the store before it is counted and says whether it was new; a repeat is answered as a
   * duplicate and changes nothing, so a host that retries a call never double-counts.
   */
  persist?(event: ActivityEvent): boolean;
  /** A plugin threw in `add` or `value`: take it out and say so. */
  onPluginError(consumer: Consumer, phase: 'add' | 'value', error: unknown): HookWarning;
}

const NO_WARNINGS: HookWarning[] = [];

function hasListeners(bus: KernelBus, type: string): boolean {
  return bus.all.has(type as never) || bus.all.has('*');
}

/**
 * Builds `kernel.hook(event)`: validate, accumulate, compute the touched values, answer. It keeps
 * one Touched buffer and allocates little beyond the answer itself, because a host calls it
 * inline on every business event (target p99 ≤ 20 µs).
 */
export function createHook(deps: HookDeps): (event: unknown) => HookResult {
  const touched = new Touched();
  let warnings: HookWarning[] = NO_WARNINGS;
  const ctx: AccumulateContext = {
    ...deps.engine,
    onError(consumer, error) {
      if (warnings === NO_WARNINGS) warnings = [];
      warnings.push(deps.onPluginError(consumer, 'add', error));
    },
  };

  return function hook(event: unknown): HookResult {
    if (!deps.validate(event)) {
      const errors = toIssues(deps.validate.errors);
      if (hasListeners(deps.bus, 'event.rejected')) deps.bus.emit('event.rejected', { errors });
      return { accepted: false, errors, changed: [], warnings: [] };
    }
    const e = event as ActivityEvent;
    if (deps.persist && !deps.persist(e)) return { accepted: true, duplicate: true, errors: [], changed: [], warnings: [] };
    touched.reset();
    warnings = NO_WARNINGS;
    accumulate(e, deps.table, ctx, touched);
    const changed: ValueChange[] = [];
    for (let i = 0; i < touched.length; i++) {
      const consumer = touched.consumers[i];
      if (consumer.failed || consumer.kind !== 'indicator') continue;
      let value: number | null;
      try {
        value = valueOfEntry(consumer, touched.entries[i], touched.contexts[i], deps.person);
      } catch (error) {
        if (warnings === NO_WARNINGS) warnings = [];
        warnings.push(deps.onPluginError(consumer, 'value', error));
        continue;
      }
      const entry = touched.entries[i];
      changed.push({ subject: { kind: entry.subjectKind, id: entry.subjectId }, indicator: entry.indicator, period: entry.period, value });
    }
    let answer = changed;
    // A plugin that failed part-way through this event reports none of its values.
    if (warnings !== NO_WARNINGS) answer = changed.filter((c) => deps.engine.dispatch.consumer(c.indicator) !== undefined);
    const out: HookResult = { accepted: true, errors: [], changed: answer, warnings: warnings === NO_WARNINGS ? [] : warnings };
    if (hasListeners(deps.bus, 'event.accepted')) deps.bus.emit('event.accepted', { event: e });
    if (answer.length && hasListeners(deps.bus, 'result.changed')) deps.bus.emit('result.changed', { changes: answer });
    return out;
  };
}

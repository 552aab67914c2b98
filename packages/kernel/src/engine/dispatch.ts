import type {
  AggregateContext, Attribution, IndicatorDefinition, Period, PeriodKind, Person, RuleDefinition, SubjectKind,
} from '@kaoping/contract';
import { PeriodIndex } from './periods.js';

/* eslint-disable @typescript-eslint/no-explicit-any */
export type AggregateDefinition = IndicatorDefinition<any, any> | RuleDefinition<any, any>;

/**
 * One indicator or rule, compiled for the hot path: what it consumes, for which subjects, in
 * which periods, and its `add` contexts made once per (period, subject kind) so the hook does not
 * allocate one per call.
 */
export class Consumer {
  readonly id: string;
  readonly kind: 'indicator' | 'rule';
  readonly forPerson: boolean;
  readonly forUnit: boolean;
  readonly attribution: Attribution;
  readonly appliesTo: ((person: Person) => boolean) | undefined;
  /** Set when the plugin failed at run time; the engine then skips it. */
  failed = false;
  private readonly contexts = { person: new Map<Period, AggregateContext<unknown>>(), unit: new Map<Period, AggregateContext<unknown>>() };

  constructor(
    readonly def: AggregateDefinition,
    readonly params: Record<string, unknown>,
    readonly periods: PeriodIndex,
  ) {
    this.id = def.id;
    this.kind = def.kind;
    // A rule decides about a person; an indicator says which subjects it has.
    const subjects: readonly SubjectKind[] = def.kind === 'indicator' ? def.subjects : ['person'];
    this.forPerson = subjects.includes('person');
    this.forUnit = subjects.includes('unit');
    this.attribution = def.kind === 'indicator' ? def.attribution : 'event-time';
    this.appliesTo = def.kind === 'indicator' && typeof def.appliesTo === 'function' ? (p) => def.appliesTo!(p, params) : undefined;
  }

  readonly init = (): unknown => this.def.init();

  context(period: Period, subjectKind: SubjectKind): AggregateContext<unknown> {
    const cache = this.contexts[subjectKind];
    let ctx = cache.get(period);
    if (ctx === undefined) {
      ctx = Object.freeze({ period, params: this.params, subjectKind });
      cache.set(period, ctx);
    }
    return ctx;
  }
}

export interface DispatchInput {
  def: AggregateDefinition;
  params: Record<string, unknown>;
}

export interface DispatchOptions {
  /** Build states for this one period only (batch re-evaluation); default every period of the kinds. */
  only?: Period;
}

const NONE: readonly Consumer[] = Object.freeze([]);

/**
 * Event type → the consumers that read it, built once at start. Removal copies the affected
 * lists, so an accumulate in progress keeps iterating the list it started with.
 */
export class DispatchTable {
  private readonly byType = new Map<string, readonly Consumer[]>();
  private readonly byId = new Map<string, Consumer>();

  constructor(inputs: readonly DispatchInput[], periodKinds: readonly PeriodKind[], options: DispatchOptions = {}) {
    const periods = new PeriodIndex(periodKinds, options.only);
    // Rules decide per year, whatever periods results are kept for.
    const years = new PeriodIndex(['year'], options.only);
    for (const { def, params } of inputs) {
      const c = new Consumer(def, params, def.kind === 'rule' ? years : periods);
      this.byId.set(c.id, c);
      for (const type of def.consumes) this.byType.set(type, [...(this.byType.get(type) ?? NONE), c]);
    }
  }

  consumersOf(type: string): readonly Consumer[] {
    return this.byType.get(type) ?? NONE;
  }

  consumer(id: string): Consumer | undefined {
    return this.byId.get(id);
  }

  consumers(): Consumer[] {
    return [...this.byId.values()];
  }

  /** Takes a consumer out (its plugin failed); later events no longer reach it. */
  remove(id: string): void {
    const c = this.byId.get(id);
    if (!c) return;
    c.failed = true;
    this.byId.delete(id);
    for (const [type, list] of this.byType) {
      if (list.includes(c)) this.byType.set(type, list.filter((x) => x !== c));
    }
  }
}

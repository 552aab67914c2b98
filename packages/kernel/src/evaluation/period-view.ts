import type { Composite, PeriodId, Result, SubjectKind, Tier } from '@kaoping/contract';
import type { Kernel } from '../kernel.js';
import { requireStore, scoreStates, type PeriodScores } from './score-states.js';

/** Where an explained number comes from: the rows stored by `close`, or computed now from the kept states. */
export type ScoreSource = 'stored' | 'computed';

export interface Sourced<T> {
  row: T | undefined;
  source: ScoreSource;
}

/**
 * One period's scores as explain reads them: what `close` stored wins (it is what was exported
 * and acted on); a subject the store has nothing for is computed from the kept states, once per
 * view, with the same `scoreStates` that close uses.
 */
export class PeriodView {
  private computed: PeriodScores | undefined;

  constructor(private readonly kernel: Kernel, readonly periodId: PeriodId) {}

  private scores(): PeriodScores {
    this.computed ??= scoreStates(this.kernel, this.kernel.states, this.periodId);
    return this.computed;
  }

  async result(subjectKind: SubjectKind, subjectId: string, indicator: string): Promise<Sourced<Result>> {
    const stored = await requireStore(this.kernel, 'explaining').listResults({ period: this.periodId, subjectKind, subjectId, indicator });
    if (stored.length > 0) return { row: stored[0], source: 'stored' };
    return { row: this.scores().results.find((r) => r.subjectKind === subjectKind && r.subjectId === subjectId && r.indicator === indicator), source: 'computed' };
  }

  async results(subjectKind: SubjectKind, subjectId: string): Promise<Sourced<Result[]>> {
    const stored = await requireStore(this.kernel, 'explaining').listResults({ period: this.periodId, subjectKind, subjectId });
    if (stored.length > 0) return { row: stored, source: 'stored' };
    return { row: this.scores().results.filter((r) => r.subjectKind === subjectKind && r.subjectId === subjectId), source: 'computed' };
  }

  async composite(subjectKind: SubjectKind, subjectId: string): Promise<Sourced<Composite>> {
    const stored = await requireStore(this.kernel, 'explaining').listComposites({ period: this.periodId, subjectKind, subjectId });
    if (stored.length > 0) return { row: stored[0], source: 'stored' };
    return { row: this.scores().composites.find((c) => c.subjectKind === subjectKind && c.subjectId === subjectId), source: 'computed' };
  }

  async tier(personId: string): Promise<Sourced<Tier>> {
    const stored = await requireStore(this.kernel, 'explaining').listTiers({ period: this.periodId, personId });
    if (stored.length > 0) return { row: stored[0], source: 'stored' };
    return { row: this.scores().tiers.find((t) => t.personId === personId), source: 'computed' };
  }
}

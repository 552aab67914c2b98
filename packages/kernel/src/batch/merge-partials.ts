import type { PeriodId, StoredState } from '@kaoping/contract';
import type { StateTable } from '../engine/state-table.js';
import { KIND_CODES, type PartialStates } from './protocol.js';

function* rows(partial: PartialStates, pluginIds: readonly string[], period: PeriodId): Generator<StoredState> {
  for (let i = 0; i < partial.subject.length; i++) {
    yield { indicator: pluginIds[partial.plugin[i]], subjectKind: KIND_CODES[partial.kind[i]], subjectId: partial.subject[i], period, state: partial.state[i] };
  }
}

/**
 * Merges partitions' states into one table in partition order, whatever order workers finish in:
 * merge is associative but floating-point sums are not exactly, and the same run must always give
 * the same bits. A partition that finishes early waits (only its states) until those before it are in.
 */
export class OrderedMerge {
  private next = 0;
  private readonly waiting = new Map<number, PartialStates>();

  constructor(
    private readonly table: StateTable,
    private readonly pluginIds: readonly string[],
    private readonly period: PeriodId,
  ) {}

  add(index: number, partial: PartialStates): void {
    this.waiting.set(index, partial);
    for (let p = this.waiting.get(this.next); p !== undefined; p = this.waiting.get(this.next)) {
      this.waiting.delete(this.next);
      this.table.mergeFrom(rows(p, this.pluginIds, this.period));
      this.next++;
    }
  }

  get merged(): number {
    return this.next;
  }
}

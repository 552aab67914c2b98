import { kpError, type Composite, type PeriodId, type SubjectKind } from '@kaoping/contract';
import { chunksOf, doubleBytes, idOrder, sqlDouble, storedNumber, wantedIn, type ChunkTable } from './subject-chunks.js';

/*
 * A period's composites in chunks of subjects of one kind (subject-chunks.ts): per subject two
 * doubles, its composite (NaN for null) and its weight set (the period's distinct weights, stored
 * once in composite_weight_sets, migration 009).
 */

export const COMPOSITE_CHUNKS: ChunkTable = { name: 'composite_chunks', byKind: true, columns: ['subject_kind', 'first_id', 'ids', 'numbers'], keyColumns: 2 };

/** A chunk as stored. */
export interface CompositeChunkRow { period: PeriodId; subject_kind: SubjectKind; first_id: string; ids: string; numbers: Buffer }

/** One subject's composite as packed: its weights by set. */
export interface PackedComposite { subjectId: string; composite: number | null; weightSet: number }

/** The chunks of one kind's composites (`[kind, …chunk columns]`), in id order; a subject given twice is refused. */
export function packComposites(period: PeriodId, kind: SubjectKind, rows: readonly PackedComposite[]): unknown[][] {
  const order = idOrder(rows.map((c) => c.subjectId), (id) => kpError('KP_ERR_STORE', `writing composites of period ${period}: ${kind} ${id} has two composites; give each subject one`));
  return chunksOf(order).map((positions) => {
    const numbers = new Float64Array(positions.length * 2);
    positions.forEach((p, i) => {
      numbers[2 * i] = sqlDouble(rows[p].composite);
      numbers[2 * i + 1] = rows[p].weightSet;
    });
    const ids = positions.map((p) => rows[p].subjectId);
    return [kind, ids[0], JSON.stringify(ids), doubleBytes(numbers)];
  });
}

/** The composites of stored chunks in their order, or only `subjectId`'s; `weights(chunk, set)` gives a set's weights. */
export function unpackComposites(chunks: readonly CompositeChunkRow[], weights: (chunk: CompositeChunkRow, subjectId: string, set: number) => Composite['weights'], subjectId?: string): Composite[] {
  const out: Composite[] = [];
  for (const chunk of chunks) {
    const ids = JSON.parse(chunk.ids) as string[];
    if (chunk.numbers.length !== ids.length * 16) {
      throw kpError('KP_ERR_STORE', `reading composites of ${chunk.period}/${chunk.subject_kind} from ${chunk.first_id}: the chunk has ${ids.length} subjects but ${chunk.numbers.length} bytes of numbers; the composites table was changed outside Kaoping, close the period again`);
    }
    const { from, to } = wantedIn(ids, subjectId);
    for (let i = from; i < to; i++) {
      const composite = storedNumber(chunk.numbers.readDoubleLE(16 * i));
      const set = chunk.numbers.readDoubleLE(16 * i + 8);
      out.push({ subjectKind: chunk.subject_kind, subjectId: ids[i], period: chunk.period, composite, weights: weights(chunk, ids[i], set) });
    }
  }
  return out;
}

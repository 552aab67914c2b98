import { kpError, type PeriodId, type SubjectKind } from '@kaoping/contract';
import type { OwnEntry, PackedSubject, SubjectRow } from './packed-results.js';
import { chunksOf, idOrder, wantedIn, type ChunkTable } from './subject-chunks.js';

/*
 * A period's packed results (packed-results.ts) in chunks of subjects of one kind (subject-chunks.ts):
 * the subjects' facet lists (`facets`: one list when all of them have the same, as in a close, else
 * one per subject), their numbers one after the other, and their own evidence (`evidence`:
 * `[[subject position, [[result position, evidence], …]], …]`, or NULL).
 */

export const RESULT_CHUNKS: ChunkTable = { name: 'result_chunks', byKind: true, columns: ['subject_kind', 'first_id', 'ids', 'facets', 'numbers', 'evidence'], keyColumns: 2 };

/** A chunk as stored. */
export interface ResultChunkRow { period: PeriodId; subject_kind: SubjectKind; first_id: string; ids: string; facets: string; numbers: Buffer; evidence: string | null }

/** The chunks of packed subjects (`[kind, …chunk columns]`), kind by kind in id order; a subject given twice is refused. */
export function chunkSubjects(period: PeriodId, subjects: readonly SubjectRow[]): unknown[][] {
  const byKind = new Map<SubjectKind, SubjectRow[]>();
  for (const s of subjects) {
    let mine = byKind.get(s.subject_kind);
    if (mine === undefined) byKind.set(s.subject_kind, (mine = []));
    mine.push(s);
  }
  const out: unknown[][] = [];
  for (const [kind, mine] of byKind) {
    const order = idOrder(mine.map((s) => s.subject_id), (id) => kpError('KP_ERR_STORE', `writing results of period ${period}: ${kind} ${id} has two rows of results; give each subject one`));
    for (const positions of chunksOf(order)) {
      const rows = positions.map((p) => mine[p]);
      const shared = rows.every((s) => s.facets === rows[0].facets);
      let own = '';
      rows.forEach((s, i) => {
        if (s.evidence !== null) own += `${own ? ',' : ''}[${i},${s.evidence}]`;
      });
      out.push([
        kind, rows[0].subject_id, JSON.stringify(rows.map((s) => s.subject_id)), `[${shared ? rows[0].facets : rows.map((s) => s.facets).join(',')}]`,
        numbersOf(rows), own ? `[${own}]` : null,
      ]);
    }
  }
  return out;
}

/** The subjects' numbers one after the other: a view of them where they already are (a close's columns pack into one buffer), else a copy. */
function numbersOf(rows: readonly SubjectRow[]): Buffer {
  const first = rows[0].numbers;
  let end = first.byteOffset;
  for (const s of rows) {
    if (s.numbers.buffer !== first.buffer || s.numbers.byteOffset !== end) return Buffer.concat(rows.map((r) => r.numbers));
    end += s.numbers.length;
  }
  return Buffer.from(first.buffer, first.byteOffset, end - first.byteOffset);
}

/** The packed subjects of stored chunks, in their order, or only `subjectId`'s. */
export function subjectsOfChunks(chunks: readonly ResultChunkRow[], subjectId?: string): PackedSubject[] {
  const out: PackedSubject[] = [];
  for (const chunk of chunks) {
    const ids = JSON.parse(chunk.ids) as string[];
    const lists = JSON.parse(chunk.facets) as number[][];
    if (lists.length !== 1 && lists.length !== ids.length) throw damaged(chunk, `${ids.length} subjects but ${lists.length} lists of facets`);
    const own = chunk.evidence === null ? undefined : new Map(JSON.parse(chunk.evidence) as [number, OwnEntry[]][]);
    const { from, to } = wantedIn(ids, subjectId);
    let at = 0;
    for (let i = 0; i < ids.length; i++) {
      const facets = lists.length === 1 ? lists[0] : lists[i];
      const end = at + facets.length * 16;
      if (i >= from && i < to) out.push({ subject_kind: chunk.subject_kind, subject_id: ids[i], facets, numbers: chunk.numbers.subarray(at, end), evidence: own?.get(i) ?? null });
      at = end;
    }
    if (at !== chunk.numbers.length) throw damaged(chunk, `numbers for ${at} bytes in ${chunk.numbers.length}`);
  }
  return out;
}

function damaged(chunk: ResultChunkRow, what: string) {
  return kpError('KP_ERR_STORE', `reading results of ${chunk.period}/${chunk.subject_kind} from ${chunk.first_id}: the chunk has ${what}; the results tables were changed outside Kaoping, close the period again`);
}

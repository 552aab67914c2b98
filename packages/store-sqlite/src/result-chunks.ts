import { kpError, type PeriodId, type SubjectKind } from '@kaoping/contract';
import type { OwnEntry, PackedKind, PackedSubject, SubjectRow } from './packed-results.js';
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
    chunkKind(period, out, {
      kind, ids: mine.map((s) => s.subject_id), facets: (p) => mine[p].facets,
      numbers: (positions) => numbersOf(positions.map((p) => mine[p].numbers)),
      evidence: (p, own) => {
        const { evidence } = mine[p];
        if (evidence !== null) own.push(evidence);
        return evidence !== null;
      },
    });
  }
  return out;
}

/** The chunks of a close's packed columns, as `chunkSubjects` gives them for the same subjects' rows. */
export function chunkColumns(period: PeriodId, kinds: readonly PackedKind[]): unknown[][] {
  const out: unknown[][] = [];
  for (const k of kinds) {
    const { numbers, width } = k;
    chunkKind(period, out, {
      kind: k.subjectKind, ids: k.subjectIds, facets: () => k.facets,
      // A close gives its subjects in id order: a chunk's numbers are then one view of the kind's.
      numbers: (positions) => (consecutive(positions)
        ? numbers.subarray(positions[0] * width, (positions[positions.length - 1] + 1) * width)
        : Buffer.concat(positions.map((p) => numbers.subarray(p * width, (p + 1) * width)))),
      evidence: (p, own) => {
        const at = own.length;
        own.push('[');
        k.ownEntries(p, own);
        if (own.length === at + 1) {
          own.length = at;
          return false;
        }
        own.push(']');
        return true;
      },
    });
  }
  return out;
}

/** The subjects of one kind as chunking reads them, by position in `ids`. */
interface KindSubjects {
  kind: SubjectKind;
  ids: readonly string[];
  /** A subject's list of facets, as JSON. */
  facets(position: number): string;
  /** The numbers of the subjects at `positions`, one after the other. */
  numbers(positions: readonly number[]): Buffer;
  /** Pushes the subject's own evidence as JSON (`[[result position, evidence], …]`) onto `own`; false when it has none. */
  evidence(position: number, own: string[]): boolean;
}

/**
 * Adds one kind's chunks to `out`. A chunk's own evidence is joined from its parts once, so no
 * subject's text outlives its chunk: made for every subject at once, a province's 30 k survived
 * garbage collections as trees of joined strings.
 */
function chunkKind(period: PeriodId, out: unknown[][], s: KindSubjects): void {
  const order = idOrder(s.ids, (id) => kpError('KP_ERR_STORE', `writing results of period ${period}: ${s.kind} ${id} has two rows of results; give each subject one`));
  for (const positions of chunksOf(order)) {
    const first = s.facets(positions[0]);
    const shared = positions.every((p) => s.facets(p) === first);
    const own: string[] = [];
    positions.forEach((p, i) => {
      const at = own.length;
      own.push(`${at > 0 ? ',' : ''}[${i},`);
      if (s.evidence(p, own)) own.push(']');
      else own.length = at;
    });
    out.push([
      s.kind, s.ids[positions[0]], JSON.stringify(positions.map((p) => s.ids[p])), `[${shared ? first : positions.map((p) => s.facets(p)).join(',')}]`,
      s.numbers(positions), own.length > 0 ? `[${own.join('')}]` : null,
    ]);
  }
}

function consecutive(positions: readonly number[]): boolean {
  for (let i = 1; i < positions.length; i++) if (positions[i] !== positions[i - 1] + 1) return false;
  return true;
}

/** Subjects' numbers one after the other: a view of them where they already are (a close's columns pack into one buffer), else a copy. */
function numbersOf(parts: readonly Buffer[]): Buffer {
  const first = parts[0];
  let end = first.byteOffset;
  for (const b of parts) {
    if (b.buffer !== first.buffer || b.byteOffset !== end) return Buffer.concat(parts);
    end += b.length;
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

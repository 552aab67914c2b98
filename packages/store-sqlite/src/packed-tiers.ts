import { kpError, type PeriodId, type Tier } from '@kaoping/contract';
import { chunksOf, doubleBytes, idOrder, sqlDouble, storedNumber, wantedIn, type ChunkTable } from './subject-chunks.js';

/*
 * A period's tiers in chunks of people (subject-chunks.ts). Per person, five doubles: the person's
 * class, tier, rank, n and score. A class is what many people of a chunk share: their tier group, reason,
 * and, for the usual evidence of a ranked person — `{ score, rank, n, quota, threshold, tierOneSlots,
 * rules: [] }` with the rank and n of the tier — its quota, threshold and slots; the evidence is then
 * rebuilt from them, and no JSON is written for it. Any other evidence (a forced tier's rules, a
 * leaver's date) is kept whole as JSON, `[[position, evidence], …]`. Everything reads back as the
 * columns and the JSON text of a row per person gave it.
 */

export const TIER_CHUNKS: ChunkTable = { name: 'tier_chunks', byKind: false, columns: ['first_id', 'ids', 'classes', 'numbers', 'evidence'], keyColumns: 1 };

/** A chunk as stored. */
export interface TierChunkRow { period: PeriodId; first_id: string; ids: string; classes: string; numbers: Buffer; evidence: string | null }

/** A class as stored: `[group, reason, [quota, threshold, tierOneSlots]]`, or `[group, reason, null]` for evidence kept whole. */
type TierClass = [string, Tier['reason'], [number, number, number] | null];

const DOUBLES = 5;
const RANKED_KEYS = ['score', 'rank', 'n', 'quota', 'threshold', 'tierOneSlots', 'rules'];

/** The chunks of a period's tiers, in person id order; a person given twice is refused. */
export function packTiers(period: PeriodId, rows: readonly Tier[]): unknown[][] {
  const order = idOrder(rows.map((t) => t.personId), (id) => kpError('KP_ERR_STORE', `writing tiers of period ${period}: person ${id} has two tier rows; give each person one`));
  return chunksOf(order).map((positions) => {
    const classes = new TierClasses();
    const numbers = new Float64Array(positions.length * DOUBLES);
    let own = '';
    positions.forEach((p, i) => {
      const t = rows[p];
      const shared = rankedShared(t);
      if (shared === undefined) own += `${own ? ',' : ''}[${i},${JSON.stringify(t.evidence) ?? 'null'}]`;
      const at = i * DOUBLES;
      numbers[at] = classes.of(t.group, t.reason, shared ?? null);
      numbers[at + 1] = sqlDouble(t.tier);
      numbers[at + 2] = sqlDouble(t.rank);
      numbers[at + 3] = sqlDouble(t.n);
      numbers[at + 4] = shared === undefined ? Number.NaN : jsonDouble(t.evidence.score as number | null);
    });
    const ids = positions.map((p) => rows[p].personId);
    return [ids[0], JSON.stringify(ids), JSON.stringify(classes.rows), doubleBytes(numbers), own ? `[${own}]` : null];
  });
}

/** A chunk's classes, numbered in the order first seen. */
class TierClasses {
  readonly rows: TierClass[] = [];
  readonly #byGroup = new Map<string, Map<Tier['reason'], number[]>>();

  of(group: string, reason: Tier['reason'], shared: TierClass[2]): number {
    let byReason = this.#byGroup.get(group);
    if (byReason === undefined) this.#byGroup.set(group, (byReason = new Map()));
    let mine = byReason.get(reason);
    if (mine === undefined) byReason.set(reason, (mine = []));
    for (const c of mine) {
      const s = this.rows[c][2];
      // The shared numbers are JSON's (no NaN, no -0): equal when ===.
      if (s === shared || (s !== null && shared !== null && s[0] === shared[0] && s[1] === shared[1] && s[2] === shared[2])) return c;
    }
    mine.push(this.rows.length);
    this.rows.push([group, reason, shared]);
    return this.rows.length - 1;
  }
}

/**
 * Quota, threshold and slots of the usual evidence of a ranked person, when `t` has it exactly — its
 * members in that order, the rank and n of the tier, a number or null for its score, no rules — so
 * that the evidence rebuilt from them reads as its JSON would; undefined otherwise.
 */
function rankedShared(t: Tier): [number, number, number] | undefined {
  const e = t.evidence;
  if (typeof e !== 'object' || e === null || Object.getPrototypeOf(e) !== Object.prototype) return undefined;
  let k = 0;
  for (const key in e) if (key !== RANKED_KEYS[k++]) return undefined;
  if (k !== RANKED_KEYS.length) return undefined;
  const { score, rank, n, quota, threshold, tierOneSlots, rules } = e as Record<string, unknown>;
  if (!(score === null || typeof score === 'number') || rank !== t.rank || n !== t.n || !jsonSafe(t.rank) || !jsonSafe(t.n)) return undefined;
  if (typeof quota !== 'number' || typeof threshold !== 'number' || typeof tierOneSlots !== 'number') return undefined;
  if (!Array.isArray(rules) || rules.length !== 0) return undefined;
  return [jsonNumber(quota), jsonNumber(threshold), jsonNumber(tierOneSlots)] as [number, number, number];
}

/** Whether a column's number reads back as its JSON would: null or finite. */
function jsonSafe(x: number | null): boolean {
  return x === null || Number.isFinite(x);
}

/** A number as JSON gives it back: non-finite as null, -0 as 0. */
function jsonNumber(x: number): number {
  return Number.isFinite(x) ? (x === 0 ? 0 : x) : (null as unknown as number);
}

/** A score as JSON gives it back, as a double (NaN for null). */
function jsonDouble(x: number | null): number {
  return x === null || !Number.isFinite(x) ? Number.NaN : x === 0 ? 0 : x;
}

/** The tiers of stored chunks, in person id order, or only `personId`'s. */
export function unpackTiers(chunks: readonly TierChunkRow[], personId?: string): Tier[] {
  const out: Tier[] = [];
  for (const chunk of chunks) {
    const ids = JSON.parse(chunk.ids) as string[];
    const classes = JSON.parse(chunk.classes) as TierClass[];
    const own = chunk.evidence === null ? undefined : new Map(JSON.parse(chunk.evidence) as [number, Record<string, unknown> | null][]);
    if (chunk.numbers.length !== ids.length * DOUBLES * 8) throw damaged(chunk, `${ids.length} people but ${chunk.numbers.length} bytes of numbers`);
    const { from, to } = wantedIn(ids, personId);
    for (let i = from; i < to; i++) {
      const at = i * DOUBLES * 8;
      const d = (k: number) => storedNumber(chunk.numbers.readDoubleLE(at + k * 8));
      const c = classes[d(0) ?? -1];
      if (c === undefined) throw damaged(chunk, `person ${ids[i]} of class ${d(0)}, which the chunk does not have`);
      const [group, reason, shared] = c;
      const rank = d(2);
      const n = d(3);
      let evidence: Record<string, unknown>;
      if (shared === null) evidence = own?.get(i) ?? {};
      else evidence = { score: d(4), rank, n, quota: shared[0], threshold: shared[1], tierOneSlots: shared[2], rules: [] };
      out.push({ personId: ids[i], period: chunk.period, tier: d(1) as Tier['tier'], reason, rank, n, group, evidence });
    }
  }
  return out;
}

function damaged(chunk: TierChunkRow, what: string) {
  return kpError('KP_ERR_STORE', `reading tiers of ${chunk.period} from ${chunk.first_id}: the chunk has ${what}; the tiers table was changed outside Kaoping, close the period again`);
}

import type { ActivityEvent, AttrValue } from '@kaoping/contract';

/**
 * A derived, columnar copy of one rowid range of the events table: ids dictionary-encoded, times
 * in a Float64Array, attrs decoded once (the JSON is parsed when the segment is built, never again).
 * The events table stays the record of truth; a segment only says which rows it was built from so
 * a stale one is rebuilt (see segment-cache.ts).
 */
export interface ColumnarSegment {
  /** The rowid range it covers and what it found there: its validity key. */
  fromRowid: number;
  toRowid: number;
  count: number;
  maxRowid: number;
  /** `source\u0000id` of the row at maxRowid, so a different database with the same counts is not taken for this one. */
  lastKey: string;
  types: string[];
  sources: string[];
  /** Actor and unit ids; -1 in the columns stands for null. */
  names: string[];
  /** Attr key lists, one per distinct shape; the events' attrs objects keep their keys and key order. */
  shapes: string[][];
  /** String attr values. */
  strings: string[];
  /** Every event id, concatenated; event i's id is ids.slice(idEnd[i-1], idEnd[i]). */
  ids: string;
  type: Uint16Array;
  source: Uint16Array;
  actor: Int32Array;
  unit: Int32Array;
  occurredAt: Float64Array;
  idEnd: Uint32Array;
  shape: Uint16Array;
  /** Where event i's attr values start in `tags`/`values`; they run for its shape's key count. */
  attrStart: Uint32Array;
  tags: Uint8Array;
  values: Float64Array;
}

/** How one attr value is kept: tag, and for numbers and strings a number (the string's index). */
const TAG_NUMBER = 0;
const TAG_STRING = 1;
const TAG_NULL = 2;
const TAG_TRUE = 3;
const TAG_FALSE = 4;

export type EventRow = [rowid: number, source: string, id: string, type: string, actorId: string | null, unitId: string | null, occurredAt: number, attrs: string];

class Dictionary {
  readonly list: string[] = [];
  private readonly index = new Map<string, number>();

  code(s: string): number {
    let c = this.index.get(s);
    if (c === undefined) {
      c = this.list.length;
      this.list.push(s);
      this.index.set(s, c);
    }
    return c;
  }
}

function grow<T extends Float64Array | Uint8Array>(a: T, need: number): T {
  if (need <= a.length) return a;
  const b = new (a.constructor as new (n: number) => T)(Math.max(need, a.length * 2));
  b.set(a);
  return b;
}

/** Builds a segment from the rows of one rowid range, in rowid order. */
export function encodeSegment(fromRowid: number, toRowid: number, rows: Iterable<EventRow>): ColumnarSegment {
  const types = new Dictionary();
  const sources = new Dictionary();
  const names = new Dictionary();
  const strings = new Dictionary();
  const shapeKeys = new Dictionary();
  const shapes: string[][] = [];
  const cols = { type: [] as number[], source: [] as number[], actor: [] as number[], unit: [] as number[], at: [] as number[], idEnd: [] as number[], shape: [] as number[], attrStart: [] as number[] };
  let tags = new Uint8Array(1024);
  let values = new Float64Array(1024);
  let nVals = 0;
  const ids: string[] = [];
  let idLength = 0;
  let maxRowid = 0;
  let lastKey = '';
  for (const r of rows) {
    cols.type.push(types.code(r[3]));
    cols.source.push(sources.code(r[1]));
    cols.actor.push(r[4] === null ? -1 : names.code(r[4]));
    cols.unit.push(r[5] === null ? -1 : names.code(r[5]));
    cols.at.push(r[6]);
    ids.push(r[2]);
    idLength += r[2].length;
    cols.idEnd.push(idLength);
    const attrs = JSON.parse(r[7]) as Record<string, AttrValue>;
    const keys = Object.keys(attrs);
    const shape = shapeKeys.code(keys.join('\u0000'));
    if (shape === shapes.length) shapes.push(keys);
    cols.shape.push(shape);
    cols.attrStart.push(nVals);
    tags = grow(tags, nVals + keys.length);
    values = grow(values, nVals + keys.length);
    for (const k of keys) {
      const v = attrs[k];
      if (typeof v === 'number') { tags[nVals] = TAG_NUMBER; values[nVals] = v; }
      else if (typeof v === 'string') { tags[nVals] = TAG_STRING; values[nVals] = strings.code(v); }
      else if (v === true) tags[nVals] = TAG_TRUE;
      else if (v === false) tags[nVals] = TAG_FALSE;
      else tags[nVals] = TAG_NULL;
      nVals++;
    }
    maxRowid = r[0];
    lastKey = `${r[1]}\u0000${r[2]}`;
  }
  return {
    fromRowid, toRowid, count: ids.length, maxRowid, lastKey,
    types: types.list, sources: sources.list, names: names.list, shapes, strings: strings.list, ids: ids.join(''),
    type: Uint16Array.from(cols.type), source: Uint16Array.from(cols.source), actor: Int32Array.from(cols.actor), unit: Int32Array.from(cols.unit),
    occurredAt: Float64Array.from(cols.at), idEnd: Uint32Array.from(cols.idEnd), shape: Uint16Array.from(cols.shape),
    attrStart: Uint32Array.from(cols.attrStart), tags: tags.slice(0, nVals), values: values.slice(0, nVals),
  };
}

/**
 * Hands out a segment's events one at a time in one reused ActivityEvent (and one reused attrs
 * object per shape): `add` borrows the event, so the fold allocates nothing per event but the id.
 */
export class SegmentReader {
  readonly event: ActivityEvent = { id: '', source: '', type: '', actorId: null, unitId: null, occurredAt: 0, attrs: {} };
  private readonly attrObjects: Record<string, AttrValue>[];

  constructor(readonly segment: ColumnarSegment) {
    this.attrObjects = segment.shapes.map((keys) => Object.fromEntries(keys.map((k) => [k, null])));
  }

  /** Fills `event` with event i. */
  load(i: number): ActivityEvent {
    const s = this.segment;
    const e = this.event;
    e.type = s.types[s.type[i]];
    e.source = s.sources[s.source[i]];
    e.id = s.ids.slice(i === 0 ? 0 : s.idEnd[i - 1], s.idEnd[i]);
    const a = s.actor[i];
    e.actorId = a < 0 ? null : s.names[a];
    const u = s.unit[i];
    e.unitId = u < 0 ? null : s.names[u];
    e.occurredAt = s.occurredAt[i];
    const shape = s.shape[i];
    const keys = s.shapes[shape];
    const attrs = this.attrObjects[shape];
    let at = s.attrStart[i];
    for (let k = 0; k < keys.length; k++, at++) {
      const tag = s.tags[at];
      attrs[keys[k]] = tag === TAG_NUMBER ? s.values[at] : tag === TAG_STRING ? s.strings[s.values[at]] : tag === TAG_TRUE ? true : tag === TAG_FALSE ? false : null;
    }
    e.attrs = attrs;
    return e;
  }
}

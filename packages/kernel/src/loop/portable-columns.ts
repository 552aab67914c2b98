import type { ResultColumns } from '@kaoping/contract';

/**
 * A close's result columns in a form another thread can take: each distinct evidence object once,
 * and per column the index of each subject's evidence in that list. Plain data (objects, arrays and
 * primitives) crosses as it is, by structured clone, which keeps the objects that rank objects share
 * (params, peer groups) shared; anything else crosses as its JSON text (`json[i]` = 1), which is how
 * the store keeps it and the audit hashes it.
 */
export interface PortableColumns {
  period: string;
  evidence: unknown[];
  json: Uint8Array;
  kinds: {
    subjectKind: ResultColumns['kinds'][number]['subjectKind'];
    subjectIds: readonly string[];
    indicators: { indicator: string; indicatorVersion: string; paramsHash: string; values: Float64Array; scores: Float64Array; evidence: Int32Array }[];
  }[];
}

/**
 * `columns` as `PortableColumns`, or undefined when some evidence has no JSON text (a BigInt, a
 * cycle): then the caller hashes in its own thread, as the store would fail on it anyway.
 */
export function portableColumns(columns: ResultColumns): PortableColumns | undefined {
  const ids = new Map<unknown, number>();
  const evidence: unknown[] = [];
  const json: number[] = [];
  const checked = new Set<object>();
  const idOf = (e: unknown): number => {
    let id = ids.get(e);
    if (id === undefined) {
      ids.set(e, (id = evidence.length));
      const plain = clonesAlike(e, checked);
      // JSON.stringify gives undefined for undefined or a function: the store and the audit read null.
      evidence.push(plain ? e : JSON.stringify(e) ?? 'null');
      json.push(plain ? 0 : 1);
    }
    return id;
  };
  try {
    const kinds = columns.kinds.map(({ subjectKind, subjectIds, indicators }) => ({
      subjectKind,
      subjectIds,
      indicators: indicators.map((c) => {
        const out = new Int32Array(c.evidence.length);
        // Subjects mostly share one object: only a change of object costs a lookup.
        for (let i = 0, last: unknown = NONE, id = -1; i < out.length; i++) {
          if (c.evidence[i] !== last) id = idOf((last = c.evidence[i]));
          out[i] = id;
        }
        return { indicator: c.indicator, indicatorVersion: c.indicatorVersion, paramsHash: c.paramsHash, values: c.values, scores: c.scores, evidence: out };
      }),
    }));
    return { period: columns.period, evidence, json: Uint8Array.from(json), kinds };
  } catch {
    return undefined;
  }
}

/**
 * Whether a structured clone of `value` gives the audit the same canonical JSON as `value` itself:
 * primitives other than symbols, and plain objects and arrays (no holes) of such. A Date, a class
 * instance (its toJSON would not cross), a function or a hole is not.
 */
function clonesAlike(value: unknown, checked: Set<object>): boolean {
  if (typeof value !== 'object' || value === null) return typeof value !== 'function' && typeof value !== 'symbol';
  if (checked.has(value)) return true;
  const proto = Object.getPrototypeOf(value) as unknown;
  if (Array.isArray(value)) {
    if (proto !== Array.prototype) return false;
    for (let i = 0; i < value.length; i++) if (!(i in value) || !clonesAlike(value[i], checked)) return false;
  } else {
    if (proto !== Object.prototype && proto !== null) return false;
    for (const key of Object.keys(value)) if (!clonesAlike((value as Record<string, unknown>)[key], checked)) return false;
  }
  checked.add(value);
  return true;
}

const NONE = Symbol('none');

/** The columns back, each distinct evidence object (or its JSON text, parsed) shared by the subjects that had it. */
export function columnsOf(portable: PortableColumns): ResultColumns {
  const evidence = portable.evidence.map((e, i) => (portable.json[i] === 1 ? JSON.parse(e as string) : e) as Record<string, unknown>);
  return {
    period: portable.period,
    kinds: portable.kinds.map(({ subjectKind, subjectIds, indicators }) => ({
      subjectKind,
      subjectIds,
      indicators: indicators.map((c) => ({
        indicator: c.indicator, indicatorVersion: c.indicatorVersion, paramsHash: c.paramsHash, values: c.values, scores: c.scores,
        evidence: Array.from(c.evidence, (id) => evidence[id]),
      })),
    })),
  };
}

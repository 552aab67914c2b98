import type { ResultColumns } from '@kaoping/contract';

/**
 * A close's result columns in a form another thread can take: evidence as JSON text, each distinct
 * object once, and per column the index of each subject's evidence in that list. The audit hashes
 * evidence as the store gives it back (JSON, parsed), so the text loses nothing the hash covers.
 */
export interface PortableColumns {
  period: string;
  evidence: string[];
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
  const evidence: string[] = [];
  const idOf = (e: unknown): number => {
    let id = ids.get(e);
    if (id === undefined) {
      ids.set(e, (id = evidence.length));
      // JSON.stringify gives undefined for undefined or a function: the store and the audit read null.
      evidence.push(JSON.stringify(e) ?? 'null');
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
    return { period: columns.period, evidence, kinds };
  } catch {
    return undefined;
  }
}

const NONE = Symbol('none');

/** The columns back, each distinct evidence object parsed once and shared by the subjects that had it. */
export function columnsOf(portable: PortableColumns): ResultColumns {
  const evidence = portable.evidence.map((text) => JSON.parse(text) as Record<string, unknown>);
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

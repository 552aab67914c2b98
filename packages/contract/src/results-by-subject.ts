import type { Result } from './model.js';
import type { ResultColumn, ResultColumns } from './store.js';

/**
 * A period's result rows grouped by subject, in the order subjects first appear: what a store
 * packs and the audit hashes per subject. A close hands rows over subject by subject, so only a
 * change of subject costs a lookup.
 */
export function resultsBySubject(rows: readonly Result[]): Result[][] {
  const groups: Result[][] = [];
  const byKey = new Map<string, Result[]>();
  let last: Result[] | undefined;
  for (const r of rows) {
    if (last === undefined || last[0].subjectId !== r.subjectId || last[0].subjectKind !== r.subjectKind) {
      const key = `${r.subjectKind}\u0000${r.subjectId}`;
      last = byKey.get(key);
      if (last === undefined) {
        byKey.set(key, (last = []));
        groups.push(last);
      }
    }
    last.push(r);
  }
  return groups;
}

/**
 * The rows that columns stand for, subject by subject (see `ResultColumns`): for readers that want
 * `Result` objects, and for stores that cannot take columns. Rows share their column's evidence objects.
 */
export function resultRowsOf(columns: ResultColumns): Result[] {
  const out: Result[] = [];
  const { period } = columns;
  for (const { subjectKind, subjectIds, indicators } of columns.kinds) {
    for (let i = 0; i < subjectIds.length; i++) {
      const subjectId = subjectIds[i];
      for (const c of indicators) {
        out.push({
          subjectKind, subjectId, indicator: c.indicator, indicatorVersion: c.indicatorVersion, paramsHash: c.paramsHash,
          period, value: resultNumber(c.values[i]), score: resultNumber(c.scores[i]), evidence: c.evidence[i],
        });
      }
    }
  }
  return out;
}

/** How many result rows the columns stand for, without building them. */
export function resultCountOf(columns: ResultColumns): number {
  let n = 0;
  for (const k of columns.kinds) n += k.subjectIds.length * k.indicators.length;
  return n;
}

/**
 * A value or score as a stored double: NaN for null or a non-finite number, always the same NaN, so
 * equal results give equal bytes (what a store packs and the audit hashes).
 */
export function resultDouble(x: number | null): number {
  return x !== null && Number.isFinite(x) ? x : Number.NaN;
}

/** A stored double (or a column's entry) back as a value or score: null for NaN. */
export function resultNumber(x: number): number | null {
  return Number.isNaN(x) ? null : x;
}

const LITTLE_ENDIAN = new Uint8Array(new Float64Array([1]).buffer)[7] === 0x3f;

/**
 * The values and scores of `n` subjects' columns as little-endian doubles, subject by subject, each
 * subject's in the order of `columns` (value, score, value, score, …; NaN for null or non-finite,
 * always the same NaN): how a store packs them and the audit hashes them.
 */
export function resultDoubles(columns: readonly ResultColumn[], n: number): Buffer {
  const m = columns.length;
  const doubles = new Float64Array(n * m * 2);
  for (let j = 0; j < m; j++) {
    const { values, scores } = columns[j];
    for (let i = 0, at = j * 2; i < n; i++, at += m * 2) {
      doubles[at] = resultDouble(values[i]);
      doubles[at + 1] = resultDouble(scores[i]);
    }
  }
  const bytes = Buffer.from(doubles.buffer);
  if (!LITTLE_ENDIAN) bytes.swap64();
  return bytes;
}


import type { Result } from './model.js';

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

/** A rowid range of the events table, both ends inclusive. */
export interface Partition {
  index: number;
  fromRowid: number;
  toRowid: number;
}

/**
 * Cuts [minRowid, maxRowid] into ranges of `chunkSize` rowids. Rowid ranges, not event counts per
 * period: the ranges are found from the table's two ends without reading it, each is one
 * sequential b-tree walk in a worker, and the events table is append-only so rowids are dense.
 */
export function planPartitions(minRowid: number | null, maxRowid: number | null, chunkSize: number): Partition[] {
  if (minRowid === null || maxRowid === null) return [];
  const out: Partition[] = [];
  for (let from = minRowid, index = 0; from <= maxRowid; from += chunkSize, index++) {
    out.push({ index, fromRowid: from, toRowid: Math.min(maxRowid, from + chunkSize - 1) });
  }
  return out;
}

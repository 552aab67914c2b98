/** What an import did with the records of one source. */
export interface IngestCounts {
  /** Records read: lines of a host export (or pushed records), directory rows included. */
  read: number;
  /** Records that added something new to the store. */
  accepted: number;
  /** Records that were all already stored (same `(source, id)`, or an identical directory row). */
  duplicates: number;
  /** Records that went to the dead-letter store. */
  rejected: number;
}

export function emptyCounts(): IngestCounts {
  return { read: 0, accepted: 0, duplicates: 0, rejected: 0 };
}

export function addCounts(into: IngestCounts, more: IngestCounts): IngestCounts {
  into.read += more.read;
  into.accepted += more.accepted;
  into.duplicates += more.duplicates;
  into.rejected += more.rejected;
  return into;
}

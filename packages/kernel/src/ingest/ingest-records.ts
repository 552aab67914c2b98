import type { ActivityEvent, AdapterRecord, DeadLetter, OrgUnit, Person, Store } from '@kaoping/contract';
import { accumulate, type AccumulateContext } from '../engine/accumulate.js';
import type { StateTable } from '../engine/state-table.js';
import type { Directory } from '../directory/directory.js';
import { emptyCounts, type IngestCounts } from './counts.js';
import { createEventCheck } from './record-checks.js';

export interface IngestTarget {
  store: Store;
  directory: Directory;
  states: StateTable;
  accumulateContext: AccumulateContext;
  clock: () => number;
  /** Records per transaction; larger batches write each touched state fewer times. */
  batchSize?: number;
  onProgress?(source: string, counts: IngestCounts): void;
  /** What became of each line (or pushed record), in order, once its batch is stored: the HTTP ingest route answers per record from it. */
  onLine?(outcome: LineOutcome): void;
  /**
   * Runs first inside each batch's transaction: the kernel writes what its hook counted since its
   * last write, so a batch never commits states whose events are not yet stored.
   */
  beforeWrite?(): Promise<unknown>;
  /**
   * A batch rolled back: the in-memory states must not keep what the store did not. Default: read
   * the kept states again (a lazy table, each period when next touched).
   */
  reloadStates?(): Promise<void>;
}

/** What became of one line of a host export or one pushed record. */
export interface LineOutcome {
  file: string;
  line: number;
  status: 'accepted' | 'duplicate' | 'rejected';
  /** The dead letter's code and reason, for a rejected line (its first refusal). */
  code?: string;
  reason?: string;
}

/** One line of a host export (or one pushed record) and what became of it. */
interface Line {
  file: string;
  line: number;
  rejected: boolean;
  refusal?: { code: string; reason: string };
  newDirectory: boolean;
  newEvents: number;
}

interface Batch {
  lines: Line[];
  units: OrgUnit[];
  people: Person[];
  events: ActivityEvent[];
  /** For each event, the index of its line. */
  eventLine: number[];
  deadLetters: DeadLetter[];
}

function emptyBatch(): Batch {
  return { lines: [], units: [], people: [], events: [], eventLine: [], deadLetters: [] };
}

/** Directory rows compare by content: key order and absent-vs-null do not make a row new. */
function canonical(row: object): string {
  return JSON.stringify(Object.entries(row).filter(([, v]) => v !== undefined && v !== null).sort(([a], [b]) => (a < b ? -1 : 1)));
}

function sameRow(stored: object | undefined, incoming: object): boolean {
  return stored !== undefined && canonical(stored) === canonical(incoming);
}

/**
 * Writes one batch atomically: directory rows, dead letters, the events, and the states those
 * events changed. A crash leaves either all of it or none, so a second import completes the first.
 */
async function flush(target: IngestTarget, batch: Batch): Promise<void> {
  const { store, states } = target;
  try {
    await store.transaction(async () => {
      await target.beforeWrite?.();
      if (batch.units.length) await store.upsertUnits(batch.units);
      if (batch.people.length) await store.upsertPeople(batch.people);
      if (batch.deadLetters.length) await store.addDeadLetters(batch.deadLetters);
      if (batch.events.length) {
        const fresh = await store.appendEvents(batch.events);
        for (let i = 0; i < fresh.length; i++) {
          if (!fresh[i]) continue;
          accumulate(batch.events[i], states, target.accumulateContext);
          batch.lines[batch.eventLine[i]].newEvents++;
        }
      }
      const dirty = states.toStoredStates({ dirtyOnly: true });
      if (dirty.length) await store.putStates(dirty);
    });
  } catch (e) {
    if (target.reloadStates) {
      await target.reloadStates();
    } else {
      states.clear();
      if (!states.lazy) states.load(await store.loadStates());
    }
    throw e;
  }
  states.clearDirty();
}

function statusOf(l: Line): LineOutcome['status'] {
  if (l.rejected) return 'rejected';
  return l.newDirectory || l.newEvents > 0 ? 'accepted' : 'duplicate';
}

function tally(counts: IngestCounts, lines: readonly Line[], onLine: IngestTarget['onLine']): void {
  for (const l of lines) {
    counts.read++;
    const status = statusOf(l);
    if (status === 'rejected') counts.rejected++;
    else if (status === 'accepted') counts.accepted++;
    else counts.duplicates++;
    onLine?.({ file: l.file, line: l.line, status, ...l.refusal });
  }
}

function reject(line: Line, code: string, reason: string): void {
  line.rejected = true;
  line.refusal ??= { code, reason };
}

/** Records one at a time, or in batches (an adapter's `readBatches`): the batches cost one await each, not one per record. */
export type RecordStream =
  | AsyncIterable<AdapterRecord | readonly AdapterRecord[]>
  | Iterable<AdapterRecord | readonly AdapterRecord[]>;

/** The batch being gathered for the next transaction, and the line the last record belonged to. */
class Gatherer {
  readonly counts = emptyCounts();
  batch = emptyBatch();
  private readonly check: ReturnType<typeof createEventCheck>;
  private readonly batchSize: number;
  private lastFile = '';
  private lastLine = -1;
  private line: Line | undefined;

  constructor(private readonly target: IngestTarget, private readonly source: string) {
    this.check = createEventCheck(target.directory);
    this.batchSize = target.batchSize ?? 20_000;
  }

  /** Whether the batch is full and `rec` starts a new line: a line's records never straddle two transactions. */
  fullBefore(rec: AdapterRecord): boolean {
    return this.batch.lines.length >= this.batchSize && this.startsLine(rec);
  }

  private startsLine(rec: AdapterRecord): boolean {
    const { file, line } = rec.origin;
    return this.line === undefined || file !== this.lastFile || line !== this.lastLine || line === 0;
  }

  async flush(): Promise<void> {
    const { batch, target } = this;
    if (batch.lines.length === 0) return;
    await flush(target, batch);
    tally(this.counts, batch.lines, target.onLine);
    target.onProgress?.(this.source, this.counts);
    this.batch = emptyBatch();
  }

  take(rec: AdapterRecord): void {
    const { target, source, batch } = this;
    const { file, line: lineNo } = rec.origin;
    let line = this.line;
    if (line === undefined || this.startsLine(rec)) {
      line = { file, line: lineNo, rejected: false, newDirectory: false, newEvents: 0 };
      batch.lines.push(line);
      this.line = line;
      this.lastFile = file;
      this.lastLine = lineNo;
    }
    switch (rec.kind) {
      case 'unit':
        if (!sameRow(target.directory.unit(rec.unit.id), rec.unit)) {
          target.directory.upsertUnits([rec.unit]);
          batch.units.push(rec.unit);
          line.newDirectory = true;
        }
        break;
      case 'person':
        if (!sameRow(target.directory.person(rec.person.id), rec.person)) {
          target.directory.upsertPeople([rec.person]);
          batch.people.push(rec.person);
          line.newDirectory = true;
        }
        break;
      case 'rejected':
        reject(line, rec.code, rec.reason);
        batch.deadLetters.push({ source, file, line: lineNo, raw: rec.raw, code: rec.code, reason: rec.reason, at: target.clock() });
        break;
      case 'event': {
        const refusal = this.check(rec.event, rec.origin);
        if (refusal) {
          reject(line, refusal.code, refusal.reason);
          batch.deadLetters.push({ source, file, line: lineNo, raw: JSON.stringify(rec.event), code: refusal.code, reason: refusal.reason, at: target.clock() });
        } else {
          batch.events.push(rec.event);
          batch.eventLine.push(batch.lines.length - 1);
        }
        break;
      }
    }
  }
}

/**
 * Ingests what one adapter read (or a batch of pushed records) without losing a record: each is
 * stored, counted as a duplicate, or kept as a dead letter with its reason. Directory rows take
 * effect at once, because later records of the same export refer to them.
 */
export async function ingestRecords(target: IngestTarget, source: string, records: RecordStream): Promise<IngestCounts> {
  const g = new Gatherer(target, source);
  for await (const item of records) {
    const recs: readonly AdapterRecord[] = isBatch(item) ? item : [item];
    for (let i = 0; i < recs.length; i++) {
      const rec = recs[i];
      if (g.fullBefore(rec)) await g.flush();
      g.take(rec);
    }
  }
  await g.flush();
  return g.counts;
}

function isBatch(item: AdapterRecord | readonly AdapterRecord[]): item is readonly AdapterRecord[] {
  return Array.isArray(item);
}

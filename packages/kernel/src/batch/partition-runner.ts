import { parsePeriod, type ActivityEvent, type AttrValue, type Person, type PeriodId } from '@kaoping/contract';
import type Database from 'better-sqlite3';
import { Directory } from '../directory/directory.js';
import { accumulate, type AccumulateContext } from '../engine/accumulate.js';
import { DispatchTable, type AggregateDefinition } from '../engine/dispatch.js';
import { StateTable } from '../engine/state-table.js';
import { SegmentReader } from './columnar-segment.js';
import { FileBuffer } from './file-buffer.js';
import { eventWindow, windowQuery, type EventWindow } from './event-window.js';
import { loadSegment } from './segment-cache.js';
import { KIND_CODES, type BatchTask, type PartialStates, type WorkerInit } from './protocol.js';

type Row = [source: string, id: string, type: string, actorId: string | null, unitId: string | null, occurredAt: number, attrs: string];
type OpenDatabase = (path: string) => Database.Database;

interface PeriodPlan {
  dispatch: DispatchTable;
  window: EventWindow;
  sql: string;
  params: (from: number, to: number) => unknown[];
}

/**
 * What a batch worker does with one partition, apart from the thread: read the rowid range of the
 * events the period can use, fold each into a fresh table with the same `accumulate` the hook
 * uses, and hand the states back column-wise. Kept free of worker_threads so it can be read and
 * reasoned about like the rest of the engine.
 */
export class PartitionRunner {
  private readonly directory = new Directory();
  private readonly pluginIndex: Map<string, number>;
  private readonly plans = new Map<PeriodId, PeriodPlan>();
  private readonly databases = new Map<string, Database.Database>();
  private readonly statements = new Map<string, Database.Statement>();
  private readonly params: Record<string, unknown>[];
  /** Segments are read into this one buffer, partition after partition; a fold is done with its segment before the next read. */
  private readonly segmentBuffer = new FileBuffer();

  constructor(
    init: WorkerInit,
    private readonly definitions: readonly AggregateDefinition[],
    private readonly openDatabase: OpenDatabase,
  ) {
    this.pluginIndex = new Map(init.plugins.map((p, i) => [p.id, i]));
    this.directory.setUnits(init.units);
    // Routing needs only each person's unit; the rest of a Person is not sent to workers.
    this.directory.setPeople(init.personIds.map((id, i) => ({ id, unitId: init.personUnits[i] }) as Person));
    this.params = init.plugins.map((p) => p.params);
  }

  run(task: BatchTask): PartialStates {
    const plan = this.plan(task.period);
    const table = new StateTable();
    const ctx: AccumulateContext = {
      dispatch: plan.dispatch,
      directory: this.directory,
      now: () => task.now,
      onError(consumer, error, event) {
        throw new Error(`plugin "${consumer.id}" threw in add on event ${event.source}/${event.id}: ${(error as Error)?.message ?? String(error)}`);
      },
    };
    if (task.cacheDir !== undefined) return this.foldSegment(task, plan, table, ctx);
    // One event object, refilled per row: `add` borrows the event and never keeps it.
    const event: ActivityEvent = { id: '', source: '', type: '', actorId: null, unitId: null, occurredAt: 0, attrs: {} };
    let events = 0;
    const rows = this.statement(task.dbPath, plan.sql).iterate(...plan.params(task.fromRowid, task.toRowid)) as IterableIterator<Row>;
    for (const row of rows) {
      event.source = row[0];
      event.id = row[1];
      event.type = row[2];
      event.actorId = row[3];
      event.unitId = row[4];
      event.occurredAt = row[5];
      event.attrs = JSON.parse(row[6]) as Record<string, AttrValue>;
      accumulate(event, table, ctx);
      events++;
    }
    return this.encode(table, events, false);
  }

  /** The same fold over the partition's columnar segment: the window test is on typed arrays, attrs are already decoded. */
  private foldSegment(task: BatchTask, plan: PeriodPlan, table: StateTable, ctx: AccumulateContext): PartialStates {
    const { segment, built } = loadSegment(this.database(task.dbPath), task.cacheDir!, task.fromRowid, task.toRowid, this.segmentBuffer);
    const { openTypes, windowTypes, start, end } = plan.window;
    // Per type code of this segment: 0 not read, 1 any time before the end, 2 only within [start, end).
    const reach = Uint8Array.from(segment.types, (t) => (openTypes.includes(t) ? 1 : windowTypes.includes(t) ? 2 : 0));
    const reader = new SegmentReader(segment);
    const { type, occurredAt } = segment;
    let events = 0;
    for (let i = 0; i < segment.count; i++) {
      const r = reach[type[i]];
      if (r === 0) continue;
      const t = occurredAt[i];
      if (t >= end || (r === 2 && t < start)) continue;
      accumulate(reader.load(i), table, ctx);
      events++;
    }
    return this.encode(table, events, built);
  }

  private plan(periodId: PeriodId): PeriodPlan {
    let plan = this.plans.get(periodId);
    if (plan === undefined) {
      const period = parsePeriod(periodId);
      const inputs = this.definitions.map((def, i) => ({ def, params: this.params[i] }));
      const dispatch = new DispatchTable(inputs, [period.kind], { only: period });
      const window = eventWindow(dispatch, period);
      plan = { dispatch, window, ...windowQuery(window) };
      this.plans.set(periodId, plan);
    }
    return plan;
  }

  private database(dbPath: string): Database.Database {
    let db = this.databases.get(dbPath);
    if (db === undefined) {
      db = this.openDatabase(dbPath);
      this.databases.set(dbPath, db);
    }
    return db;
  }

  private statement(dbPath: string, sql: string): Database.Statement {
    const key = `${dbPath}\u0000${sql}`;
    let stmt = this.statements.get(key);
    if (stmt === undefined) {
      stmt = this.database(dbPath).prepare(sql).raw(true);
      this.statements.set(key, stmt);
    }
    return stmt;
  }

  private encode(table: StateTable, events: number, built: boolean): PartialStates {
    const n = table.size;
    const out: PartialStates = { events, built, plugin: new Uint16Array(n), kind: new Uint8Array(n), subject: new Array<string>(n), state: new Array<unknown>(n) };
    let i = 0;
    for (const e of table.entries()) {
      out.plugin[i] = this.pluginIndex.get(e.indicator)!;
      out.kind[i] = KIND_CODES.indexOf(e.subjectKind);
      out.subject[i] = e.subjectId;
      out.state[i] = e.state;
      i++;
    }
    return out;
  }

  close(): void {
    for (const db of this.databases.values()) db.close();
    this.databases.clear();
    this.statements.clear();
  }
}

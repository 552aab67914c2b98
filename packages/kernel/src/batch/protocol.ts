import type { OrgUnit, PeriodId, SubjectKind } from '@kaoping/contract';

/**
 * What the main thread and the batch workers exchange. Everything here is plain data: it crosses
 * threads by structured clone (typed arrays by transfer), and closures never do.
 */

/** One indicator or rule as a worker loads it: the module URL and the params in force. */
export interface WorkerPlugin {
  id: string;
  url: string;
  params: Record<string, unknown>;
}

/** Given once per worker (piscina `workerData`): the plugins and the org snapshot routing needs. */
export interface WorkerInit {
  plugins: WorkerPlugin[];
  units: OrgUnit[];
  /** Person ids and, at the same index, their HR unit (the fallback of an event without unitId). */
  personIds: string[];
  personUnits: string[];
}

/** One partition: the events of a rowid range that one period reads. */
export interface BatchTask {
  dbPath: string;
  period: PeriodId;
  /** First and last rowid, inclusive. */
  fromRowid: number;
  toRowid: number;
  /** Epoch ms the evaluation runs at (bounds `period-end` attribution as the hook's clock does). */
  now: number;
  /** Folder of the columnar copy of the events; absent: read the events table directly. */
  cacheDir?: string;
}

/** Subject kinds as one byte per state. */
export const KIND_CODES: readonly SubjectKind[] = ['person', 'unit'];

/**
 * The states one partition built, column-wise: state i belongs to plugin `plugins[plugin[i]]`
 * (the index in WorkerInit.plugins), subject kind `KIND_CODES[kind[i]]`, subject `subject[i]`.
 */
export interface PartialStates {
  /** Events the partition read and folded in. */
  events: number;
  /** Whether the partition's columnar segment had to be (re)built from the events table. */
  built: boolean;
  plugin: Uint16Array;
  kind: Uint8Array;
  subject: string[];
  state: unknown[];
}

import type {
  HostMessage, IndicatorDefinition, KernelEvents, OrgUnit, Person, PeriodId, Risk, Store, StoredState, SubjectKind,
} from '@kaoping/contract';
import type { ResolvedLoopConfig } from './config.js';

/** Epoch ms; injected so tests (and replays) control time. */
export type Clock = () => number;

/** The kernel bus's `emit` (mitt): `(type, payload) => bus.emit(type, payload)`. */
export type Emit = <K extends keyof KernelEvents>(type: K, payload: KernelEvents[K]) => void;

/** What the loop reads of the org: the kernel's `Directory` satisfies it. */
export interface LoopDirectory {
  person(id: string): Person | undefined;
  people(): Person[];
  unit(id: string): OrgUnit | undefined;
  units(): OrgUnit[];
}

/** A started indicator with its resolved params: the kernel's `LoadedIndicator` satisfies it. */
export interface LoopIndicator {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly definition: IndicatorDefinition<any, any>;
  readonly params: Record<string, unknown>;
}

/** Indicator states: the kernel's `StateTable` satisfies it (its entries carry the StoredState fields). */
export interface LoopStates {
  get(indicator: string, subjectKind: SubjectKind, subjectId: string, period: PeriodId): { state: unknown } | undefined;
  /** Every state of one period. */
  periodEntries(period: PeriodId): Iterable<StoredState>;
  /** The periods that have states. */
  periods(): Iterable<PeriodId>;
}

/** Pushes one message into a host; rejects when the host did not take it. */
export type Notifier = (message: HostMessage) => Promise<void>;

/** The notifier of an adapter id, or undefined when that adapter is not loaded or cannot notify. */
export type NotifierFor = (adapterId: string) => Notifier | undefined;

/** A risk a trigger finds true now, before it is matched against the open risks. */
export type RiskCandidate = Omit<Risk, 'id' | 'status' | 'raisedAt' | 'resolvedAt'>;

/** Everything the loop's parts share; built once by `createLoop`. */
export interface LoopContext {
  readonly store: Store;
  readonly clock: Clock;
  readonly emit: Emit;
  readonly config: ResolvedLoopConfig;
  readonly directory: LoopDirectory;
  readonly indicators: () => readonly LoopIndicator[];
  readonly states: () => LoopStates | undefined;
  readonly notifierFor: NotifierFor;
  readonly newId: () => string;
}

/** Who did it, for transitions and the audit log; `system` for what the loop does by itself. */
export const SYSTEM_ACTOR = 'system';

import type { LocalizedText, PeriodKind, Person, RiskCategory } from '@kaoping/contract';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/**
 * A kind of event that carries a deadline (受理 with 办理期限): the deadline trigger watches its
 * open instances. `closedBy` names the event that closes one: its id is the opening id with
 * `openingSuffix` swapped for `closingSuffix` (`<swsxbh>#a` → `<swsxbh>#c`; `<文号>` → `<文号>#c`).
 */
export interface DeadlineSource {
  source: string;
  type: string;
  deadlineAttr: string;
  /** Attribute holding the completion time on the opening event (null while open). */
  completedAttr: string;
  closedBy?: { type: string; openingSuffix: string; closingSuffix: string };
  /** The indicator the risk is filed under (its categories tag the risk). */
  indicator: string;
  /** Tags when the indicator is not loaded. */
  categories: RiskCategory[];
  label: LocalizedText;
}

export interface LoopConfig {
  deadline: {
    /** Raise when an open matter's deadline is this close (or already past). Default 24 h. */
    windowMs: number;
    /** How far back the scheduled scan looks for matters still open (by acceptance time). Default 180 days. */
    lookbackMs: number;
    sources: DeadlineSource[];
  };
  trend: {
    /** Period kinds whose period-to-date states are checked; undefined: every kind the states hold. */
    periodKinds?: PeriodKind[];
  };
  outlier: {
    /** How many standard deviations worse than the peer mean counts as an outlier. Default 2. */
    sigma: number;
    /** Smallest peer group (same post, same tier group) compared. Default 10. */
    minPeers: number;
    periodKinds?: PeriodKind[];
    /** Indicators compared; undefined: every person indicator. */
    indicators?: string[];
  };
  tasks: {
    /** Time to rectify, from the task's creation. Default 7 days. */
    dueMs: number;
  };
  outbox: {
    /** Delay after the first failed attempt; doubles per attempt: `min(maxDelayMs, baseDelayMs × 2^attempts)`. */
    baseDelayMs: number;
    maxDelayMs: number;
    /** How long a claimed message is held by one deliverer before another may retry it. */
    leaseMs: number;
    batchSize: number;
    /**
     * Messages of a batch on their way at once. A host answers in milliseconds but most of that is
     * waiting (a webhook's round trip, a file append), so one at a time left a demo's 16 k messages
     * taking half a minute. Started in the order raised; a host may see neighbours swap. Default 8.
     */
    concurrency: number;
  };
  /** Unit id → the person id of its leader, overriding the post rule. */
  leaders: Record<string, string>;
  /** Without a `leaders` entry, a unit's leader is its first person (by id) of this post. Default `AD` (综合). */
  leaderPost: string;
  /** The adapter whose host a person works in, which delivers their messages. */
  adapterFor: (person: Person | undefined) => string;
}

/** What a deployment may give: every section optional and merged over the defaults. */
export interface LoopConfigInput {
  deadline?: Partial<LoopConfig['deadline']>;
  trend?: Partial<LoopConfig['trend']>;
  outlier?: Partial<LoopConfig['outlier']>;
  tasks?: Partial<LoopConfig['tasks']>;
  outbox?: Partial<LoopConfig['outbox']>;
  leaders?: Record<string, string>;
  leaderPost?: string;
  adapterFor?: LoopConfig['adapterFor'];
}

export type ResolvedLoopConfig = Readonly<LoopConfig>;

const TAX_POSTS = new Set(['FD', 'TM', 'IN']);

/** Front desk, tax-source management and inspection work in the tax-collection system; everyone else in the OA. */
export function defaultAdapterFor(person: Person | undefined): string {
  return person !== undefined && TAX_POSTS.has(person.postId) ? 'tax-collection' : 'gov-affairs';
}

export const TAX_MATTER_DEADLINES: DeadlineSource = {
  source: 'tax-collection',
  type: 'tax.matter.accepted',
  deadlineAttr: 'deadlineAt',
  completedAttr: 'completedAt',
  closedBy: { type: 'tax.matter.completed', openingSuffix: '#a', closingSuffix: '#c' },
  indicator: 'business.on-time-rate',
  categories: ['时效'],
  label: { zh: '办税事项', en: 'tax matter' },
};

export const DEFAULT_LOOP_CONFIG: ResolvedLoopConfig = {
  deadline: { windowMs: 24 * HOUR, lookbackMs: 180 * DAY, sources: [TAX_MATTER_DEADLINES] },
  trend: {},
  outlier: { sigma: 2, minPeers: 10 },
  tasks: { dueMs: 7 * DAY },
  outbox: { baseDelayMs: 60_000, maxDelayMs: 6 * HOUR, leaseMs: 5 * 60_000, batchSize: 100, concurrency: 8 },
  leaders: {},
  leaderPost: 'AD',
  adapterFor: defaultAdapterFor,
};

export function resolveLoopConfig(input: LoopConfigInput = {}): ResolvedLoopConfig {
  const d = DEFAULT_LOOP_CONFIG;
  return Object.freeze({
    deadline: { ...d.deadline, ...input.deadline },
    trend: { ...d.trend, ...input.trend },
    outlier: { ...d.outlier, ...input.outlier },
    tasks: { ...d.tasks, ...input.tasks },
    outbox: { ...d.outbox, ...input.outbox },
    leaders: { ...d.leaders, ...input.leaders },
    leaderPost: input.leaderPost ?? d.leaderPost,
    adapterFor: input.adapterFor ?? d.adapterFor,
  });
}

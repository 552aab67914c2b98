import {
  isKaopingError, localDate, yearId, type Composite, type GateAnswer, type OrgUnit, type Person, type PeriodId, type Result, type Risk, type Store,
  type Tier,
} from '@kaoping/contract';
import { askGate, gateContext, type Kernel } from '@kaoping/kernel';
import { periodsWithResults } from './periods.js';

/** One year of a person's tier history: own annual tier first, else the HR history, as the promotion gate reads it. */
export interface TierYear {
  year: number;
  tier: 1 | 2 | 3 | null;
  /** `kaoping` (own annual result), `history` (HR tier history), or null when neither knows the year. */
  source: 'kaoping' | 'history' | null;
  /** The HR record a history tier comes from. */
  recordId: string | null;
  /** Why the own annual tier is what it is (`ranked`, `sanction`, `left` …); null for history. */
  reason: Tier['reason'] | null;
}

/** A gate that cannot answer (not started, failed) leaves the rest of the profile standing. */
export type GateOutcome = GateAnswer | { error: { code: string; message: string } };

/** 画像: everything the person page shows of one person and period, in one answer. */
export interface PersonProfile {
  person: Person;
  unit: OrgUnit | null;
  /** The period asked for, else the latest with results; null when nothing is closed yet. */
  period: PeriodId | null;
  results: Result[];
  composite: Composite | null;
  tier: Tier | null;
  tierHistory: TierYear[];
  openRisks: number;
  /** The person's risk warnings, open and resolved. */
  risks: Risk[];
  promotion: GateOutcome;
}

export interface ProfileQuery {
  personId: string;
  period?: PeriodId;
  /** Years of tier history, ending with the period's year (default 4). */
  years?: number;
}

async function promotionOf(kernel: Kernel, personId: string): Promise<GateOutcome> {
  try {
    return await askGate(kernel, 'promotion', { personId, date: kernel.clock() });
  } catch (e) {
    if (!isKaopingError(e)) throw e;
    return { error: { code: e.code, message: e.message } };
  }
}

/** Years `last`, `last - 1` … through the same lookup the promotion gate uses (kernel's gateContext). */
async function tierHistory(kernel: Kernel, personId: string, own: readonly Tier[], last: number, years: number): Promise<TierYear[]> {
  const ctx = await gateContext(kernel, undefined, personId);
  return Array.from({ length: years }, (_, i) => {
    const year = last - i;
    const found = ctx.tier(personId, year);
    const mine = own.find((t) => t.period === yearId(year));
    if (found) return { year, tier: found.tier, source: found.source, recordId: found.recordId ?? null, reason: found.source === 'kaoping' ? mine?.reason ?? null : null };
    return { year, tier: null, source: mine ? 'kaoping' : null, recordId: null, reason: mine?.reason ?? null };
  });
}

/** The profile of a person the caller may see (scope is the route's business). */
export async function personProfile(kernel: Kernel, store: Store, query: ProfileQuery): Promise<PersonProfile> {
  const { personId } = query;
  const person = kernel.directory.person(personId)!;
  const period = query.period ?? (await periodsWithResults(kernel, store))[0] ?? null;
  const subject = { subjectKind: 'person' as const, subjectId: personId };
  const [results, composites, tiers, risks, promotion] = await Promise.all([
    period === null ? [] : store.listResults({ period, ...subject }),
    period === null ? [] : store.listComposites({ period, ...subject }),
    store.listTiers({ personId }),
    store.listRisks({ subjectId: personId }),
    promotionOf(kernel, personId),
  ]);
  const ownRisks = risks.filter((r) => r.subject.kind === 'person');
  const lastYear = Number((period ?? localDate(kernel.clock())).slice(0, 4));
  return {
    person,
    unit: kernel.directory.unit(person.unitId) ?? null,
    period,
    results,
    composite: composites[0] ?? null,
    tier: tiers.find((t) => t.period === period) ?? null,
    tierHistory: await tierHistory(kernel, personId, tiers, lastYear, query.years ?? 4),
    openRisks: ownRisks.filter((r) => r.status === 'open').length,
    risks: ownRisks,
    promotion,
  };
}

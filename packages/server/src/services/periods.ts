import { localDate, parsePeriod, type PeriodId, type Store } from '@kaoping/contract';
import type { Kernel } from '@kaoping/kernel';

/** Every period of a year, newest first: by end, the longer of two that end together first (2026, 2026-Q4, 2026-12, 2026-11 …). */
function periodsOfYear(year: number): PeriodId[] {
  const all = [String(year), ...[1, 2, 3, 4].map((q) => `${year}-Q${q}`), ...Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`)];
  return all.map(parsePeriod).sort((a, b) => b.end - a.end || b.months - a.months).map((p) => p.id);
}

/** The year of the earliest stored event; the store answers it from its occurredAt order. */
async function firstEventYear(store: Store): Promise<number | undefined> {
  for await (const batch of store.scanEvents({ limit: 1 }, 1)) {
    if (batch.length) return Number(localDate(batch[0].occurredAt).slice(0, 4));
  }
  return undefined;
}

/**
 * Periods with stored results, newest first. The Store has no list of closed periods, so each
 * candidate period (from the first event's year to next year) is probed with one primary-key
 * lookup: the results of a root unit, which every closed period has (unit results roll up the tree).
 */
export async function periodsWithResults(kernel: Kernel, store: Store): Promise<PeriodId[]> {
  const roots = kernel.directory.units().filter((u) => u.parentId === null).map((u) => u.id);
  const first = await firstEventYear(store);
  if (first === undefined || roots.length === 0) return [];
  const last = Number(localDate(kernel.clock()).slice(0, 4)) + 1;
  const out: PeriodId[] = [];
  for (let year = Math.max(last, first); year >= first; year--) {
    for (const period of periodsOfYear(year)) {
      for (const root of roots) {
        if ((await store.listResults({ period, subjectKind: 'unit', subjectId: root })).length > 0) {
          out.push(period);
          break;
        }
      }
    }
  }
  return out;
}

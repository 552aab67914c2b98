import type { Person, PeriodId, StoredState } from '@kaoping/contract';
import { indexOrgTree } from '../../scoring/org-tree.js';
import { peerGroupKey, tierGroupOf, tierGroupOfUnits } from '../../scoring/peer-groups.js';
import type { ResolvedLoopConfig } from '../config.js';
import type { LoopDirectory, LoopIndicator, RiskCandidate } from '../types.js';
import { appliesTo, evidenceOf, valueOf, type Cell } from './indicator-context.js';

export function outlierKey(indicator: string, personId: string, period: PeriodId): string {
  return `outlier|${indicator}|${personId}|${period}`;
}

export function isOutlierKey(key: string): boolean {
  return key.startsWith('outlier|');
}


function show(v: number): string {
  return String(Number(v.toFixed(4)));
}

/** A peer group's members as parallel columns, not an object each: a province year has a quarter million. */
interface PeerGroup { ind: LoopIndicator; period: PeriodId; people: Person[]; values: number[]; states: unknown[] }

/**
 * Peer groups of each (indicator, period): same tier group and same post, people with a value; in
 * the order their first member came. Found through nested maps and each person's peer key made
 * once: a year's close checks a province's quarter of a million person states, and a joined key
 * string and a cell object per state were a quarter of the garbage those checks made.
 */
function groupValues(
  indicators: ReadonlyMap<string, LoopIndicator>, lists: readonly (readonly StoredState[])[], directory: LoopDirectory, periods: ReadonlySet<PeriodId>,
): PeerGroup[] {
  const unitGroups = tierGroupOfUnits(indexOrgTree(directory.units()));
  const peerKeys = new Map<Person, string>();
  const byCell = new Map<string, Map<PeriodId, Map<string, PeerGroup>>>();
  const groups: PeerGroup[] = [];
  for (const states of lists) for (let i = 0; i < states.length; i++) {
    const s = states[i];
    if (s.subjectKind !== 'person' || !periods.has(s.period)) continue;
    const ind = indicators.get(s.indicator);
    const person = directory.person(s.subjectId);
    if (ind === undefined || person === undefined || !appliesTo(ind, 'person', person)) continue;
    // A kept state names its cell itself: indicator, subject and period.
    const value = valueOf(ind, s.state, s as Cell);
    if (value === null) continue;
    let peerKey = peerKeys.get(person);
    if (peerKey === undefined) peerKeys.set(person, (peerKey = peerGroupKey(tierGroupOf(person, unitGroups), person.postId)));
    let byPeriod = byCell.get(s.indicator);
    if (byPeriod === undefined) byCell.set(s.indicator, (byPeriod = new Map()));
    let byPeer = byPeriod.get(s.period);
    if (byPeer === undefined) byPeriod.set(s.period, (byPeer = new Map()));
    let g = byPeer.get(peerKey);
    if (g === undefined) {
      byPeer.set(peerKey, (g = { ind, period: s.period, people: [], values: [], states: [] }));
      groups.push(g);
    }
    g.people.push(person);
    g.values.push(value);
    g.states.push(s.state);
  }
  return groups;
}

/**
 * People at least `sigma` standard deviations worse than the mean of their peers (same post, same
 * tier group, at least `minPeers` people with a value, the person included; population σ). No
 * spread, no outlier.
 */
export function outlierCandidates(
  indicators: readonly LoopIndicator[], states: readonly (readonly StoredState[])[], directory: LoopDirectory,
  periods: ReadonlySet<PeriodId>, config: ResolvedLoopConfig['outlier'],
): RiskCandidate[] {
  const wanted = new Map<string, LoopIndicator>();
  for (const ind of indicators) {
    if (!ind.definition.subjects.includes('person')) continue;
    if (config.indicators !== undefined && !config.indicators.includes(ind.definition.id)) continue;
    wanted.set(ind.definition.id, ind);
  }
  const out: RiskCandidate[] = [];
  for (const { ind, period, people, values, states: kept } of groupValues(wanted, states, directory, periods)) {
    const n = values.length;
    if (n < config.minPeers) continue;
    const mean = values.reduce((a, v) => a + v, 0) / n;
    const sd = Math.sqrt(values.reduce((a, v) => a + (v - mean) ** 2, 0) / n);
    if (!(sd > 0)) continue;
    const def = ind.definition;
    for (let i = 0; i < n; i++) {
      const value = values[i];
      const z = (def.direction === 'higher' ? mean - value : value - mean) / sd;
      if (z < config.sigma) continue;
      const id = people[i].id;
      out.push({
        dedupKey: outlierKey(def.id, id, period),
        trigger: 'outlier',
        categories: [...def.categories],
        severity: z >= config.sigma + 1 ? 'high' : 'medium',
        subject: { kind: 'person', id },
        period,
        indicator: def.id,
        evidence: evidenceOf(ind, kept[i]),
        message: `${def.title.zh} ${show(value)}，比同岗同组 ${n} 人均值 ${show(mean)} 差 ${show(z)} 个标准差 (${def.title.en} ${show(value)} is ${show(z)} σ worse than the mean ${show(mean)} of ${n} peers in the same post and tier group)`,
      });
    }
  }
  return out;
}

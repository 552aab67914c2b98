import { parsePeriod, type OrgUnit, type Person } from '@kaoping/contract';
import { scorePeriod, type IndicatorValue, type ScoringIndicator } from './index.js';
let seed = 42;
const rand = (): number => ((seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648);
const units: OrgUnit[] = [{ id: 'B', name: 'B', parentId: null, kind: 'bureau' }];
for (let d = 0; d < 20; d++) { units.push({ id: `D${d}`, name: 'd', parentId: 'B', kind: 'district' }); for (let s = 0; s < 10; s++) units.push({ id: `D${d}S${s}`, name: 's', parentId: `D${d}`, kind: 'section' }); }
const leaves = units.filter((u) => u.kind === 'section');
const people: Person[] = Array.from({ length: 30_000 }, (_, i) => ({ id: `P${String(i).padStart(6, '0')}`, name: 'x', unitId: leaves[i % leaves.length].id, postId: `post${i % 7}`, politicalStatus: i % 3 ? '群众' : '中共党员', since: 0 }));
const mk = (id: string, domain: any, subjects: any, scale: any, params: any, extra: any = {}): ScoringIndicator => ({ id, version: '1', paramsHash: 'h', domain, subjects, direction: 'higher', scale, params, ...extra });
const inds: ScoringIndicator[] = [
  mk('business.on-time-rate', 'business', ['person', 'unit'], { kind: 'target' }, { target: 0.98, floor: 0.85 }),
  mk('business.workload', 'business', ['person'], { kind: 'percentile' }, {}),
  mk('business.overdue-open', 'business', ['person', 'unit'], { kind: 'deduction' }, { points: 5 }),
  mk('business.enforcement-error-rate', 'business', ['person', 'unit'], { kind: 'target' }, { target: 0, floor: 0.05 }, { direction: 'lower' }),
  mk('business.taxpayer-satisfaction', 'business', ['person', 'unit'], { kind: 'target' }, { target: 4.8, floor: 3.5 }),
  mk('business.revenue-plan', 'business', ['unit'], { kind: 'target' }, { target: 1, floor: 0.9 }),
  mk('gov.document-timeliness', 'government', ['person', 'unit'], { kind: 'target' }, { target: 0.95, floor: 0.8 }),
  mk('gov.supervision-completion', 'government', ['person', 'unit'], { kind: 'target' }, { target: 1, floor: 0.8 }),
  mk('gov.attendance', 'government', ['person'], { kind: 'target' }, { target: 0.98, floor: 0.9 }),
  mk('party.organisational-life', 'party', ['person'], { kind: 'target' }, { target: 1, floor: 0.8 }, { appliesTo: (p: Person) => p.politicalStatus === '中共党员' }),
  mk('party.study-credits', 'party', ['person'], { kind: 'target' }, { target: 1, floor: 0.6 }, { appliesTo: (p: Person) => p.politicalStatus === '中共党员' }),
];
const values: IndicatorValue[] = [];
for (const i of inds) {
  if (i.subjects.includes('person')) for (const p of people) values.push({ subjectKind: 'person', subjectId: p.id, indicator: i.id, value: rand() < 0.05 ? null : i.id === 'business.workload' ? Math.floor(rand() * 50) : rand() });
  if (i.subjects.includes('unit')) for (const u of units) values.push({ subjectKind: 'unit', subjectId: u.id, indicator: i.id, value: rand() });
}
const period = parsePeriod('2026');
for (let k = 0; k < 6; k++) {
  const t = performance.now();
  const out = scorePeriod({ period, units, people, indicators: inds, values });
  console.log(`run ${k}: ${(performance.now() - t).toFixed(1)} ms, results ${out.results.length}, tiers ${out.tiers.length}`);
}

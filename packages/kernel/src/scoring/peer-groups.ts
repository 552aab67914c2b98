import type { OrgUnit, Person } from '@kaoping/contract';
import { indexOrgTree, type OrgTree } from './org-tree.js';

/**
 * Tier groups (INDICATORS.md § Tiers): each 区局 (unit kind `district`) with everyone whose
 * HR unit is in its subtree; the staff of the 市局 root and of its units not under any 区局
 * form one more group. A group is named by the id of the unit at its head (the district, or
 * the root). Percentile peers are the people of one post inside one tier group.
 */

/** Tier group of every unit, in one top-down pass: a district starts its own group. */
export function tierGroupOfUnits(tree: OrgTree): Map<string, string> {
  const group = new Array<string>(tree.units.length);
  for (const u of tree.topDown) {
    const unit = tree.units[u];
    const p = tree.parent[u];
    group[u] = unit.kind === 'district' || p === -1 ? unit.id : group[p];
  }
  const out = new Map<string, string>();
  tree.units.forEach((unit, i) => out.set(unit.id, group[i]));
  return out;
}

/**
 * The tier group of a person: that of their HR unit. A unit missing from the directory
 * stands as its own group rather than silently joining another one.
 */
export function tierGroupOf(person: Person, unitGroups: ReadonlyMap<string, string>): string {
  return unitGroups.get(person.unitId) ?? person.unitId;
}

/** Group id → its members, in input order. */
export function tierGroups(units: readonly OrgUnit[] | OrgTree, people: readonly Person[]): Map<string, Person[]> {
  const unitGroups = tierGroupOfUnits(isTree(units) ? units : indexOrgTree(units));
  const out = new Map<string, Person[]>();
  for (const person of people) {
    const g = tierGroupOf(person, unitGroups);
    const members = out.get(g);
    if (members) members.push(person);
    else out.set(g, [person]);
  }
  return out;
}

/** Key of a percentile peer group: same tier group, same post. */
export function peerGroupKey(tierGroup: string, postId: string): string {
  return `${tierGroup}\u0000${postId}`;
}

function isTree(x: readonly OrgUnit[] | OrgTree): x is OrgTree {
  return !Array.isArray(x);
}

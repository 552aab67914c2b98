import type { DirectoryView, OrgUnit, Person } from '@kaoping/contract';

/**
 * The org tree and the people, in memory. The hook asks it on every event (a person's unit,
 * a unit's ancestors), so ancestor chains are cached and the cache is dropped when units change.
 */
export class Directory implements DirectoryView {
  private readonly unitsById = new Map<string, OrgUnit>();
  private readonly peopleById = new Map<string, Person>();
  private readonly ancestorCache = new Map<string, readonly string[]>();

  /** Replaces every unit. */
  setUnits(units: readonly OrgUnit[]): void {
    this.unitsById.clear();
    this.upsertUnits(units);
  }

  upsertUnits(units: readonly OrgUnit[]): void {
    for (const u of units) this.unitsById.set(u.id, u);
    this.ancestorCache.clear();
  }

  /** Replaces every person. */
  setPeople(people: readonly Person[]): void {
    this.peopleById.clear();
    this.upsertPeople(people);
  }

  upsertPeople(people: readonly Person[]): void {
    for (const p of people) this.peopleById.set(p.id, p);
  }

  hasUnit(id: string): boolean {
    return this.unitsById.has(id);
  }

  hasPerson(id: string): boolean {
    return this.peopleById.has(id);
  }

  unit(id: string): OrgUnit | undefined {
    return this.unitsById.get(id);
  }

  person(id: string): Person | undefined {
    return this.peopleById.get(id);
  }

  unitOf(personId: string): string | undefined {
    return this.peopleById.get(personId)?.unitId;
  }

  units(): OrgUnit[] {
    return [...this.unitsById.values()];
  }

  people(): Person[] {
    return [...this.peopleById.values()];
  }

  /**
   * The unit itself, then its parents up to the root. A unit not (yet) in the directory is its
   * own only ancestor, so its records still count for it. A parent loop stops at the repeat.
   */
  ancestors(unitId: string): readonly string[] {
    const hit = this.ancestorCache.get(unitId);
    if (hit) return hit;
    const chain: string[] = [];
    const seen = new Set<string>();
    let id: string | null | undefined = unitId;
    while (id != null && !seen.has(id)) {
      seen.add(id);
      chain.push(id);
      id = this.unitsById.get(id)?.parentId;
    }
    const frozen = Object.freeze(chain);
    this.ancestorCache.set(unitId, frozen);
    return frozen;
  }

  /** The unit and every unit below it. */
  subtree(unitId: string): string[] {
    return this.units().filter((u) => this.ancestors(u.id).includes(unitId)).map((u) => u.id);
  }
}

import type { Person } from '@kaoping/contract';
import type { ResolvedLoopConfig } from './config.js';
import type { LoopDirectory } from './types.js';

/**
 * Who answers for a unit, and where a person is reached. The directory has no leader field, so a
 * unit's leader is the `leaders` config entry, else its first employed person (by id) of the
 * leader post; a unit without one defers to its parent's leader.
 */
export class Routing {
  readonly #byUnit = new Map<string, Person[]>();

  constructor(private readonly directory: LoopDirectory, private readonly config: ResolvedLoopConfig, private readonly now: number) {
    for (const p of directory.people()) {
      if (p.postId !== config.leaderPost || (p.until != null && p.until <= now)) continue;
      const list = this.#byUnit.get(p.unitId);
      if (list) list.push(p);
      else this.#byUnit.set(p.unitId, [p]);
    }
  }

  /** The leader of the unit (or up its parents), other than `except`; undefined when there is none. */
  leaderOf(unitId: string, except?: string): string | undefined {
    const seen = new Set<string>();
    for (let id: string | null | undefined = unitId; id != null && !seen.has(id); id = this.directory.unit(id)?.parentId) {
      seen.add(id);
      const configured = this.config.leaders[id];
      if (configured !== undefined && configured !== except) return configured;
      const first = (this.#byUnit.get(id) ?? []).filter((p) => p.id !== except).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))[0];
      if (first) return first.id;
    }
    return undefined;
  }

  /** The leader above a person: of their unit, or higher up when they lead it themselves. */
  leaderAbove(personId: string): string | undefined {
    const unitId = this.directory.person(personId)?.unitId;
    return unitId === undefined ? undefined : this.leaderOf(unitId, personId);
  }

  adapterFor(personId: string): string {
    return this.config.adapterFor(this.directory.person(personId));
  }
}

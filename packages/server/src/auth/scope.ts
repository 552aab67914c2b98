import { kpError, type SubjectKind } from '@kaoping/contract';
import type { Directory } from '@kaoping/kernel';
import { describeScope, type Caller } from './caller.js';

/**
 * What a caller may see: admin everything, a leader the units of its subtree and the people whose
 * HR unit is in it, staff only themselves. Lists are filtered with the `…Visible` checks; a single
 * object out of scope is refused with the `assert…` ones (403 naming the scope).
 */
export class Scope {
  readonly caller: Caller;
  readonly #directory: Directory;

  constructor(caller: Caller, directory: Directory) {
    this.caller = caller;
    this.#directory = directory;
  }

  get all(): boolean {
    return this.caller.role === 'admin';
  }

  #inSubtree(unitId: string | undefined): boolean {
    return unitId !== undefined && this.caller.unitId !== undefined && this.#directory.ancestors(unitId).includes(this.caller.unitId);
  }

  /** Directory rows: staff see their own unit too, so the page can name it. */
  unitVisible(unitId: string): boolean {
    switch (this.caller.role) {
      case 'admin': return true;
      case 'leader': return this.#inSubtree(unitId);
      case 'staff': return this.#directory.unitOf(this.caller.personId ?? '') === unitId;
      default: return false;
    }
  }

  personVisible(personId: string): boolean {
    switch (this.caller.role) {
      case 'admin': return true;
      case 'leader': return this.#inSubtree(this.#directory.unitOf(personId));
      case 'staff': return personId === this.caller.personId;
      default: return false;
    }
  }

  /** Results, composites, risks: a unit's evaluation is not a staff member's to see. */
  subjectVisible(kind: SubjectKind, id: string): boolean {
    if (kind === 'person') return this.personVisible(id);
    return this.caller.role === 'staff' ? false : this.unitVisible(id);
  }

  /** An event is visible with its actor, or (unit-level records) with its unit. */
  eventVisible(actorId: string | null, unitId: string | null): boolean {
    if (this.all) return true;
    if (actorId !== null) return this.personVisible(actorId);
    return unitId !== null && this.subjectVisible('unit', unitId);
  }

  assertSubject(kind: SubjectKind, id: string): void {
    if (kind === 'person' && !this.#directory.hasPerson(id)) throw kpError('KP_ERR_NOT_FOUND', 'Person', id);
    if (kind === 'unit' && !this.#directory.hasUnit(id)) throw kpError('KP_ERR_NOT_FOUND', 'Unit', id);
    if (!this.subjectVisible(kind, id)) throw outOfScope(this.caller, `${kind} "${id}"`);
  }

  assertPerson(id: string): void {
    this.assertSubject('person', id);
  }

  /** A unit named as a list filter must exist and be in scope (for staff: their own unit). */
  assertUnit(id: string): void {
    if (!this.#directory.hasUnit(id)) throw kpError('KP_ERR_NOT_FOUND', 'Unit', id);
    if (!this.unitVisible(id)) throw outOfScope(this.caller, `unit "${id}"`);
  }
}

export function outOfScope(caller: Caller, what: string): Error {
  return kpError(
    'KP_ERR_FORBIDDEN',
    `This token's scope is ${describeScope(caller)}; ${what} is outside it. Use a token whose scope contains ${what} (an admin token, or a leader token of a unit above it).`,
  );
}

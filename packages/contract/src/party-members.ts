import type { JsonSchema } from './json-schema.js';
import type { Person } from './model.js';

/** The param of an indicator that applies only to people of one 政治面貌 (party indicators). */
export type MemberParams = {
  /** 政治面貌 of the people the indicator applies to. */
  memberStatus: string;
};

/** JSON Schema of `memberStatus` with its default; put it in the plugin's params properties. */
export function memberStatusProperty(defaults: MemberParams): JsonSchema {
  return { type: 'string', minLength: 1, default: defaults.memberStatus, description: '政治面貌 of the people this indicator applies to.' };
}

/**
 * `appliesTo` for members only: the person's 政治面貌 equals the configured `memberStatus`.
 * Falls back to the defaults when called without params (a caller that has none yet).
 */
export function appliesToMembers<P extends MemberParams>(defaults: P): (person: Person, params?: P) => boolean {
  return (person, params) => person.politicalStatus === (params ?? defaults).memberStatus;
}

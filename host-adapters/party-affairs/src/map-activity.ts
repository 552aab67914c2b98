import type { ActivityEvent } from '@kaoping/contract';
import { code, eventRecord, knownPerson, knownUnit, number, oneOf, optionalCode, time, type MapEnv, type RecordMapper } from '@kaoping/contract/records';
import { ADAPTER_ID } from './host.js';

const KIND = { 'organisational-life': 'party.life.recorded', study: 'party.study.recorded' } as const;
const LIFE_STATUS = { attended: 'attended', absent: 'absent' } as const;

/**
 * activities.json item → `party.life.recorded` (attrs.status) for organisational life, or
 * `party.study.recorded` (attrs.credits) for study; id, at `date`.
 */
export function activityMapper(env: MapEnv): RecordMapper {
  return (rec, origin) => {
    const id = code(rec, 'id');
    const actorId = knownPerson(env.directory, 'memberCode', code(rec, 'memberCode'));
    const branch = optionalCode(rec, 'branchUnitCode');
    const unitId = branch === null ? null : knownUnit(env.directory, 'branchUnitCode', branch);
    const type = oneOf(rec, 'kind', KIND);
    const occurredAt = time(rec, 'date', env.timeZone);
    const attrs: ActivityEvent['attrs'] = type === 'party.life.recorded' ? { status: oneOf(rec, 'status', LIFE_STATUS) } : { credits: number(rec, 'credits', 0) };
    return [eventRecord(origin, { id, source: ADAPTER_ID, type, actorId, unitId, occurredAt, attrs })];
  };
}

import { code, eventRecord, integer, knownPerson, knownUnit, optionalCode, time, type MapEnv, type RecordMapper } from '@kaoping/contract/records';
import { ADAPTER_ID } from './host.js';

/** ratings.ndjson → `tax.rating.submitted` (id pjbh, at pjrq); pjfs must be an integer 1..5. */
export function ratingMapper(env: MapEnv): RecordMapper {
  return (rec, origin) => {
    const id = code(rec, 'pjbh');
    const actorId = knownPerson(env.directory, 'swry_dm', code(rec, 'swry_dm'));
    const unit = optionalCode(rec, 'swjg_dm');
    const unitId = unit === null ? null : knownUnit(env.directory, 'swjg_dm', unit);
    const occurredAt = time(rec, 'pjrq', env.timeZone);
    const score = integer(rec, 'pjfs', 1, 5);
    return [eventRecord(origin, { id, source: ADAPTER_ID, type: 'tax.rating.submitted', actorId, unitId, occurredAt, attrs: { score } })];
  };
}

import { code, eventRecord, knownPerson, knownUnit, optionalCode, optionalOneOf, time, type MapEnv, type RecordMapper } from '@kaoping/contract/records';
import { ADAPTER_ID } from './host.js';

/** fcjg (复查结果): the review of an enforcement action; null while not reviewed. */
const REVIEW = { 正确: 'correct', 过错: 'faulty' } as const;

/** enforcement.ndjson → `tax.enforcement.recorded` (id zfbh, at zfrq). */
export function enforcementMapper(env: MapEnv): RecordMapper {
  return (rec, origin) => {
    const id = code(rec, 'zfbh');
    const actorId = knownPerson(env.directory, 'swry_dm', code(rec, 'swry_dm'));
    const unit = optionalCode(rec, 'swjg_dm');
    const unitId = unit === null ? null : knownUnit(env.directory, 'swjg_dm', unit);
    const actionType = code(rec, 'zflx');
    const occurredAt = time(rec, 'zfrq', env.timeZone);
    const review = optionalOneOf(rec, 'fcjg', REVIEW);
    return [eventRecord(origin, { id, source: ADAPTER_ID, type: 'tax.enforcement.recorded', actorId, unitId, occurredAt, attrs: { actionType, review } })];
  };
}

import { code, eventRecord, knownPerson, optionalTime, text, time, type MapEnv, type RecordMapper } from '@kaoping/contract/records';
import { ADAPTER_ID } from './host.js';

/** sanctions.csv → `hr.sanction.imposed` (id 记录号, at 处分日期); 影响期至 empty → effectiveUntil null. */
export function sanctionMapper(env: MapEnv): RecordMapper {
  return (rec, origin) => {
    const id = code(rec, '记录号');
    const actorId = knownPerson(env.directory, '人员代码', code(rec, '人员代码'));
    const sanctionType = text(rec, '处分类型');
    const occurredAt = time(rec, '处分日期', env.timeZone);
    const effectiveUntil = optionalTime(rec, '影响期至', env.timeZone);
    return [eventRecord(origin, { id, source: ADAPTER_ID, type: 'hr.sanction.imposed', actorId, unitId: null, occurredAt, attrs: { sanctionType, effectiveUntil } })];
  };
}

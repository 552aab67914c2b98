import { code, eventRecord, knownPerson, oneOf, time, type MapEnv, type RecordMapper } from '@kaoping/contract/records';
import { ADAPTER_ID } from './host.js';

const STATUS = { 出勤: 'present', 缺勤: 'absent', 请假: 'leave' } as const;

/** attendance.csv → `hr.attendance.recorded` (id 记录号, at 日期). */
export function attendanceMapper(env: MapEnv): RecordMapper {
  return (rec, origin) => {
    const id = code(rec, '记录号');
    const actorId = knownPerson(env.directory, '人员代码', code(rec, '人员代码'));
    const occurredAt = time(rec, '日期', env.timeZone);
    const status = oneOf(rec, '状态', STATUS);
    return [eventRecord(origin, { id, source: ADAPTER_ID, type: 'hr.attendance.recorded', actorId, unitId: null, occurredAt, attrs: { status } })];
  };
}

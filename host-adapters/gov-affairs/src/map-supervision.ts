import { code, eventRecord, knownPerson, knownUnit, notBefore, optionalCode, optionalTime, time, type MapEnv, type RecordMapper } from '@kaoping/contract/records';
import { ADAPTER_ID } from './host.js';

/** supervision.csv → `gov.supervision.due` (id 督办编号, at 要求完成日期). */
export function supervisionMapper(env: MapEnv): RecordMapper {
  return (rec, origin) => {
    const id = code(rec, '督办编号');
    const actorId = knownPerson(env.directory, '责任人代码', code(rec, '责任人代码'));
    const unit = optionalCode(rec, '责任机构代码');
    const unitId = unit === null ? null : knownUnit(env.directory, '责任机构代码', unit);
    const assignedAt = time(rec, '下达日期', env.timeZone);
    const dueAt = time(rec, '要求完成日期', env.timeZone);
    const completedAt = optionalTime(rec, '完成日期', env.timeZone);
    notBefore(rec, '要求完成日期', dueAt, '下达日期', assignedAt, '要求完成日期');
    return [eventRecord(origin, { id, source: ADAPTER_ID, type: 'gov.supervision.due', actorId, unitId, occurredAt: dueAt, attrs: { assignedAt, dueAt, completedAt } })];
  };
}

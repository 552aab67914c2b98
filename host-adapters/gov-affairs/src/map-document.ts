import { code, eventRecord, knownPerson, knownUnit, notBefore, optionalCode, optionalTime, time, type MapEnv, type RecordMapper } from '@kaoping/contract/records';
import { ADAPTER_ID } from './host.js';

/**
 * documents.csv → `gov.document.received` (id 文号, at 收文日期) and, once 办结日期 is set,
 * `gov.document.closed` (`<文号>#c`, at 办结日期); both carry the whole document.
 */
export function documentMapper(env: MapEnv): RecordMapper {
  return (rec, origin) => {
    const id = code(rec, '文号');
    const actorId = knownPerson(env.directory, '承办人代码', code(rec, '承办人代码'));
    const unit = optionalCode(rec, '承办机构代码');
    const unitId = unit === null ? null : knownUnit(env.directory, '承办机构代码', unit);
    const receivedAt = time(rec, '收文日期', env.timeZone);
    const deadline = time(rec, '办结时限', env.timeZone);
    const closedAt = optionalTime(rec, '办结日期', env.timeZone);
    notBefore(rec, '办结时限', deadline, '收文日期', receivedAt, '办结时限');
    // Literal objects throughout: `{ ...base, id }` is many times slower on this hot path.
    const event = (eventId: string, type: string, occurredAt: number) => eventRecord(origin, {
      id: eventId, source: ADAPTER_ID, type, actorId, unitId, occurredAt, attrs: { receivedAt, deadline, closedAt },
    });
    const out = [event(id, 'gov.document.received', receivedAt)];
    if (closedAt !== null) out.push(event(`${id}#c`, 'gov.document.closed', closedAt));
    return out;
  };
}

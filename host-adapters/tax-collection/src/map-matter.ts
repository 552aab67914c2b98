import type { RecordMapper } from '@kaoping/contract/records';
import { code, eventRecord, knownPerson, knownUnit, notBefore, optionalCode, optionalTime, time, type MapEnv } from '@kaoping/contract/records';
import { ADAPTER_ID } from './host.js';

/**
 * matters.ndjson → `tax.matter.accepted` (`<swsxbh>#a`, at slrq) and, once bjrq is set,
 * `tax.matter.completed` (`<swsxbh>#c`, at bjrq); both carry the whole matter so an
 * indicator can judge timeliness from either.
 */
export function matterMapper(env: MapEnv): RecordMapper {
  return (rec, origin) => {
    const matterId = code(rec, 'swsxbh');
    const actorId = knownPerson(env.directory, 'swry_dm', code(rec, 'swry_dm'));
    const unit = optionalCode(rec, 'swjg_dm');
    const unitId = unit === null ? null : knownUnit(env.directory, 'swjg_dm', unit);
    const matterType = code(rec, 'sxlx');
    const acceptedAt = time(rec, 'slrq', env.timeZone);
    const deadlineAt = time(rec, 'blqx', env.timeZone);
    const completedAt = optionalTime(rec, 'bjrq', env.timeZone);
    notBefore(rec, 'blqx', deadlineAt, 'slrq', acceptedAt, 'deadline');
    // Literal objects throughout: `{ ...base, id }` is many times slower on this hot path.
    const event = (id: string, type: string, occurredAt: number) => eventRecord(origin, {
      id, source: ADAPTER_ID, type, actorId, unitId, occurredAt,
      attrs: { matterId, matterType, acceptedAt, deadlineAt, completedAt },
    });
    const out = [event(`${matterId}#a`, 'tax.matter.accepted', acceptedAt)];
    if (completedAt !== null) out.push(event(`${matterId}#c`, 'tax.matter.completed', completedAt));
    return out;
  };
}

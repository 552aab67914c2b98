import { code, eventRecord, knownUnit, month, number, type MapEnv, type RecordMapper } from '@kaoping/contract/records';
import { ADAPTER_ID } from './host.js';

/** revenue.ndjson → `tax.revenue.reported` (id `<swjg_dm>:<yf>`, at the local start of month yf); a unit record, no actor. */
export function revenueMapper(env: MapEnv): RecordMapper {
  return (rec, origin) => {
    const unitId = knownUnit(env.directory, 'swjg_dm', code(rec, 'swjg_dm'));
    const { month: m, start } = month(rec, 'yf', env.timeZone);
    const planned = number(rec, 'jhs', 0);
    const collected = number(rec, 'sjs', 0);
    return [eventRecord(origin, {
      id: `${unitId}:${m}`, source: ADAPTER_ID, type: 'tax.revenue.reported', actorId: null, unitId, occurredAt: start,
      attrs: { month: m, planned, collected },
    })];
  };
}

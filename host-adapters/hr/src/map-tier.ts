import { code, eventRecord, integer, knownPerson, localYearStart, type MapEnv, type RecordMapper } from '@kaoping/contract/records';
import { ADAPTER_ID } from './host.js';

/** tier-history.csv → `hr.tier.recorded` (id `<人员代码>:<年度>`, at the local start of 年度). */
export function tierMapper(env: MapEnv): RecordMapper {
  return (rec, origin) => {
    const actorId = knownPerson(env.directory, '人员代码', code(rec, '人员代码'));
    const year = integer(rec, '年度', 1949, 9999);
    const tier = integer(rec, '段', 1, 3);
    return [eventRecord(origin, {
      id: `${actorId}:${year}`, source: ADAPTER_ID, type: 'hr.tier.recorded', actorId, unitId: null,
      occurredAt: localYearStart(year, env.timeZone), attrs: { year, tier },
    })];
  };
}

import type { MapEnv, RecordMapper } from '@kaoping/contract/records';
import type { HrFile } from './host.js';
import { attendanceMapper } from './map-attendance.js';
import { personMapper } from './map-person.js';
import { sanctionMapper } from './map-sanction.js';
import { tierMapper } from './map-tier.js';
import { unitMapper } from './map-unit.js';

/** One mapper per export file; `read` and `normalize` both go through these. */
export function hrMappers(env: MapEnv): Record<HrFile, RecordMapper> {
  return {
    units: unitMapper(env), people: personMapper(env), sanctions: sanctionMapper(env),
    attendance: attendanceMapper(env), 'tier-history': tierMapper(env),
  };
}

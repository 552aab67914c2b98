import type { MapEnv, RecordMapper } from '@kaoping/contract/records';
import type { OaFile } from './host.js';
import { documentMapper } from './map-document.js';
import { supervisionMapper } from './map-supervision.js';

/** One mapper per export file; `read` and `normalize` both go through these. */
export function oaMappers(env: MapEnv): Record<OaFile, RecordMapper> {
  return { documents: documentMapper(env), supervision: supervisionMapper(env) };
}

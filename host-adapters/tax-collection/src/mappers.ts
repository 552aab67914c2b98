import type { MapEnv, RecordMapper } from '@kaoping/contract/records';
import type { TaxFile } from './host.js';
import { enforcementMapper } from './map-enforcement.js';
import { matterMapper } from './map-matter.js';
import { ratingMapper } from './map-rating.js';
import { revenueMapper } from './map-revenue.js';

/** One mapper per export file; `read` and `normalize` both go through these. */
export function taxMappers(env: MapEnv): Record<TaxFile, RecordMapper> {
  return { matters: matterMapper(env), enforcement: enforcementMapper(env), ratings: ratingMapper(env), revenue: revenueMapper(env) };
}

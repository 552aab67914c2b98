import { defineAdapter, type AdapterContext } from '@kaoping/contract';
import { eachOf, appendOutbox, mapEnvOf, normalizeHost, readHostBatches } from '@kaoping/contract/records';
import { ADAPTER_ID, PARTY, partyConfig, type PartyConfig } from './host.js';
import { activityMapper } from './map-activity.js';

export type { PartyConfig } from './host.js';

const readBatches = (ctx: AdapterContext<PartyConfig>) => readHostBatches(PARTY, ctx, { activities: activityMapper(mapEnvOf(ctx)) });

export default defineAdapter<PartyConfig>({
  id: ADAPTER_ID,
  version: '1.0.0',
  api: '^1',
  title: { zh: '党务管理系统', en: 'Party affairs' },
  description: {
    zh: '读取党务系统导出的组织生活与学习记录（JSON 数组），并把预警与任务写入发件箱。',
    en: 'Reads the party-affairs JSON array of organisational-life and study records; writes warnings and tasks to an outbox.',
  },
  folder: 'party',
  config: partyConfig,
  readBatches,
  read: (ctx) => eachOf(readBatches(ctx)),
  normalize: (raw, ctx) => normalizeHost(PARTY, raw, { activities: activityMapper(mapEnvOf(ctx)) }),
  notify: (message, ctx) => appendOutbox(ADAPTER_ID, ctx.config.outboxDir, message),
});

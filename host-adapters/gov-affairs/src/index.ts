import { defineAdapter, type AdapterContext } from '@kaoping/contract';
import { eachOf, appendOutbox, mapEnvOf, normalizeHost, readHostBatches } from '@kaoping/contract/records';
import { ADAPTER_ID, OA, oaConfig, type OaConfig } from './host.js';
import { oaMappers } from './mappers.js';

export type { OaConfig } from './host.js';

const readBatches = (ctx: AdapterContext<OaConfig>) => readHostBatches(OA, ctx, oaMappers(mapEnvOf(ctx)));

export default defineAdapter<OaConfig>({
  id: ADAPTER_ID,
  version: '1.0.0',
  api: '^1',
  title: { zh: 'OA 政务系统', en: 'Government affairs (OA)' },
  description: {
    zh: '读取 OA 导出的公文办理与督办事项（带 BOM 的 UTF-8 CSV），并把预警与任务写入发件箱。',
    en: 'Reads the OA UTF-8 (BOM) CSV exports of documents and supervision items; writes warnings and tasks to an outbox.',
  },
  folder: 'oa',
  config: oaConfig,
  readBatches,
  read: (ctx) => eachOf(readBatches(ctx)),
  normalize: (raw, ctx) => normalizeHost(OA, raw, oaMappers(mapEnvOf(ctx))),
  notify: (message, ctx) => appendOutbox(ADAPTER_ID, ctx.config.outboxDir, message),
});

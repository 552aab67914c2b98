import { defineAdapter, type AdapterContext } from '@kaoping/contract';
import { eachOf, mapEnvOf, normalizeHost, postMessage, readHostBatches } from '@kaoping/contract/records';
import { ADAPTER_ID, TAX, taxConfig, type TaxConfig } from './host.js';
import { taxMappers } from './mappers.js';

export type { TaxConfig } from './host.js';

const readBatches = (ctx: AdapterContext<TaxConfig>) => readHostBatches(TAX, ctx, taxMappers(mapEnvOf(ctx)));

export default defineAdapter<TaxConfig>({
  id: ADAPTER_ID,
  version: '1.0.0',
  api: '^1',
  title: { zh: '金税征管系统', en: 'Tax collection (Golden Tax)' },
  description: {
    zh: '读取金税导出的涉税事项、执法、评价与收入计划（NDJSON），并通过 webhook 推送预警与整改任务。',
    en: 'Reads the Golden Tax NDJSON exports (matters, enforcement, ratings, revenue) and POSTs warnings and tasks to the host webhook.',
  },
  folder: 'tax',
  config: taxConfig,
  readBatches,
  read: (ctx) => eachOf(readBatches(ctx)),
  normalize: (raw, ctx) => normalizeHost(TAX, raw, taxMappers(mapEnvOf(ctx))),
  notify: (message, ctx) => postMessage(ADAPTER_ID, ctx.config.webhookUrl, message),
});

import { defineAdapter } from '@kaoping/contract';
import { appendOutbox, eachOf, mapEnvOf, normalizeHost } from '@kaoping/contract/records';
import { ADAPTER_ID, HR, hrConfig, type HrConfig } from './host.js';
import { hrMappers } from './mappers.js';
import { readHrBatches } from './read.js';

export type { HrConfig } from './host.js';

export default defineAdapter<HrConfig>({
  id: ADAPTER_ID,
  version: '1.0.0',
  api: '^1',
  title: { zh: '数字人事系统', en: 'HR (Digital Personnel)' },
  description: {
    zh: '读取数字人事导出的机构、人员、处分、考勤与历年考核段（GBK 编码 CSV），提供组织目录。',
    en: 'Reads the Digital Personnel GBK CSV exports (units, people, sanctions, attendance, tier history) and supplies the directory.',
  },
  folder: 'hr',
  providesDirectory: true,
  config: hrConfig,
  readBatches: readHrBatches,
  read: (ctx) => eachOf(readHrBatches(ctx)),
  normalize: (raw, ctx) => normalizeHost(HR, raw, hrMappers(mapEnvOf(ctx))),
  notify: (message, ctx) => appendOutbox(ADAPTER_ID, ctx.config.outboxDir, message),
});

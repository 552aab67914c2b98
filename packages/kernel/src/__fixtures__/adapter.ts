import { defineAdapter } from '@kaoping/contract';

/** A minimal host adapter: reads nothing, so the registry's handling of adapters can be tested. */
export default defineAdapter<{ encoding: string; folder: string }>({
  id: 'test-host',
  version: '1.0.0',
  api: '^1',
  title: { zh: '测试系统', en: 'Test host' },
  folder: 'test',
  config: {
    schema: { type: 'object', additionalProperties: false, properties: { encoding: { enum: ['utf8', 'gbk'] }, folder: { type: 'string' } } },
    defaults: { encoding: 'utf8', folder: 'test' },
  },
  async *read() {},
  normalize: () => [],
});

import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { memoryLogger } from './__fixtures__/memory-logger.js';
import { createKernel } from './kernel.js';

const fixtures = fileURLToPath(new URL('./__fixtures__/', import.meta.url));

describe('kernel lifecycle', () => {
  it('announces start, each plugin started or disabled, and stop on its bus', async () => {
    const kernel = createKernel({ cwd: fixtures, logger: memoryLogger(), clock: () => 42, config: { plugins: ['./cycle-a.ts', './cycle-b.ts', './healthy.ts'], adapters: ['./adapter.ts'] } });
    const heard: string[] = [];
    kernel.bus.on('plugin.started', (s) => heard.push(`started ${s.id}`));
    kernel.bus.on('plugin.disabled', (s) => heard.push(`disabled ${s.id} ${s.code}`));
    kernel.bus.on('kernel.started', (e) => heard.push(`kernel.started ${e.plugins.length}`));
    kernel.bus.on('kernel.stopped', (e) => heard.push(`kernel.stopped ${e.at}`));
    await kernel.start();
    await kernel.stop();
    expect(heard).toEqual([
      'disabled test.cycle-a KP_ERR_DEPENDENCY_CYCLE',
      'disabled test.cycle-b KP_ERR_DEPENDENCY_CYCLE',
      'started test-host',
      'started test.healthy',
      'kernel.started 4',
      'kernel.stopped 42',
    ]);
    await expect(kernel.start()).rejects.toThrow('The kernel is not started (state: stopped); cannot start again (create a new kernel)');
  });

  it('loads adapters with their config overlaid on defaults, and refuses config their schema rejects', async () => {
    const ok = createKernel({ cwd: fixtures, logger: memoryLogger(), config: { plugins: [], adapters: ['./adapter.ts'], adapterConfig: { 'test-host': { encoding: 'gbk' } } } });
    await ok.start();
    const [adapter] = ok.adapters();
    expect(adapter.definition.id).toBe('test-host');
    expect(adapter.params).toEqual({ encoding: 'gbk', folder: 'test' });

    const logger = memoryLogger();
    const bad = createKernel({ cwd: fixtures, logger, config: { plugins: [], adapters: ['./adapter.ts'], adapterConfig: { 'test-host': { encoding: 'latin1' }, 'no-such-host': {} } } });
    await bad.start();
    expect(bad.status()).toEqual([{
      id: 'test-host', kind: 'adapter', version: '1.0.0', module: './adapter.ts', state: 'failed', code: 'KP_ERR_PARAMS_INVALID',
      reason: 'Invalid params for "test-host": /encoding must be one of "utf8", "gbk"',
    }]);
    expect(logger.lines).toContain('warn: config has params for "no-such-host", which is not a loaded plugin; they are ignored');
  });
});

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { isKaopingError, type KaopingError } from '@kaoping/contract';
import { FIRST_PARTY_ADAPTERS, FIRST_PARTY_PLUGINS } from './config/first-party.js';
import type { KaopingConfig } from './config/schema.js';
import { completed, local } from './__fixtures__/events.js';
import { memoryLogger } from './__fixtures__/memory-logger.js';
import { createKernel, type Kernel } from './kernel.js';

const fixtures = fileURLToPath(new URL('./__fixtures__/', import.meta.url));

async function startWith(plugins: string[], extra: Partial<KaopingConfig> = {}) {
  const logger = memoryLogger();
  const kernel = createKernel({ cwd: fixtures, config: { plugins, adapters: [], ...extra }, logger, clock: () => local(2026, 6, 1) });
  await kernel.start();
  return { kernel, logger };
}

const statusOf = (k: Kernel, module: string) => k.status().find((s) => s.module === module);

/** The healthy plugin beside the broken one is started and scores events. */
function expectHealthyRuns(kernel: Kernel): void {
  expect(statusOf(kernel, './healthy.ts')).toMatchObject({ id: 'test.healthy', state: 'started' });
  const answer = kernel.hook(completed('p1', local(2026, 3, 5)));
  expect(answer.accepted).toBe(true);
  expect(answer.changed).toContainEqual({ subject: { kind: 'person', id: 'p1' }, indicator: 'test.healthy', period: '2026-03', value: 1 });
}

function thrown(fn: () => unknown): KaopingError {
  try {
    fn();
  } catch (e) {
    if (isKaopingError(e)) return e as KaopingError;
    throw e;
  }
  throw new Error('expected a KaopingError');
}

describe('kernel refusals: each names what is wrong, the healthy plugin keeps running', () => {
  it('refuses a bad manifest before any plugin code runs, naming the field', async () => {
    const { kernel, logger } = await startWith(['./healthy.ts', './bad-manifest.ts']);
    const s = statusOf(kernel, './bad-manifest.ts')!;
    expect(s).toMatchObject({ id: 'test.bad-manifest', kind: 'indicator', state: 'failed', code: 'KP_ERR_MANIFEST_INVALID' });
    expect(s.reason).toBe('Plugin "test.bad-manifest" has an invalid manifest: /version must match pattern "^\\d+\\.\\d+\\.\\d+(-[0-9A-Za-z.-]+)?$"');
    expect(logger.lines).toContain(`error: KP_ERR_MANIFEST_INVALID: ${s.reason}`);
    expectHealthyRuns(kernel);
  });

  it('refuses a plugin written for another contract api', async () => {
    const { kernel } = await startWith(['./healthy.ts', './api-mismatch.ts']);
    expect(statusOf(kernel, './api-mismatch.ts')).toMatchObject({
      id: 'test.api-mismatch', state: 'failed', code: 'KP_ERR_API_INCOMPATIBLE',
      reason: 'Plugin "test.api-mismatch" requires contract api "^2" but this kernel provides contract 1.0.0',
    });
    expectHealthyRuns(kernel);
  });

  it('refuses the second plugin with an id already taken; the first keeps running', async () => {
    const { kernel } = await startWith(['./healthy.ts', './duplicate.ts']);
    expect(statusOf(kernel, './duplicate.ts')).toMatchObject({
      id: 'test.healthy', version: '2.0.0', state: 'failed', code: 'KP_ERR_DUPLICATE_PLUGIN',
      reason: 'Plugin id "test.healthy" is already registered (first by ./healthy.ts, again by ./duplicate.ts)',
    });
    expect(kernel.indicators().map((i) => [i.definition.id, i.definition.version])).toEqual([['test.healthy', '1.0.0']]);
    expectHealthyRuns(kernel);
  });

  it('reports a dependency cycle with its path and disables every plugin on it', async () => {
    const { kernel } = await startWith(['./cycle-b.ts', './healthy.ts', './cycle-a.ts']);
    for (const m of ['./cycle-a.ts', './cycle-b.ts']) {
      expect(statusOf(kernel, m)).toMatchObject({
        state: 'disabled', code: 'KP_ERR_DEPENDENCY_CYCLE', reason: 'Plugin dependency cycle: test.cycle-a → test.cycle-b → test.cycle-a',
      });
    }
    expectHealthyRuns(kernel);
  });

  it('disables the dependents of a missing dependency, transitively, with the reason', async () => {
    const { kernel } = await startWith(['./needs-needs-missing.ts', './needs-missing.ts', './healthy.ts']);
    expect(statusOf(kernel, './needs-missing.ts')).toMatchObject({
      state: 'disabled', code: 'KP_ERR_DEPENDENCY_MISSING', reason: 'Plugin "test.needs-missing" requires "test.not-installed", which is not installed',
    });
    expect(statusOf(kernel, './needs-needs-missing.ts')).toMatchObject({
      state: 'disabled', code: 'KP_ERR_DEPENDENCY_MISSING',
      reason: 'Plugin "test.needs-needs-missing" requires "test.needs-missing", which is disabled (KP_ERR_DEPENDENCY_MISSING)',
    });
    expectHealthyRuns(kernel);
  });

  it('starts a plugin whose optional dependency is missing, after its required one', async () => {
    const { kernel } = await startWith(['./optional-missing.ts', './healthy.ts']);
    expect(statusOf(kernel, './optional-missing.ts')).toEqual({ id: 'test.optional-missing', kind: 'indicator', version: '1.0.0', module: './optional-missing.ts', state: 'started' });
    expect(kernel.indicators().map((i) => i.definition.id)).toEqual(['test.healthy', 'test.optional-missing']);
    expectHealthyRuns(kernel);
  });

  it('marks a plugin whose setup throws failed and disables what requires it', async () => {
    const started: string[] = [];
    const logger = memoryLogger();
    const kernel = createKernel({ cwd: fixtures, logger, config: { plugins: ['./throwing-setup.ts', './needs-throwing-setup.ts', './healthy.ts'], adapters: [] } });
    kernel.bus.on('plugin.started', (s) => started.push(s.id));
    const failed: string[] = [];
    kernel.bus.on('plugin.failed', (s) => failed.push(`${s.id}: ${s.reason}`));
    await kernel.start();
    expect(failed).toEqual(['test.throwing-setup: Plugin "test.throwing-setup" failed in setup: cannot reach the tax database']);
    expect(statusOf(kernel, './needs-throwing-setup.ts')).toMatchObject({
      state: 'disabled', code: 'KP_ERR_DEPENDENCY_MISSING',
      reason: 'Plugin "test.needs-throwing-setup" requires "test.throwing-setup", which is failed (KP_ERR_PLUGIN_SETUP_FAILED)',
    });
    expect(started).toEqual(['test.healthy']);
    expectHealthyRuns(kernel);
  });

  it('times out a setup that never finishes', async () => {
    const { kernel } = await startWith(['./hanging-setup.ts', './healthy.ts'], { pluginTimeoutMs: 30 });
    expect(statusOf(kernel, './hanging-setup.ts')).toMatchObject({
      state: 'failed', code: 'KP_ERR_PLUGIN_TIMEOUT', reason: 'Plugin "test.hanging-setup" did not finish setup within 30 ms',
    });
    expectHealthyRuns(kernel);
  });

  it('refuses params that do not match the plugin schema, naming the field', async () => {
    const { kernel } = await startWith(['./healthy.ts', './members-only.ts'], { params: { 'test.members-only': { target: 2 } } });
    expect(statusOf(kernel, './members-only.ts')).toMatchObject({
      state: 'failed', code: 'KP_ERR_PARAMS_INVALID', reason: 'Invalid params for "test.members-only": /target must be <= 1',
    });
    expectHealthyRuns(kernel);
  });

  it('marks a module that cannot be imported failed, under its specifier', async () => {
    const { kernel } = await startWith(['./does-not-exist.ts', './no-default.ts', '@kaoping/plugin-no-such-thing', './healthy.ts']);
    expect(statusOf(kernel, './does-not-exist.ts')).toMatchObject({ id: './does-not-exist.ts', kind: 'unknown', state: 'failed', code: 'KP_ERR_PLUGIN_LOAD' });
    expect(statusOf(kernel, './does-not-exist.ts')!.reason).toMatch(/^Cannot load plugin module "\.\/does-not-exist\.ts": no file at .*does-not-exist\.ts$/);
    expect(statusOf(kernel, './no-default.ts')!.reason).toBe('Cannot load plugin module "./no-default.ts": the module has no default export');
    expect(statusOf(kernel, '@kaoping/plugin-no-such-thing')!.reason).toContain('package "@kaoping/plugin-no-such-thing" is not installed where the kernel looks');
    expectHealthyRuns(kernel);
  });

  it('logs a plugin whose stop throws and still stops the rest', async () => {
    const { kernel, logger } = await startWith(['./throwing-stop.ts', './healthy.ts']);
    await kernel.stop();
    expect(kernel.state).toBe('stopped');
    expect(kernel.status().map((s) => s.state)).toEqual(['stopped', 'stopped']);
    expect(logger.lines).toContain('error: Plugin "test.throwing-stop" failed in stop: lost the connection while closing');
  });

  it('with no config, lists every first-party plugin and adapter and never crashes on one it cannot load', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'kaoping-kernel-'));
    const kernel = createKernel({ cwd: empty, logger: memoryLogger() });
    await kernel.start();
    const status = kernel.status();
    expect(status.map((s) => s.module)).toEqual([...FIRST_PARTY_PLUGINS, ...FIRST_PARTY_ADAPTERS]);
    for (const s of status) expect(s).toMatchObject({ state: 'failed', code: 'KP_ERR_PLUGIN_LOAD' });
    expect(kernel.hook(completed('p1', local(2026, 3, 5)))).toEqual({ accepted: true, errors: [], changed: [], warnings: [] });
  });
});

describe('kernel config', () => {
  it('names an unknown key and lists the allowed ones', () => {
    const e = thrown(() => createKernel({ config: { plugns: [] } as KaopingConfig }));
    expect(e.code).toBe('KP_ERR_CONFIG_INVALID');
    expect(e.message).toBe('Invalid configuration at /: unknown key "plugns" (allowed: plugins, adapters, params, adapterConfig, pluginTimeoutMs, periods, scoring, loop, store)');
  });

  it('names the offending key path in a config file, and the file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kaoping-config-'));
    writeFileSync(join(dir, 'kaoping.config.json'), JSON.stringify({ plugins: [], pluginTimeoutMs: 1.5, periods: ['week'] }));
    const e = thrown(() => createKernel({ cwd: dir }));
    expect(e.code).toBe('KP_ERR_CONFIG_INVALID');
    expect(e.message).toBe(`Invalid configuration at /pluginTimeoutMs: must be integer; also /periods/0 must be one of "year", "quarter", "month" (in ${join(dir, 'kaoping.config.json')})`);
  });

  it('says which file is not valid JSON', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kaoping-config-'));
    writeFileSync(join(dir, 'custom.json'), '{ "plugins": [');
    const e = thrown(() => createKernel({ cwd: dir, config: 'custom.json' }));
    expect(e.code).toBe('KP_ERR_CONFIG_UNREADABLE');
    expect(e.message).toContain(`Cannot read configuration file ${join(dir, 'custom.json')}:`);
  });

  it('reads plugin paths relative to the config file and fills in defaults', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kaoping-config-'));
    writeFileSync(join(dir, 'kaoping.config.json'), JSON.stringify({ plugins: ['./x.ts'] }));
    const kernel = createKernel({ cwd: dir });
    expect(kernel.config).toMatchObject({ plugins: ['./x.ts'], adapters: [...FIRST_PARTY_ADAPTERS], pluginTimeoutMs: 5000, periods: ['year', 'quarter', 'month'], baseDir: dir });
  });
});

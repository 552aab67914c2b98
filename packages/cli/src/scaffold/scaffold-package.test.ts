import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { runCaptured } from '../run-captured.js';
import { findWorkspaceRoot } from './find-workspace.js';
import { renderTemplate } from './render-template.js';
import { scaffoldPackage } from './scaffold-package.js';
import { coveredByGlobs, workspaceGlobs } from './workspace-globs.js';

const ROOT = findWorkspaceRoot(fileURLToPath(import.meta.url))!;
const cleanup: string[] = [];
afterAll(() => { for (const d of cleanup.splice(0)) rmSync(d, { recursive: true, force: true }); });

/** A fresh folder name under examples/: inside the workspace (root node_modules resolve) and matched by the root vitest projects. */
function workspaceTarget(kind: string): string {
  const dir = join(ROOT, 'examples', `tmp-scaffold-${kind}-${process.pid}-${Math.random().toString(36).slice(2, 8)}`);
  cleanup.push(dir);
  return dir;
}

function outsideTarget(): string {
  const dir = mkdtempSync(join(tmpdir(), 'kp-scaffold-'));
  cleanup.push(dir);
  return join(dir, 'pkg');
}

/** The bin script of a package installed at the workspace root. */
function binOf(pkg: string, bin: string): string {
  const dir = join(ROOT, 'node_modules', pkg);
  const { bin: bins } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { bin: Record<string, string> };
  return join(dir, bins[bin]);
}

/** Runs a node script as its own process (never inside this test's worker), with the output. */
function run(script: string, args: string[], cwd: string): Promise<{ code: number | null; output: string }> {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('VITEST') && k !== 'NODE_OPTIONS'));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, ...args], { cwd, env: { ...env, NO_COLOR: '1', CI: '1' } });
    let output = '';
    child.stdout.on('data', (d) => { output += d; });
    child.stderr.on('data', (d) => { output += d; });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}

const cli = runCaptured;

describe('kaoping new (inside the workspace)', () => {
  it('scaffolds a plugin and an adapter whose generated tests pass and which build with tsup', async () => {
    const plugin = workspaceTarget('plugin');
    const adapter = workspaceTarget('adapter');
    const made = await cli(['new', 'plugin', 'good-rating', '--dir', relative(process.cwd(), plugin)]);
    expect(made.err).toBe('');
    expect(made.code).toBe(0);
    expect(made.out).toContain(`created plugin business.good-rating (package @kaoping/plugin-good-rating) in ${relative(process.cwd(), plugin)}`);
    expect(made.out).toContain(`then run \`npx vitest run ${relative(ROOT, plugin)}\``);
    expect((await cli(['new', 'adapter', 'visit-log', '--dir', adapter])).code).toBe(0);

    const pkg = JSON.parse(readFileSync(join(plugin, 'package.json'), 'utf8'));
    expect(pkg.exports['.']).toEqual({ source: './src/index.ts', types: './dist/index.d.ts', import: './dist/index.js' });
    expect(pkg.dependencies).toEqual({ '@kaoping/contract': 'workspace:*' });
    expect(pkg.scripts.test).toBe(`cd ../.. && vitest run ${relative(ROOT, plugin)}`);
    expect(JSON.parse(readFileSync(join(adapter, 'tsconfig.json'), 'utf8')).extends).toBe('../../tsconfig.base.json');
    expect(readFileSync(join(adapter, 'src/index.ts'), 'utf8')).toContain("export const ADAPTER_ID = 'visit-log';");

    const tests = await run(binOf('vitest', 'vitest'), ['run', relative(ROOT, plugin), relative(ROOT, adapter)], ROOT);
    expect(tests.output).toMatch(/Test Files\s+2 passed \(2\)/);
    expect(tests.output).toMatch(/Tests\s+5 passed \(5\)/);
    expect(tests.code).toBe(0);

    const builds = await Promise.all([plugin, adapter].map((dir) => run(binOf('tsup', 'tsup'), [], dir)));
    for (const [i, dir] of [plugin, adapter].entries()) {
      expect(builds[i].output).toContain('Build success');
      expect(builds[i].code).toBe(0);
      expect(existsSync(join(dir, 'dist/index.js')) && existsSync(join(dir, 'dist/index.d.ts'))).toBe(true);
    }
  }, 280_000);

  it('notes a folder that pnpm-workspace.yaml does not cover', async () => {
    const dir = join(ROOT, 'examples', `tmp-scaffold-nested-${process.pid}`, 'deeper');
    cleanup.push(join(dir, '..'));
    const made = await cli(['new', 'adapter', 'nested', '--dir', dir]);
    expect(made.code).toBe(0);
    expect(made.out).toContain('is not covered by the globs of pnpm-workspace.yaml; add it there for pnpm to link it');
    expect(JSON.parse(readFileSync(join(dir, 'tsconfig.json'), 'utf8')).extends).toBe('../../../tsconfig.base.json');
  });
});

describe('kaoping new (outside a workspace)', () => {
  it('writes a standalone package: own tsconfig, published ranges, npm test', () => {
    const dir = outsideTarget();
    const result = scaffoldPackage({ kind: 'plugin', name: 'good-rating', dir });
    expect(result).toMatchObject({ packageName: 'kaoping-plugin-good-rating', id: 'business.good-rating', outsideGlobs: false, testHint: 'npm test' });
    expect(result.workspaceRoot).toBeUndefined();
    expect(result.files).toEqual(['package.json', 'README.md', 'src/index.test.ts', 'src/index.ts', 'tsconfig.json', 'tsup.config.ts']);
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    expect(pkg.dependencies).toEqual({ '@kaoping/contract': '^1.0.0' });
    expect(pkg.devDependencies['@kaoping/testkit']).toBe('^1.0.0');
    expect(pkg.scripts).toEqual({ build: 'tsup', test: 'vitest run' });
    const tsconfig = JSON.parse(readFileSync(join(dir, 'tsconfig.json'), 'utf8'));
    expect(tsconfig.extends).toBeUndefined();
    expect(tsconfig.compilerOptions).toMatchObject({ module: 'NodeNext', strict: true, declaration: true });
    for (const f of result.files) expect(readFileSync(join(dir, f), 'utf8')).not.toMatch(/\{\{\w+\}\}/);
    expect(readFileSync(join(dir, 'README.md'), 'utf8')).toContain('Run the tests in this folder (after `npm install`): `npm test`.');
  });

  it('takes the package name given with --package', () => {
    const dir = outsideTarget();
    expect(scaffoldPackage({ kind: 'adapter', name: 'visit-log', dir, packageName: '@acme/kaoping-visits' }).packageName).toBe('@acme/kaoping-visits');
    expect(JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).name).toBe('@acme/kaoping-visits');
  });
});

describe('kaoping new refusals', () => {
  it('refuses a non-empty target folder with KP_ERR_TARGET_NOT_EMPTY and writes nothing', async () => {
    const dir = outsideTarget();
    mkdirSync(dir);
    writeFileSync(join(dir, 'notes.txt'), 'mine');
    const r = await cli(['new', 'plugin', 'good-rating', '--dir', dir]);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`KP_ERR_TARGET_NOT_EMPTY: Cannot create the indicator plugin in ${relative(process.cwd(), dir)}: the folder exists and is not empty (it holds notes.txt)`);
    expect(r.err).toContain('fix: Pick another folder with --dir');
    expect(existsSync(join(dir, 'package.json'))).toBe(false);
  });

  it('accepts an existing empty folder', () => {
    const dir = outsideTarget();
    mkdirSync(dir);
    expect(scaffoldPackage({ kind: 'adapter', name: 'visit-log', dir }).files).toContain('src/index.ts');
  });

  it('refuses a NAME that is not lowercase words with dashes, and a kind it does not know (exit 2)', async () => {
    for (const name of ['GoodRating', 'good_rating', '_good', 'good--rating', '9lives', 'good-']) {
      const r = await cli(['new', 'plugin', name, '--dir', outsideTarget()]);
      expect(r.code).toBe(2);
      expect(r.err).toContain(`KP_ERR_USAGE: NAME "${name}" is not valid: use lowercase letters, digits and single dashes, starting with a letter`);
    }
    const kind = await cli(['new', 'rule', 'x']);
    expect(kind.code).toBe(2);
    expect(kind.err).toContain('KP_ERR_USAGE: unknown kind "rule": what to create, plugin or adapter');
    expect((await cli(['new', 'plugin'])).err).toContain('missing NAME of the plugin');
  });
});

describe('scaffold helpers', () => {
  it('reads the globs of this workspace and tells which folders they cover', () => {
    const globs = workspaceGlobs(ROOT);
    expect(globs).toEqual(expect.arrayContaining(['plugins/*', 'host-adapters/*', 'examples/*']));
    expect(coveredByGlobs('plugins/x', globs)).toBe(true);
    expect(coveredByGlobs('examples/custom-plugin', globs)).toBe(true);
    expect(coveredByGlobs('plugins/x/y', globs)).toBe(false);
    expect(coveredByGlobs('elsewhere/x', globs)).toBe(false);
  });

  it('refuses a template placeholder it has no value for', () => {
    expect(renderTemplate('id {{id}}', { id: 'a.b' }, 't')).toBe('id a.b');
    expect(() => renderTemplate('{{nope}}', {}, 'x/README.md.tmpl')).toThrow('template x/README.md.tmpl uses {{nope}}, which the scaffold does not define');
  });
});

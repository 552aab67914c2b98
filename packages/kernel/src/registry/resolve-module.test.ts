import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { importPlugin, importPluginModule } from './import-plugin.js';
import { resolveModule } from './resolve-module.js';

/** A real folder with a node_modules package exporting different files per condition. */
function project(): string {
  const root = mkdtempSync(join(tmpdir(), 'kaoping-resolve-'));
  const pkg = join(root, 'node_modules', '@acme', 'plugin-x');
  mkdirSync(join(pkg, 'src'), { recursive: true });
  mkdirSync(join(pkg, 'dist'), { recursive: true });
  writeFileSync(join(pkg, 'package.json'), JSON.stringify({
    name: '@acme/plugin-x', type: 'module',
    exports: { '.': { source: './src/index.ts', types: './dist/index.d.ts', import: './dist/index.js' }, './extra': { import: './dist/extra.js' } },
  }));
  writeFileSync(join(pkg, 'src', 'index.ts'), 'export default { from: "source" };\n');
  writeFileSync(join(pkg, 'dist', 'index.js'), 'export default { from: "dist" };\n');
  writeFileSync(join(pkg, 'dist', 'extra.js'), 'export default { from: "extra" };\n');
  mkdirSync(join(root, 'app', 'deep'), { recursive: true });
  writeFileSync(join(root, 'app', 'local.js'), 'export default { from: "local" };\n');
  return root;
}

describe('resolveModule', () => {
  const root = project();
  const deep = join(root, 'app', 'deep');
  const url = (p: string) => pathToFileURL(join(root, p)).href;

  it('honours the package exports by condition, walking up to node_modules', () => {
    expect(resolveModule('@acme/plugin-x', [deep], ['source', 'import'])).toBe(url('node_modules/@acme/plugin-x/src/index.ts'));
    expect(resolveModule('@acme/plugin-x', [deep], ['import'])).toBe(url('node_modules/@acme/plugin-x/dist/index.js'));
    expect(resolveModule('@acme/plugin-x/extra', [deep], ['source', 'import'])).toBe(url('node_modules/@acme/plugin-x/dist/extra.js'));
  });

  it('tries each base dir in order', () => {
    const elsewhere = mkdtempSync(join(tmpdir(), 'kaoping-empty-'));
    expect(resolveModule('@acme/plugin-x', [elsewhere, deep], ['import'])).toBe(url('node_modules/@acme/plugin-x/dist/index.js'));
    expect(() => resolveModule('@acme/plugin-x', [elsewhere], ['import'])).toThrow(`package "@acme/plugin-x" is not installed where the kernel looks (node_modules from ${elsewhere})`);
    expect(resolveModule('./local.js', [elsewhere, join(root, 'app')])).toBe(url('app/local.js'));
  });

  it('says when a package exports nothing for a subpath', () => {
    expect(() => resolveModule('@acme/plugin-x/missing', [deep], ['import'])).toThrow('exports nothing for "./missing"');
  });

  it('imports the default export', async () => {
    expect(await importPlugin('./local.js', [join(root, 'app')])).toEqual({ from: 'local' });
    expect(await importPlugin('@acme/plugin-x/extra', [deep])).toEqual({ from: 'extra' });
  });

  it('gives the URL it imported from, which imports the same module again', async () => {
    const { definition, url: from } = await importPluginModule('./local.js', [join(root, 'app')]);
    expect(from).toBe(url('app/local.js'));
    expect((await importPluginModule(from, [])).definition).toBe(definition);
  });
});

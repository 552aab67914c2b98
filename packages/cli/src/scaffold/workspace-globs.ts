import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The `packages:` globs of pnpm-workspace.yaml (`plugins/*`, `test`, …); only the simple list form. */
export function workspaceGlobs(root: string): string[] {
  const text = readFileSync(join(root, 'pnpm-workspace.yaml'), 'utf8');
  const out: string[] = [];
  let inPackages = false;
  for (const line of text.split(/\r?\n/)) {
    if (/^\S/.test(line)) inPackages = /^packages\s*:/.test(line);
    const item = inPackages ? /^\s+-\s+['"]?([^'"#]+?)['"]?\s*(#.*)?$/.exec(line) : null;
    if (item) out.push(item[1]);
  }
  return out;
}

/** Whether a package at `relDir` (relative to the root, `/`-separated) is one pnpm would link. */
export function coveredByGlobs(relDir: string, globs: readonly string[]): boolean {
  return globs.some((g) => {
    if (g.endsWith('/*')) {
      const parent = g.slice(0, -2);
      const slash = relDir.lastIndexOf('/');
      return slash !== -1 && relDir.slice(0, slash) === parent && relDir.slice(slash + 1) !== '';
    }
    return g === relDir;
  });
}

import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/**
 * The root of the Kaoping workspace that holds `dir` (a folder with pnpm-workspace.yaml and
 * tsconfig.base.json), or undefined when `dir` is outside one. Inside, a new package extends the
 * shared tsconfig and depends on `workspace:*`; outside, it gets a tsconfig and ranges of its own.
 */
export function findWorkspaceRoot(dir: string): string | undefined {
  let current = resolve(dir);
  for (;;) {
    if (existsSync(join(current, 'pnpm-workspace.yaml')) && existsSync(join(current, 'tsconfig.base.json'))) return current;
    const parent = dirname(current);
    if (parent === current) return undefined;
    current = parent;
  }
}

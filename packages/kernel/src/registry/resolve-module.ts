import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * Whether TypeScript sources can be imported: true under `--conditions=source` (tsx) and when
 * the kernel itself runs from its `.ts` sources (vitest), as the workspace packages do.
 */
export function sourceConditionActive(): boolean {
  if (import.meta.url.endsWith('.ts')) return true;
  const flags = [...process.execArgv, ...(process.env.NODE_OPTIONS ?? '').split(/\s+/)].join(' ');
  return /(--conditions[= ]|-C ?)source\b/.test(flags);
}

/** Export conditions in the order we accept them; our packages publish only `source` and `import`. */
export function exportConditions(): string[] {
  return sourceConditionActive() ? ['source', 'import', 'node', 'default'] : ['import', 'node', 'default'];
}

function pickTarget(entry: unknown, conditions: readonly string[]): string | undefined {
  if (typeof entry === 'string') return entry;
  if (Array.isArray(entry)) {
    for (const e of entry) {
      const t = pickTarget(e, conditions);
      if (t) return t;
    }
    return undefined;
  }
  if (entry && typeof entry === 'object') {
    // Node's rule: the first key (in object order) that is an active condition wins.
    for (const [key, value] of Object.entries(entry)) {
      if (!conditions.includes(key)) continue;
      const t = pickTarget(value, conditions);
      if (t) return t;
    }
  }
  return undefined;
}

interface PackageJson {
  exports?: unknown;
  module?: string;
  main?: string;
}

/** The file a package exports for `subpath` (`.` or `./x`) under the given conditions. */
export function packageTarget(pkgDir: string, subpath: string, conditions: readonly string[]): string {
  const pkg = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8')) as PackageJson;
  let target: string | undefined;
  if (pkg.exports !== undefined) {
    const exp = pkg.exports;
    const isSubpathMap = typeof exp === 'object' && exp !== null && !Array.isArray(exp) && Object.keys(exp).some((k) => k.startsWith('.'));
    const entry = isSubpathMap ? (exp as Record<string, unknown>)[subpath] : subpath === '.' ? exp : undefined;
    target = pickTarget(entry, conditions);
    if (!target) throw new Error(`package at ${pkgDir} exports nothing for "${subpath}" under conditions ${conditions.join(', ')}`);
  } else {
    target = subpath === '.' ? (pkg.module ?? pkg.main ?? 'index.js') : subpath;
  }
  return resolve(pkgDir, target);
}

function splitBare(spec: string): { name: string; subpath: string } {
  const parts = spec.split('/');
  const n = spec.startsWith('@') ? 2 : 1;
  const rest = parts.slice(n).join('/');
  return { name: parts.slice(0, n).join('/'), subpath: rest ? `./${rest}` : '.' };
}

function findPackageDir(name: string, base: string): string | undefined {
  let dir = resolve(base);
  for (;;) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return candidate;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

function isPathSpecifier(spec: string): boolean {
  return spec.startsWith('./') || spec.startsWith('../') || spec === '.' || spec === '..' || isAbsolute(spec);
}

/** The file behind a path; `x.js` may be written as `x.ts` when running from sources (as tsx allows). */
function existingModule(path: string): string | undefined {
  if (existsSync(path)) return path;
  const ts = path.endsWith('.js') ? `${path.slice(0, -3)}.ts` : undefined;
  return ts && sourceConditionActive() && existsSync(ts) ? ts : undefined;
}

/**
 * Resolves a module specifier to a `file:` URL to `import()`: a path is read from the first base
 * dir where it exists, a package name from `node_modules` walking up from each base dir in order,
 * honouring the package's `exports` conditions. Throws an Error saying where it looked.
 */
export function resolveModule(spec: string, bases: readonly string[], conditions: readonly string[] = exportConditions()): string {
  if (spec.startsWith('file:')) return spec;
  if (isPathSpecifier(spec)) {
    const candidates = isAbsolute(spec) ? [spec] : bases.map((b) => resolve(b, spec));
    const found = candidates.map(existingModule).find((f) => f !== undefined);
    if (!found) throw new Error(`no file at ${candidates.join(' or ')}`);
    return pathToFileURL(found).href;
  }
  const { name, subpath } = splitBare(spec);
  for (const base of bases) {
    const pkgDir = findPackageDir(name, base);
    if (!pkgDir) continue;
    const file = packageTarget(pkgDir, subpath, conditions);
    if (!existsSync(file)) throw new Error(`package "${name}" points "${subpath}" at ${file}, which does not exist (is the package built or written yet?)`);
    return pathToFileURL(realpathSync(file)).href;
  }
  throw new Error(`package "${name}" is not installed where the kernel looks (node_modules from ${bases.join(', ')})`);
}

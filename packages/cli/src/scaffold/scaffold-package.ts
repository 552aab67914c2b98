import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { CONTRACT_VERSION, kpError } from '@kaoping/contract';
import { findWorkspaceRoot } from './find-workspace.js';
import { renderTemplate } from './render-template.js';
import { templatesDir } from './templates-dir.js';
import { coveredByGlobs, workspaceGlobs } from './workspace-globs.js';

export type ScaffoldKind = 'plugin' | 'adapter';

export interface ScaffoldOptions {
  kind: ScaffoldKind;
  /** Lowercase, dashes; checked by the caller (assertScaffoldName). */
  name: string;
  /** Target folder; default `plugins/NAME` or `host-adapters/NAME` under `cwd`. */
  dir?: string;
  /** npm package name; default `@kaoping/plugin-NAME` / `@kaoping/adapter-NAME` in the workspace, `kaoping-plugin-NAME` outside. */
  packageName?: string;
  cwd?: string;
}

export interface ScaffoldResult {
  dir: string;
  packageName: string;
  /** The indicator id or adapter id. */
  id: string;
  /** Written files, relative to `dir`, `/`-separated. */
  files: string[];
  /** The Kaoping workspace the package joined; undefined when it stands alone. */
  workspaceRoot?: string;
  /** Inside a workspace but outside its pnpm-workspace.yaml globs: pnpm will not link it. */
  outsideGlobs: boolean;
  /** The command that runs its tests (from the workspace root when inside one). */
  testHint: string;
}

const DEFAULT_PARENT: Record<ScaffoldKind, string> = { plugin: 'plugins', adapter: 'host-adapters' };
const KIND_LABEL: Record<ScaffoldKind, string> = { plugin: 'indicator plugin', adapter: 'host adapter' };

/** `/`-separated, so generated files read the same on every OS. */
function posix(p: string): string {
  return p.split(sep).join('/');
}

function assertEmptyTarget(kind: ScaffoldKind, dir: string, shown: string): void {
  if (!existsSync(dir)) return;
  const entries = statSync(dir).isDirectory() ? readdirSync(dir) : null;
  if (entries !== null && entries.length === 0) return;
  const holds = entries === null ? 'a file of that name' : `${entries.slice(0, 3).join(', ')}${entries.length > 3 ? `, … ${entries.length} entries` : ''}`;
  throw kpError('KP_ERR_TARGET_NOT_EMPTY', KIND_LABEL[kind], shown, holds);
}

/** Template files of a kind → their place in the new package (`.tmpl` dropped). */
function fileMap(kind: ScaffoldKind, inWorkspace: boolean): [template: string, output: string][] {
  const root = templatesDir();
  const own = join(root, kind);
  const walk = (dir: string): string[] => readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]));
  const files: [string, string][] = walk(own).map((t) => [t, posix(relative(own, t)).replace(/\.tmpl$/, '')]);
  files.push([join(root, 'shared', 'tsup.config.ts.tmpl'), 'tsup.config.ts']);
  files.push([join(root, 'shared', inWorkspace ? 'tsconfig.workspace.json.tmpl' : 'tsconfig.standalone.json.tmpl'), 'tsconfig.json']);
  return files.sort((a, b) => a[1].localeCompare(b[1]));
}

/**
 * Writes a new plugin or adapter package that builds (tsup) and passes its own tests as
 * generated. Everything is rendered before the first write, and no file is ever overwritten.
 */
export function scaffoldPackage(options: ScaffoldOptions): ScaffoldResult {
  const { kind, name } = options;
  const cwd = options.cwd ?? process.cwd();
  const dir = resolve(cwd, options.dir ?? join(DEFAULT_PARENT[kind], name));
  assertEmptyTarget(kind, dir, posix(relative(cwd, dir)) || '.');

  const root = findWorkspaceRoot(dir);
  const fromRoot = root === undefined ? '' : posix(relative(root, dir));
  const testHint = root === undefined ? 'npm test' : `npx vitest run ${fromRoot}`;
  const id = kind === 'plugin' ? `business.${name}` : name;
  const packageName = options.packageName ?? (root === undefined ? `kaoping-${kind}-${name}` : `@kaoping/${kind}-${name}`);
  const vars: Record<string, string> = {
    name,
    id,
    packageName,
    kaopingRange: root === undefined ? `^${CONTRACT_VERSION}` : 'workspace:*',
    tsconfigBase: root === undefined ? '' : posix(relative(dir, join(root, 'tsconfig.base.json'))),
    // Workspace tests resolve @kaoping/* to sources through the root vitest config, so they run from the root.
    testCommand: root === undefined ? 'vitest run' : `cd ${posix(relative(dir, root))} && vitest run ${fromRoot}`,
    testHint,
    testWhere: root === undefined ? 'in this folder (after `npm install`)' : 'from the workspace root',
  };

  const rendered = fileMap(kind, root !== undefined).map(([template, out]) => [out, renderTemplate(readFileSync(template, 'utf8'), vars, template)] as const);
  for (const [out, text] of rendered) {
    const path = join(dir, out);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text, { flag: 'wx' });
  }
  return {
    dir, packageName, id, files: rendered.map(([out]) => out), testHint,
    ...(root === undefined ? {} : { workspaceRoot: root }),
    outsideGlobs: root !== undefined && !coveredByGlobs(fromRoot, workspaceGlobs(root)),
  };
}

import { relative } from 'node:path';
import { kpError } from '@kaoping/contract';
import type { Command } from '../command.js';
import { assertScaffoldName } from '../scaffold/scaffold-name.js';
import { scaffoldPackage, type ScaffoldKind } from '../scaffold/scaffold-package.js';

const USAGE = 'kaoping new plugin|adapter NAME [--dir DIR] [--package NPM-NAME]';
const KINDS: readonly ScaffoldKind[] = ['plugin', 'adapter'];

export const newCommand: Command = {
  name: 'new',
  summary: 'Create an indicator plugin or host adapter package that builds and passes its tests as generated',
  usage: USAGE,
  options: { dir: { type: 'string' }, package: { type: 'string' } },
  async run(args) {
    const [kind, name, ...extra] = args.positionals;
    if (!KINDS.includes(kind as ScaffoldKind)) throw kpError('KP_ERR_USAGE', `${kind === undefined ? 'missing' : `unknown kind "${kind}":`} what to create, plugin or adapter\nusage: ${USAGE}`);
    if (name === undefined) throw kpError('KP_ERR_USAGE', `missing NAME of the ${kind}\nusage: ${USAGE}`);
    if (extra.length > 0) throw kpError('KP_ERR_USAGE', `unexpected argument "${extra[0]}"\nusage: ${USAGE}`);
    assertScaffoldName(name, USAGE);
    const result = scaffoldPackage({
      kind: kind as ScaffoldKind, name,
      dir: args.values.dir as string | undefined, packageName: args.values.package as string | undefined,
    });
    const where = relative(process.cwd(), result.dir) || '.';
    console.log(`created ${kind} ${result.id} (package ${result.packageName}) in ${where}`);
    for (const f of result.files) console.log(`  ${f}`);
    console.log(result.workspaceRoot === undefined
      ? `standalone package: run \`npm install\` in ${where}, then \`npm test\` and \`npm run build\``
      : `next: edit ${where}/src/index.ts, then run \`${result.testHint}\` from ${relative(process.cwd(), result.workspaceRoot) || '.'}`);
    if (result.outsideGlobs) console.log(`note: ${where} is not covered by the globs of pnpm-workspace.yaml; add it there for pnpm to link it`);
  },
};

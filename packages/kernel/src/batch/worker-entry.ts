import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * Where the worker entry is and how to start it. From TypeScript sources (vitest, tsx) the worker
 * is `worker.ts` beside this file and needs tsx and the `source` condition in its own thread; from
 * a build it is the separate `worker.js` entry (next to this module, or under `batch/` when this
 * module was bundled into the package's index.js).
 */
export function workerEntry(): { filename: string; execArgv: string[] } {
  const here = import.meta.url;
  if (here.endsWith('.ts')) return { filename: new URL('./worker.ts', here).href, execArgv: ['--conditions=source', '--import', 'tsx'] };
  const candidates = [new URL('./worker.js', here), new URL('./batch/worker.js', here)];
  const found = candidates.find((u) => existsSync(fileURLToPath(u)));
  if (!found) throw new Error(`the batch worker entry is missing: looked for ${candidates.map((u) => fileURLToPath(u)).join(' and ')} (is the package built with its worker entry?)`);
  return { filename: found.href, execArgv: [] };
}

/**
 * The piscina worker entry of the batch engine: its own file, so a bundle keeps it as a separate
 * entry and piscina external. It loads the same plugin modules the kernel started (by resolved
 * URL), opens the SQLite file read-only itself, and answers one partition per task.
 */
import { createRequire } from 'node:module';
import { Piscina, workerData } from 'piscina';
import type Database from 'better-sqlite3';
import { importPluginModule } from '../registry/import-plugin.js';
import type { AggregateDefinition } from '../engine/dispatch.js';
import { PartitionRunner } from './partition-runner.js';
import type { BatchTask, PartialStates, WorkerInit } from './protocol.js';

const init = workerData as WorkerInit;

/**
 * Running from TypeScript sources (tests, `node --import tsx`): on Node 20 tsx installs its ESM
 * hooks in the main thread only, so this thread's `import()` of a plugin's `.ts` would fail; the
 * worker registers them itself. The specifier is computed so a bundler never inlines tsx.
 */
async function loadTypeScriptHooks(): Promise<void> {
  if (!import.meta.url.endsWith('.ts')) return;
  const api = 'tsx/esm/api';
  const { register } = (await import(api)) as { register(): unknown };
  register();
}
// better-sqlite3 is a CommonJS native addon; require keeps it out of the ESM loader's way.
const BetterSqlite3 = createRequire(import.meta.url)('better-sqlite3') as typeof Database;
// Started at load, awaited by the first task: the worker needs every plugin module before it can fold.
const ready = (async () => {
  await loadTypeScriptHooks();
  const definitions = await Promise.all(init.plugins.map(async (p) => (await importPluginModule(p.url, [])).definition as AggregateDefinition));
  return new PartitionRunner(init, definitions, (path) => new BetterSqlite3(path, { readonly: true, fileMustExist: true }));
})();

export default async function evaluatePartition(task: BatchTask): Promise<PartialStates> {
  const partial = (await ready).run(task);
  // The typed columns are moved, not copied; strings and states go by structured clone.
  const movable = { [Piscina.transferableSymbol]: [partial.plugin.buffer, partial.kind.buffer], [Piscina.valueSymbol]: partial };
  return Piscina.move(movable as never) as unknown as PartialStates;
}

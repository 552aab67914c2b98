/**
 * `pnpm bench [name…]`: runs every bench/*.ts module's default export in sequence (or only those
 * whose file name contains one of the given names). Each bench prints its own table.
 */
import { readdirSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { join } from 'node:path';

const dir = fileURLToPath(new URL('.', import.meta.url));
const filters = process.argv.slice(2);
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.ts') && f !== 'run.ts' && !f.endsWith('.test.ts') && !f.endsWith('.d.ts'))
  .filter((f) => filters.length === 0 || filters.some((name) => f.includes(name)))
  .sort();

let failed = 0;
for (const file of files) {
  console.log(`\n=== bench/${file} ===`);
  const started = Date.now();
  try {
    const mod = (await import(pathToFileURL(join(dir, file)).href)) as { default?: () => Promise<void> };
    if (typeof mod.default !== 'function') {
      console.log(`(skipped: bench/${file} has no default export function)`);
      continue;
    }
    await mod.default();
  } catch (e) {
    failed++;
    console.error(`bench/${file} failed:`, e);
  }
  console.log(`(bench/${file} took ${((Date.now() - started) / 1000).toFixed(1)} s)`);
}
if (failed) process.exitCode = 1;

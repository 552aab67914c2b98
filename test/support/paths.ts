import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root, for spawning the CLI as a user would. */
export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

/** The CLI as `pnpm kaoping` runs it, for tests that need a real child process. */
export const cliArgs = ['--conditions=source', '--import', 'tsx', join(repoRoot, 'packages/cli/src/bin.ts')];

/** A fresh temporary folder and its cleanup. */
export function tempDir(prefix: string): { dir: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), `kaoping-${prefix}-`));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

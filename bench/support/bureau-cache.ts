import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateBureau } from '@kaoping/cli';

export type PresetName = 'small' | 'city' | 'province';

/** A generated bureau kept under the OS temp folder, so a rerun of the benches skips generating it. */
export async function cachedBureau(preset: PresetName, seed = 1, year = 2026): Promise<string> {
  const dir = join(tmpdir(), 'kaoping-bench', `${preset}-${seed}-${year}`);
  if (!existsSync(join(dir, 'manifest.json'))) await generateBureau({ preset, seed, year, out: dir });
  return dir;
}

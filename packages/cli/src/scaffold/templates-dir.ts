import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * Where the template files are: beside this module when running from sources, or copied to
 * `dist/scaffold/templates` next to the bundle.
 */
export function templatesDir(): string {
  const candidates = [new URL('./templates/', import.meta.url), new URL('./scaffold/templates/', import.meta.url)].map((u) => fileURLToPath(u));
  const found = candidates.find((d) => existsSync(d));
  if (!found) throw new Error(`kaoping new: template folder not found (looked in ${candidates.join(', ')}); reinstall @kaoping/cli`);
  return found;
}

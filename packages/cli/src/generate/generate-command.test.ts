import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { main } from '../main.js';

describe('kaoping generate', () => {
  const dirs: string[] = [];
  afterEach(() => {
    vi.restoreAllMocks();
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it('generates the small preset and prints what it wrote', async () => {
    const out = mkdtempSync(join(tmpdir(), 'kaoping-gen-cli-'));
    dirs.push(out);
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    const code = await main(['generate', '--preset', 'small', '--seed', '5', '--year', '2026', '--out', out, '--dirty']);
    expect(code).toBe(0);
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    expect(manifest).toMatchObject({ preset: 'small', seed: 5, year: 2026, dirty: true, generatedBy: 'kaoping generate' });
    const printed = log.mock.calls.map((c) => String(c[0])).join('\n');
    expect(printed).toContain(`wrote ${manifest.counts.lines.toLocaleString('en')} records in 12 files to ${out}`);
    expect(printed).toContain('hr/attendance.csv');
    expect(printed).toMatch(/injected defects: unknown-person \d+/);
  });

  it('refuses a missing option or an unknown preset with a usage error (exit 2)', async () => {
    const err = vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(await main(['generate', '--preset', 'small', '--seed', '1', '--year', '2026'])).toBe(2);
    expect(String(err.mock.calls.at(-1)?.[0])).toContain('KP_ERR_USAGE: missing --out');
    expect(await main(['generate', '--preset', 'huge', '--seed', '1', '--year', '2026', '--out', 'x'])).toBe(2);
    expect(String(err.mock.calls.at(-1)?.[0])).toContain('unknown preset "huge": use small, city or province');
    expect(await main(['generate', '--preset', 'small', '--seed', 'abc', '--year', '2026', '--out', 'x'])).toBe(2);
    expect(String(err.mock.calls.at(-1)?.[0])).toContain('--seed must be a whole number, got "abc"');
  });
});

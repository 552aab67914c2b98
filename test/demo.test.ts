import { afterAll, describe, expect, it } from 'vitest';
import { runFullDemo } from '@kaoping/cli';
import { tempDir } from './support/paths.js';

describe('kaoping demo', () => {
  const tmp = tempDir('demo');
  afterAll(() => tmp.cleanup());

  it('prepares a bureau end to end, serves it with a token per role, and reuses it the second time', async () => {
    const lines: string[] = [];
    const first = await runFullDemo({ preset: 'small', dir: tmp.dir, port: 0, print: (l) => lines.push(l) });
    try {
      expect(first.tokens.map((t) => t.role)).toEqual(['admin', 'leader', 'staff', 'integrator']);
      expect(first.risks).toBeGreaterThan(0);
      const health = await fetch(`${first.url}/v1/health`).then((r) => r.json()) as { status: string };
      expect(health.status).toBe('ok');
      const admin = first.tokens[0].token;
      const tiers = await fetch(`${first.url}/v1/tiers?period=2026`, { headers: { authorization: `Bearer ${admin}` } }).then((r) => r.json()) as unknown[];
      expect(tiers.length).toBeGreaterThan(100);
      const page = await fetch(`${first.url}/`).then((r) => r.text());
      expect(page).toContain('<html');
    } finally {
      await first.close();
    }
    expect(lines.join('\n')).toMatch(/Imported [\d,]+ records/);

    const again: string[] = [];
    const second = await runFullDemo({ preset: 'small', dir: tmp.dir, serve: false, print: (l) => again.push(l) });
    await second.close();
    expect(again.join('\n')).toContain('Reusing the imported store');
    expect(second.seconds.import).toBeUndefined();
  });
});

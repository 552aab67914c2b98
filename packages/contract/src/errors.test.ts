import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ERRORS, KaopingError, kpError } from './errors.js';

const doc = readFileSync(new URL('../../../docs/errors.md', import.meta.url), 'utf8');

describe('error catalogue', () => {
  it('lists every code with its fix on the docs page', () => {
    for (const [code, spec] of Object.entries(ERRORS)) {
      const section = doc.split(/^## /m).find((s) => s.startsWith(`${code}\n`));
      expect(section, `docs/errors.md has no section for ${code}`).toBeDefined();
      expect(section).toContain(spec.fix);
    }
  });

  it('has no section for a code that does not exist', () => {
    const documented = [...doc.matchAll(/^## (KP_ERR_[A-Z_]+)$/gm)].map((m) => m[1]);
    expect(documented.filter((c) => !(c in ERRORS))).toEqual([]);
  });

  it('formats the message and carries code and fix', () => {
    const e = kpError('KP_ERR_PLUGIN_TIMEOUT', 'x.y', 'setup', 50);
    expect(e).toBeInstanceOf(KaopingError);
    expect(e.message).toBe('Plugin "x.y" did not finish setup within 50 ms');
    expect(e.toJSON()).toMatchObject({ code: 'KP_ERR_PLUGIN_TIMEOUT', fix: ERRORS.KP_ERR_PLUGIN_TIMEOUT.fix });
  });
});

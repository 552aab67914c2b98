import { describe, expect, it } from 'vitest';
import { normalizeCode } from './code.js';

describe('normalizeCode', () => {
  it('keeps a clean code as it is', () => {
    expect(normalizeCode('P00012')).toBe('P00012');
  });
  it('folds full-width digits and letters to ASCII', () => {
    expect(normalizeCode('Ｐ０００１２')).toBe('P00012');
  });
  it('trims and removes stray inner whitespace, including the ideographic space', () => {
    expect(normalizeCode('  P000 12\t')).toBe('P00012');
    expect(normalizeCode('\u3000U01\u3000')).toBe('U01');
  });
  it('returns an empty string for a blank code, so callers can reject it', () => {
    expect(normalizeCode(' \u3000 ')).toBe('');
  });
});

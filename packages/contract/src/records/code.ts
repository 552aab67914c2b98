const CLEAN_CODE = /^[\x21-\x7e]*$/;
const WHITESPACE = /\s+/g;

/**
 * A host code as the directory knows it: full-width digits and letters folded to ASCII
 * (NFKC), surrounding and stray inner whitespace removed. Hosts type codes by hand, so
 * `" Ｐ０１２ "` and `"P 012"` mean `P012`.
 */
export function normalizeCode(s: string): string {
  // Almost every code is already clean; skip the Unicode work for those.
  if (CLEAN_CODE.test(s)) return s;
  return s.normalize('NFKC').replace(WHITESPACE, '');
}

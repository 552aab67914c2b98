import { TextDecoder } from 'node:util';

/**
 * A GBK encoder, for writing fixtures and synthetic exports: Node's TextEncoder only writes
 * UTF-8. The table is the inverse of the runtime's own GBK decoder, so what this writes,
 * `readLines(…, { encoding: 'gbk' })` reads back exactly.
 */
let table: Map<number, number> | null = null;

function gbkTable(): Map<number, number> {
  if (table) return table;
  const decoder = new TextDecoder('gbk', { fatal: false });
  const map = new Map<number, number>();
  const pair = new Uint8Array(2);
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue;
      pair[0] = lead;
      pair[1] = trail;
      const ch = decoder.decode(pair);
      if (ch.length === 1 && ch !== '\uFFFD' && !map.has(ch.charCodeAt(0))) map.set(ch.charCodeAt(0), (lead << 8) | trail);
    }
  }
  table = map;
  return map;
}

/** Encodes text as GBK; throws on a character GBK cannot write. */
export function encodeGbk(text: string): Uint8Array {
  const map = gbkTable();
  const out: number[] = [];
  for (const ch of text) {
    const c = ch.codePointAt(0) ?? 0;
    if (c < 0x80) {
      out.push(c);
      continue;
    }
    const code = map.get(c);
    if (code === undefined) throw new Error(`encodeGbk: "${ch}" (U+${c.toString(16).toUpperCase()}) has no GBK encoding`);
    out.push(code >> 8, code & 0xff);
  }
  return Uint8Array.from(out);
}

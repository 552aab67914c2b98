import iconv from 'iconv-lite';

// Code unit → its two GBK bytes (hi << 8 | lo); 0 = not looked up yet. The generator writes a
// few hundred distinct Chinese characters, so after warm-up encoding is a table lookup per
// character: several times faster than a general-purpose encoder on mostly-ASCII CSV.
const table = new Uint16Array(65536);

function learn(code: number): number {
  const bytes = iconv.encode(String.fromCharCode(code), 'gbk');
  if (bytes.length !== 2) {
    throw new Error(`character U+${code.toString(16).toUpperCase()} has no two-byte GBK form; the generator writes only GBK text to HR files`);
  }
  table[code] = (bytes[0] << 8) | bytes[1];
  return table[code];
}

/** Writes text as GBK into `out` at `offset` (room for 2 bytes per character needed); returns the bytes written. */
export function writeGbk(text: string, out: Uint8Array, offset: number): number {
  let o = offset;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) {
      out[o++] = c;
    } else {
      const v = table[c] || learn(c);
      out[o++] = v >> 8;
      out[o++] = v & 0xff;
    }
  }
  return o - offset;
}

/** Encodes text as GBK; ASCII passes through, every other character is two bytes. */
export function encodeGbk(text: string): Buffer {
  const out = Buffer.allocUnsafe(text.length * 2);
  return out.subarray(0, writeGbk(text, out, 0));
}

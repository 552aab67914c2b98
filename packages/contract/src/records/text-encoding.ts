import { isUtf8 } from 'node:buffer';
import { TextDecoder } from 'node:util';

/** The encodings host exports come in: HR writes GBK, every other host UTF-8. */
export type TextEncodingName = 'utf-8' | 'gbk';

export const TEXT_ENCODINGS: readonly TextEncodingName[] = ['utf-8', 'gbk'];

const REPLACEMENT = '\uFFFD';
const QUOTE_MAX = 60;

const decoders: Record<TextEncodingName, TextDecoder> = {
  'utf-8': new TextDecoder('utf-8', { fatal: false, ignoreBOM: true }),
  gbk: new TextDecoder('gbk', { fatal: false }),
};

/** A decoder that keeps state across chunks (`decode(chunk, { stream: true })`). */
export function streamingDecoder(encoding: TextEncodingName): TextDecoder {
  return new TextDecoder(encoding, { fatal: false });
}

/** The part of a line around its first non-ASCII character: where the encoding went wrong. */
function quote(text: string): string {
  let first = 0;
  while (first < text.length && text.charCodeAt(first) <= 0x7f) first++;
  const start = first === text.length ? 0 : Math.max(0, first - QUOTE_MAX / 3);
  const end = Math.min(text.length, start + QUOTE_MAX);
  return `"${start > 0 ? '…' : ''}${text.slice(start, end)}${end < text.length ? '…' : ''}"`;
}

export interface DecodedLine {
  text: string;
  /** Set when the bytes are not in the declared encoding: what is wrong and what to do. */
  encodingError?: string;
}

/**
 * Decodes one line's bytes and says whether they really are in `encoding`. Lines never
 * share a multi-byte character with their neighbours (0x0A is never a trail byte in UTF-8
 * or GBK), so deciding per line is exact.
 */
export function decodeLine(bytes: Uint8Array, encoding: TextEncodingName): DecodedLine {
  const text = decoders[encoding].decode(bytes);
  if (encoding === 'utf-8') {
    if (!text.includes(REPLACEMENT)) return { text };
    const asGbk = decoders.gbk.decode(bytes);
    const hint = asGbk.includes(REPLACEMENT) ? '' : ` (it reads as GBK: ${quote(asGbk)})`;
    return { text, encodingError: `the line is not valid UTF-8${hint}; re-export the file as UTF-8` };
  }
  if (text.includes(REPLACEMENT)) {
    return { text, encodingError: 'the line is not valid GBK; re-export the file as GBK, or set `encoding` in the adapter config' };
  }
  // UTF-8 Chinese mostly decodes as (wrong) GBK characters without any U+FFFD, so a GBK
  // line that is valid UTF-8 with non-ASCII bytes is UTF-8; real GBK text almost never is.
  if (hasNonAscii(text) && isUtf8(bytes)) {
    return { text, encodingError: `the line is UTF-8, not GBK (${quote(decoders['utf-8'].decode(bytes))}); re-export the file as GBK` };
  }
  return { text };
}

function hasNonAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0x7f) return true;
  return false;
}

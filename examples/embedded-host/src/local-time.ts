import { LOCAL_OFFSET_MS } from '@kaoping/contract';
import { parseHostTime } from '@kaoping/contract/records';

/** `2026-03-02 09:05` (Asia/Shanghai, as the front desk writes it) → epoch ms. */
export function at(text: string): number {
  return parseHostTime(text, 'Asia/Shanghai');
}

/** epoch ms → `2026-03-02 09:05`, Asia/Shanghai. */
export function showTime(ts: number): string {
  return new Date(ts + LOCAL_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');
}

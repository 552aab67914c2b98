import type { Logger } from '../logger.js';

/** A real logger that keeps its lines, so tests can assert what an operator would read. */
export function memoryLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const at = (level: string) => (msg: string) => {
    lines.push(`${level}: ${msg}`);
  };
  return { lines, info: at('info'), warn: at('warn'), error: at('error') };
}

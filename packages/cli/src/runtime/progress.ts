import type { IngestCounts } from '@kaoping/kernel';

export interface Progress {
  update(source: string, counts: IngestCounts): void;
  done(): void;
}

const fmt = (n: number) => n.toLocaleString('en-US');

/**
 * A bar on a terminal, plain lines otherwise (CI logs, pipes). `totals` (records per source, from
 * the folder's manifest.json when there is one) turns the counter into a bar with a percentage.
 */
export function createProgress(stream: NodeJS.WriteStream, totals: Record<string, number> = {}): Progress {
  const tty = stream.isTTY === true;
  let lastPlain = 0;
  return {
    update(source, c) {
      const total = totals[source];
      const summary = `${fmt(c.read)} read, ${fmt(c.accepted)} accepted, ${fmt(c.duplicates)} duplicates, ${fmt(c.rejected)} rejected`;
      if (tty) {
        const width = 24;
        const share = total ? Math.min(1, c.read / total) : 0;
        const bar = total ? `${'█'.repeat(Math.round(share * width)).padEnd(width, '░')} ${(share * 100).toFixed(0).padStart(3)}% ` : '';
        stream.write(`\r\x1b[K${source.padEnd(15)} ${bar}${summary}`);
      } else if (c.read - lastPlain >= 100_000 || c.read < lastPlain) {
        lastPlain = c.read;
        stream.write(`${source}: ${summary}\n`);
      }
    },
    done() {
      if (tty) stream.write('\n');
      lastPlain = 0;
    },
  };
}

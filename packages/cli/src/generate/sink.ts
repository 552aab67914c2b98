import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import { writeGbk } from './gbk.js';

export type FileEncoding = 'gbk' | 'utf8' | 'utf8-bom';

/** Bytes per write: large enough to amortise syscalls, small enough to never matter for memory. */
const CHUNK = 1 << 20;
/** Characters gathered before encoding: one encode call per few hundred lines, yet short-lived enough for the young generation. */
const BATCH = 1 << 14;

/**
 * A file written in ~1 MB chunks. Text is gathered in small batches and encoded straight into
 * the current chunk (no long-lived growing strings for the garbage collector to trace); `drain()` is awaited
 * between people and hands full chunks to the stream, waiting for the disk when it signals
 * backpressure, so memory stays flat however big the file gets.
 */
export class Sink {
  private readonly stream: WriteStream;
  private readonly gbk: boolean;
  private chunk = Buffer.allocUnsafe(CHUNK);
  private used = 0;
  private pending = '';
  private full: Buffer[] = [];
  private failure: Error | null = null;

  constructor(path: string, encoding: FileEncoding) {
    this.stream = createWriteStream(path);
    // Kept until the next drain/close rethrows it; without a listener a disk error would crash the process.
    this.stream.on('error', (e) => { this.failure ??= e; });
    this.gbk = encoding === 'gbk';
    if (encoding === 'utf8-bom') this.text('\uFEFF');
  }

  text(s: string): void {
    this.pending += s;
    if (this.pending.length >= BATCH) this.encodePending();
  }

  /** Raw bytes, written as they are (a line deliberately in the wrong encoding). */
  bytes(b: Buffer): void {
    this.encodePending();
    if (this.used + b.length > this.chunk.length) this.rotate(b.length);
    this.used += b.copy(this.chunk, this.used);
  }

  async drain(): Promise<void> {
    if (this.failure) throw this.failure;
    this.encodePending();
    for (const b of this.full.splice(0)) if (!this.stream.write(b)) await once(this.stream, 'drain');
  }

  async close(): Promise<void> {
    this.encodePending();
    if (this.used > 0) this.rotate(0);
    await this.drain();
    this.stream.end();
    await finished(this.stream);
  }

  private encodePending(): void {
    const s = this.pending;
    if (s === '') return;
    this.pending = '';
    // Worst case per UTF-16 unit: 3 bytes in UTF-8, 2 in GBK.
    if (this.used + s.length * 3 > this.chunk.length) this.rotate(s.length * 3);
    this.used += this.gbk ? writeGbk(s, this.chunk, this.used) : this.chunk.write(s, this.used, 'utf8');
  }

  /** Retires the current chunk (the stream may still be writing it, so it is never reused). */
  private rotate(need: number): void {
    if (this.used > 0) this.full.push(this.chunk.subarray(0, this.used));
    this.chunk = Buffer.allocUnsafe(Math.max(CHUNK, need));
    this.used = 0;
  }
}

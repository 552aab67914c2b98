import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import { encodeGbk } from './gbk.js';

export type FileEncoding = 'gbk' | 'utf8' | 'utf8-bom';

/** Bytes buffered before a write: large enough to amortise syscalls, small enough to never matter for memory. */
const CHUNK = 1 << 20;

/**
 * A file written in ~1 MB chunks. Text is appended synchronously (the generator's hot path);
 * `drain()` is awaited between people and writes once a chunk is full, waiting for the disk
 * when the stream signals backpressure, so memory stays flat however big the file gets.
 */
export class Sink {
  private readonly stream: WriteStream;
  private readonly gbk: boolean;
  private pending = '';
  private buffers: Buffer[] = [];
  private buffered = 0;
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
    if (this.pending.length >= CHUNK) this.encodePending();
  }

  /** Raw bytes, written as they are (a line deliberately in the wrong encoding). */
  bytes(b: Buffer): void {
    this.encodePending();
    this.push(b);
  }

  async drain(): Promise<void> {
    if (this.failure) throw this.failure;
    if (this.buffered + this.pending.length < CHUNK) return;
    this.encodePending();
    await this.writeOut();
  }

  async close(): Promise<void> {
    if (this.failure) throw this.failure;
    this.encodePending();
    if (this.buffered > 0) await this.writeOut();
    this.stream.end();
    await finished(this.stream);
  }

  private encodePending(): void {
    if (this.pending === '') return;
    this.push(this.gbk ? encodeGbk(this.pending) : Buffer.from(this.pending, 'utf8'));
    this.pending = '';
  }

  private push(b: Buffer): void {
    this.buffers.push(b);
    this.buffered += b.length;
  }

  private async writeOut(): Promise<void> {
    const chunk = this.buffers.length === 1 ? this.buffers[0] : Buffer.concat(this.buffers, this.buffered);
    this.buffers = [];
    this.buffered = 0;
    if (!this.stream.write(chunk)) await once(this.stream, 'drain');
  }
}

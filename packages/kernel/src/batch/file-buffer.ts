import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

/**
 * One buffer a worker reads file after file into, grown when a file is bigger. Reading each
 * segment into a fresh 20 MB Buffer left one dead buffer per partition for the garbage collector
 * and, once freed, a hole in the thread's malloc arena; the province's 157 partitions per run
 * made that churn a good part of a worker's resident memory. What `read` returns is valid only
 * until the next `read`: callers must be done with it (and with views on it) by then.
 */
export class FileBuffer {
  private buffer = Buffer.alloc(0);

  /** The file's bytes, in this object's buffer (at offset 0, so typed-array views on it are 8-aligned). */
  read(path: string): Buffer {
    const fd = openSync(path, 'r');
    try {
      const size = fstatSync(fd).size;
      // Not Buffer.allocUnsafe: its small-size pool would put the bytes at an unaligned offset.
      if (size > this.buffer.length) this.buffer = Buffer.alloc(Math.ceil(size * 1.25));
      let at = 0;
      while (at < size) {
        const n = readSync(fd, this.buffer, at, size - at, at);
        if (n === 0) break;
        at += n;
      }
      return this.buffer.subarray(0, at);
    } finally {
      closeSync(fd);
    }
  }
}

import iconv from 'iconv-lite';
import { join } from 'node:path';
import { FRESH_KINDS, type DefectKind, type DefectTools } from './defect-kinds.js';
import type { FileSpec } from './file-spec.js';
import { encodeGbk } from './gbk.js';
import { Sink } from './sink.js';

/** How a file is dirtied: its own random stream (so the clean records are the same with or without --dirty) and a rate per kind. */
export interface DirtyPlan {
  tools: DefectTools;
  /** Probability, per real record and per defect kind of the file, of one defect. */
  rate: number;
}

export interface FileStats {
  /** Records in the file as an import reads them: data lines, or array items. */
  records: number;
  /** Real records (each written once, possibly with a dirty code). */
  clean: number;
  /** Canonical events the real records yield. */
  events: number;
  defects: Partial<Record<DefectKind, number>>;
}

/**
 * One host file being written: formats real records and, when dirty, mixes in defects with
 * exact counts. Every file with a defect kind gets at least one of it: the first real record
 * carries the dirty code, the second is duplicated, the third is followed by one of each
 * kind that adds a record; later ones are drawn at random. A truncated line is always last.
 */
export class RecordFile<R> {
  readonly stats: FileStats = { records: 0, clean: 0, events: 0, defects: {} };
  private readonly sink: Sink;
  private readonly kinds: DefectKind[];
  private readonly freshKinds: DefectKind[];
  private firstItem = true;
  private last: R | null = null;
  private freshCount = 0;

  constructor(
    private readonly spec: FileSpec<R>,
    outDir: string,
    private readonly dirty: DirtyPlan | null,
  ) {
    this.sink = new Sink(join(outDir, spec.path), spec.encoding);
    this.kinds = dirty ? (Object.keys(spec.defects) as DefectKind[]).filter((k) => k !== 'truncated-line') : [];
    this.freshKinds = this.kinds.filter((k) => FRESH_KINDS.includes(k));
    if (spec.header) this.sink.text(`${spec.header.join(',')}\n`);
    if (spec.layout === 'json-array') this.sink.text('[\n');
  }

  get path(): string {
    return this.spec.path;
  }

  write(r: R): void {
    const i = this.stats.clean++;
    this.stats.events += this.spec.events(r);
    this.last = r;
    if (!this.dirty) {
      this.line(this.spec.format(r));
      return;
    }
    let kind: DefectKind | null = null;
    if (i === 0 && this.kinds.includes('dirty-code')) kind = 'dirty-code';
    else if (i === 1 && this.kinds.includes('duplicate-id')) kind = 'duplicate-id';
    else if (i === 2) {
      this.line(this.spec.format(r));
      for (const k of this.freshKinds) this.addFresh(k, r);
      return;
    } else if (this.kinds.length > 0 && this.dirty.tools.rng.next() < this.dirty.rate * this.kinds.length) {
      kind = this.dirty.tools.rng.pick(this.kinds);
    }
    if (kind === 'dirty-code') {
      this.line(this.spec.format(this.hook(kind)(r, this.dirty.tools)));
      this.count(kind);
    } else if (kind === 'duplicate-id') {
      const line = this.spec.format(r);
      this.line(line);
      this.line(line);
      this.count(kind);
    } else {
      this.line(this.spec.format(r));
      if (kind) this.addFresh(kind, r);
    }
  }

  /** Lets the sink write a full chunk, waiting for the disk if it is behind. */
  drain(): Promise<void> {
    return this.sink.drain();
  }

  async close(): Promise<FileStats> {
    if (this.dirty && this.last !== null) {
      // A file too short to reach its third record still gets one of each kind.
      if (this.stats.clean < 3) for (const k of this.freshKinds) if (!this.stats.defects[k]) this.addFresh(k, this.last);
      if (this.spec.defects['truncated-line']) {
        const whole = this.spec.format(this.spec.fresh(this.last, ++this.freshCount));
        this.sink.text((this.firstItem ? '' : this.spec.layout === 'json-array' ? ',\n' : '') + whole.slice(0, Math.floor(whole.length * 0.6)));
        this.stats.records++;
        this.count('truncated-line');
        await this.sink.close();
        return this.stats;
      }
    }
    if (this.spec.layout === 'json-array') this.sink.text(this.firstItem ? ']\n' : '\n]\n');
    await this.sink.close();
    return this.stats;
  }

  private line(text: string): void {
    if (this.spec.layout === 'json-array') {
      this.sink.text(this.firstItem ? text : `,\n${text}`);
      this.firstItem = false;
    } else {
      this.sink.text(`${text}\n`);
    }
    this.stats.records++;
  }

  private hook(kind: DefectKind): (r: R, t: DefectTools) => R {
    const h = this.spec.defects[kind];
    return typeof h === 'function' ? h : (r) => r;
  }

  private count(kind: DefectKind): void {
    this.stats.defects[kind] = (this.stats.defects[kind] ?? 0) + 1;
  }

  /** Adds one record of a kind that is rejected at import: a copy of r under a fresh id, made bad. */
  private addFresh(kind: DefectKind, r: R): void {
    const t = this.dirty!.tools;
    const base = this.spec.fresh(r, ++this.freshCount);
    if (kind === 'wrong-encoding') {
      this.sink.bytes(this.wrongEncodingLine(base, t));
      this.stats.records++;
    } else if (kind === 'wrong-cell-count') {
      const text = this.spec.format(base);
      // Either one cell too many (a stray remark) or the last cell missing.
      this.line(t.rng.chance(0.5) ? `${text},备注` : text.slice(0, text.lastIndexOf(',')));
    } else {
      this.line(this.spec.format(this.hook(kind)(base, t)));
    }
    this.count(kind);
  }

  /**
   * The line in the other encoding: UTF-8 inside a GBK file, GBK inside a UTF-8 file. Only
   * lines that really decode to U+FFFD are used, since that is how an importer can tell.
   */
  private wrongEncodingLine(base: R, t: DefectTools): Buffer {
    for (let attempt = 0; attempt < 50; attempt++) {
      const text = `${this.spec.format(this.hook('wrong-encoding')(base, t))}\n`;
      const bytes = this.spec.encoding === 'gbk' ? Buffer.from(text, 'utf8') : encodeGbk(text);
      if (decodesToReplacement(bytes, this.spec.encoding === 'gbk' ? 'gbk' : 'utf8')) return bytes;
    }
    throw new Error(`${this.spec.path}: could not make a wrong-encoding line that decodes to U+FFFD`);
  }
}

/** True when both the WHATWG decoder and iconv-lite (what importers use) yield U+FFFD. */
export function decodesToReplacement(bytes: Buffer, as: 'gbk' | 'utf8'): boolean {
  const whatwg = new TextDecoder(as === 'gbk' ? 'gbk' : 'utf-8').decode(bytes);
  return whatwg.includes('\uFFFD') && iconv.decode(bytes, as).includes('\uFFFD');
}

import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { generateBureau, type GenerateOptions } from './generate-bureau.js';
import type { Manifest } from './manifest.js';

/** Generates into a fresh temporary folder; `cleanup()` removes it. */
export async function generateTemp(options: Omit<GenerateOptions, 'out'>): Promise<{ dir: string; manifest: Manifest; cleanup(): void }> {
  const dir = mkdtempSync(join(tmpdir(), 'kaoping-gen-'));
  const manifest = await generateBureau({ ...options, out: dir });
  return { dir, manifest, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Every file under dir, as relative paths with forward slashes, sorted. */
export function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out.push(relative(dir, p).split('\\').join('/'));
    }
  };
  walk(dir);
  return out.sort();
}

/** A file's bytes split into lines (without the newline); a final empty piece is dropped. */
export function byteLines(file: string): Buffer[] {
  const bytes = readFileSync(file);
  const lines: Buffer[] = [];
  let start = 0;
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] === 0x0a) {
      lines.push(bytes.subarray(start, i));
      start = i + 1;
    }
  }
  if (start < bytes.length) lines.push(bytes.subarray(start));
  return lines;
}

/** The data lines of a host file as text: header, BOM and array brackets removed. */
export function dataLines(dir: string, path: string): string[] {
  const gbk = path.startsWith('hr/');
  const decoder = new TextDecoder(gbk ? 'gbk' : 'utf-8');
  let lines = byteLines(join(dir, path)).map((b) => decoder.decode(b));
  if (path.endsWith('.csv')) lines = lines.slice(1);
  if (path.endsWith('.json')) {
    lines = lines.slice(1);
    if (lines.at(-1) === ']') lines = lines.slice(0, -1);
    lines = lines.map((l) => (l.endsWith(',') ? l.slice(0, -1) : l));
  }
  return lines;
}

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateBureau, openRuntime, type Manifest } from '@kaoping/cli';
import { importFolder, type ImportReport } from '@kaoping/kernel';
import type { DeadLetter } from '@kaoping/contract';
import { tempDir } from './support/paths.js';

/** Which injected defect kind a dead letter is, read from its code and the reason a person sees. */
function kindOf(d: DeadLetter): string {
  if (d.code === 'KP_ERR_ENCODING') return 'wrong-encoding';
  if (d.code === 'KP_ERR_RECORD_UNKNOWN_REFERENCE') return d.reason.includes('unknown person code') ? 'unknown-person' : 'unknown-unit';
  if (/not a calendar date or time/.test(d.reason)) return 'bad-date';
  if (/is before/.test(d.reason)) return 'deadline-before-acceptance';
  if (/is not an integer from 1 to 5/.test(d.reason)) return 'rating-out-of-range';
  if (/cells but the header has/.test(d.reason)) return 'wrong-cell-count';
  if (/cut off|ends inside/.test(d.reason)) return 'truncated-line';
  return `unclassified: ${d.reason}`;
}

const REJECTED_KINDS = (m: Record<string, number>) => Object.entries(m).filter(([k]) => k !== 'duplicate-id' && k !== 'dirty-code');

describe('import of a dirty synthetic bureau', () => {
  const tmp = tempDir('dirty');
  const dir = join(tmp.dir, 'bureau');
  const db = join(tmp.dir, 'kaoping.db');
  let manifest: Manifest;
  let first: ImportReport;
  let second: ImportReport;
  let deadLetters: DeadLetter[];
  let deadLettersAfterSecond: number;

  beforeAll(async () => {
    manifest = await generateBureau({ preset: 'small', seed: 11, year: 2026, out: dir, dirty: true });
    const run = await openRuntime({ db });
    try {
      first = await importFolder(run.kernel, dir);
      deadLetters = await run.kernel.store!.listDeadLetters();
      second = await importFolder(run.kernel, dir);
      deadLettersAfterSecond = await run.kernel.store!.countDeadLetters();
    } finally {
      await run.close();
    }
  });
  afterAll(() => tmp.cleanup());

  it('reads every line and accepts exactly the real records', () => {
    expect(JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'))).toEqual(manifest);
    expect(first.total.read).toBe(manifest.counts.lines);
    expect(first.total.accepted).toBe(manifest.counts.records);
    expect(first.total.duplicates).toBe(manifest.injectedDefects!['duplicate-id']);
    const injectedRejects = REJECTED_KINDS(manifest.injectedDefects as Record<string, number>).reduce((s, [, n]) => s + n, 0);
    expect(first.total.rejected).toBe(injectedRejects);
  });

  it('matches the injected defects kind by kind, file by file, each dead letter with file, line and reason', () => {
    const seen: Record<string, Record<string, number>> = {};
    for (const d of deadLetters) {
      expect(d.line).toBeGreaterThanOrEqual(1);
      expect(d.reason.startsWith(`${d.file} line ${d.line}:`)).toBe(true);
      expect(d.raw.length).toBeGreaterThan(0);
      const perFile = (seen[d.file] ??= {});
      const kind = kindOf(d);
      perFile[kind] = (perFile[kind] ?? 0) + 1;
    }
    const expected: Record<string, Record<string, number>> = {};
    for (const [file, kinds] of Object.entries(manifest.defectsByFile ?? {})) {
      const rejected = REJECTED_KINDS(kinds as Record<string, number>);
      if (rejected.length) expected[file] = Object.fromEntries(rejected);
    }
    expect(seen).toEqual(expected);
  });

  it('accepts nothing new the second time, counts every stored record as a duplicate, and keeps one dead letter per defect', () => {
    expect(second.total.accepted).toBe(0);
    expect(second.total.read).toBe(first.total.read);
    expect(second.total.duplicates).toBe(first.total.accepted + first.total.duplicates);
    expect(second.total.rejected).toBe(first.total.rejected);
    expect(deadLettersAfterSecond).toBe(deadLetters.length);
  });
});

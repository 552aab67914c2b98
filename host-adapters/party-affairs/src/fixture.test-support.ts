import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodeGbk } from '@kaoping/contract/records';

export const DIRECTORY = { units: ['U01', 'U02'], people: { P001: 'U01', P002: 'U01', P003: 'U02' } };

const life = (id: string, extra: Record<string, unknown> = {}) => ({ id, memberCode: 'P001', branchUnitCode: 'U01', kind: 'organisational-life', date: '2026-03-05', status: 'attended', ...extra });
const study = (id: string, extra: Record<string, unknown> = {}) => ({ id, memberCode: 'P002', branchUnitCode: 'U01', kind: 'study', date: '2026-03-06', credits: 2, ...extra });

/** A party/ export with every defect that applies to 党务 between clean records. */
export function writePartyFixture(): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'kp-party-')), 'party');
  mkdirSync(dir);
  const item = (o: unknown) => `${JSON.stringify(o)},\n`;
  writeFileSync(join(dir, 'activities.json'), Buffer.concat([
    Buffer.from([
      '[\n',
      item(life('L1')),
      item(study('L2')),
      item(life('L3', { memberCode: 'P999' })), // unknown-person, line 4
      item(life('L4', { branchUnitCode: 'U99' })), // unknown-unit, line 5
      item(life('L5', { date: '2026-02-29' })), // bad-date, line 6
    ].join('')),
    encodeGbk(item(study('L6', { note: '学习强国' }))), // wrong-encoding, line 7
    Buffer.from([
      item(life(' L7', { memberCode: 'Ｐ００３', branchUnitCode: ' U02' })), // dirty-code, line 8
      item(life('L1')), // duplicate-id, line 9
      `${JSON.stringify(study('L8', { credits: 1.5 }), null, 2)},\n`, // pretty-printed, lines 10-17
      item(life('L9', { status: 'late' })), // unknown status, line 18
      JSON.stringify(life('L10')).slice(0, 30), // truncated-line, line 19
    ].join('')),
  ]));
  return dir;
}

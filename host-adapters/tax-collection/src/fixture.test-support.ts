import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodeGbk } from '@kaoping/contract/records';

/** The directory the fixtures refer to (as HR would have supplied it). */
export const DIRECTORY = { units: ['U01', 'U02'], people: { P001: 'U01', P002: 'U01', P003: 'U02' } };

const line = (o: unknown): string => `${JSON.stringify(o)}\n`;
const matter = (id: string, extra: Record<string, unknown> = {}) => ({
  swsxbh: id, swry_dm: 'P001', swjg_dm: 'U01', sxlx: 'DJ',
  slrq: '2026-03-04T09:00:00+08:00', blqx: '2026-03-11T17:00:00+08:00', bjrq: '2026-03-06T10:00:00+08:00', ...extra,
});

/** A tax/ export with one of every defect that applies to 金税 between clean records. */
export function writeTaxFixture(): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'kp-tax-')), 'tax');
  mkdirSync(dir);
  writeFileSync(join(dir, 'matters.ndjson'), Buffer.concat([
    Buffer.from([
      line(matter('M1', { bjrq: null })),
      line(matter('M2')),
      line(matter('M3', { swry_dm: 'P999' })), // unknown-person, line 3
      line(matter('M4', { swjg_dm: 'U99' })), // unknown-unit, line 4
      line(matter('M5', { slrq: '2026-02-30T09:00:00+08:00' })), // bad-date, line 5
      line(matter('M6', { blqx: '2026-03-01T00:00:00+08:00' })), // deadline-before-acceptance, line 6
      line(matter(' M7', { swry_dm: ' Ｐ００２ ', swjg_dm: 'U0 1' })), // dirty-code, line 7
    ].join('')),
    encodeGbk(line(matter('M8', { bz: '补录' }))), // wrong-encoding, line 8
    Buffer.from(line(matter('M9'))),
    Buffer.from(JSON.stringify(matter('M10')).slice(0, 40)), // truncated-line, line 10
  ]));
  writeFileSync(join(dir, 'enforcement.ndjson'), [
    line({ zfbh: 'E1', swry_dm: 'P001', swjg_dm: 'U01', zflx: 'CF', zfrq: '2026-04-01', fcjg: '正确' }),
    line({ zfbh: 'E2', swry_dm: 'P002', swjg_dm: 'U01', zflx: 'CF', zfrq: '2026-04-02 10:00:00', fcjg: '过错' }),
    line({ zfbh: 'E3', swry_dm: 'P003', swjg_dm: 'U02', zflx: 'JC', zfrq: '2026-04-03', fcjg: null }),
    line({ zfbh: 'E1', swry_dm: 'P001', swjg_dm: 'U01', zflx: 'CF', zfrq: '2026-04-01', fcjg: '正确' }), // duplicate-id, line 4
    line({ zfbh: 'E5', swry_dm: 'P001', swjg_dm: 'U01', zflx: 'CF', zfrq: '2026-04-05', fcjg: '待定' }), // unknown review, line 5
  ].join(''));
  writeFileSync(join(dir, 'ratings.ndjson'), [
    line({ pjbh: 'R1', swry_dm: 'P001', swjg_dm: 'U01', pjrq: '2026-05-01T10:00:00+08:00', pjfs: 5 }),
    line({ pjbh: 'R2', swry_dm: 'P001', swjg_dm: 'U01', pjrq: '2026-05-01T11:00:00+08:00', pjfs: 6 }), // rating-out-of-range, line 2
    line({ pjbh: 'R3', swry_dm: 'P003', swjg_dm: 'U02', pjrq: '2026-05-02T11:00:00+08:00', pjfs: 3 }),
  ].join(''));
  writeFileSync(join(dir, 'revenue.ndjson'), [
    line({ swjg_dm: 'U01', yf: '2026-01', jhs: 1000000, sjs: 1050000 }),
    line({ swjg_dm: 'U99', yf: '2026-01', jhs: 1, sjs: 1 }), // unknown-unit, line 2
    line({ swjg_dm: 'U02', yf: '2026-13', jhs: 1, sjs: 1 }), // bad-date, line 3
    line({ swjg_dm: 'U02', yf: '2026-02', jhs: 800000, sjs: 700000.5 }),
  ].join(''));
  return dir;
}

import { describe, expect, it } from 'vitest';
import { invalid, rejectedRecord, unknownReference, wrongEncoding } from './defect.js';

const origin = { file: 'tax/matters.ndjson', line: 812 };

describe('rejectedRecord', () => {
  it('says where, what and what to do for an invalid record', () => {
    const r = rejectedRecord(origin, '{"swsxbh":"M1"}', invalid('blqx 2026-03-01T00:00:00+08:00 is before slrq 2026-03-04T09:00:00+08:00', 'correct the deadline'), '金税');
    expect(r).toEqual({
      kind: 'rejected', origin, raw: '{"swsxbh":"M1"}', code: 'KP_ERR_RECORD_INVALID',
      reason: 'tax/matters.ndjson line 812: blqx 2026-03-01T00:00:00+08:00 is before slrq 2026-03-04T09:00:00+08:00; correct the deadline in 金税 and re-export',
    });
  });

  it('names the unknown code, its field and where it must be defined', () => {
    const r = rejectedRecord(origin, 'x', unknownReference('person', 'swry_dm', 'P9999'), '金税');
    expect(r.code).toBe('KP_ERR_RECORD_UNKNOWN_REFERENCE');
    expect(r.reason).toBe('tax/matters.ndjson line 812: unknown person code "P9999" in swry_dm; import the HR people.csv that defines it, or correct swry_dm in 金税 and re-export');
  });

  it('reports an encoding defect with the line', () => {
    const r = rejectedRecord({ file: 'hr/people.csv', line: 3 }, 'x', wrongEncoding('the line is UTF-8, not GBK; re-export the file as GBK'), '数字人事');
    expect(r.code).toBe('KP_ERR_ENCODING');
    expect(r.reason).toBe('hr/people.csv line 3: the line is UTF-8, not GBK; re-export the file as GBK');
  });
});

describe('reason fix phrases', () => {
  it('uses a fix that names the host as a whole phrase', () => {
    const r = rejectedRecord({ file: 'party/activities.json', line: 9 }, '{', invalid('the file ends inside this record', 're-export the file from %host'), '党务系统');
    expect(r.reason).toBe('party/activities.json line 9: the file ends inside this record; re-export the file from 党务系统');
  });
});

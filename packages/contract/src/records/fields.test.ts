import { describe, expect, it } from 'vitest';
import type { DirectoryView } from '../adapter.js';
import { RecordDefect } from './defect.js';
import { code, integer, knownPerson, knownUnit, notBefore, number, oneOf, optionalText, optionalTime, text, time } from './fields.js';

function defectOf(fn: () => unknown): RecordDefect {
  try {
    fn();
  } catch (e) {
    if (e instanceof RecordDefect) return e;
    throw e;
  }
  throw new Error('expected a RecordDefect');
}

const rec = {
  id: ' Ｐ０１ ', name: '  张三 ', blank: '', nil: null, n: 3, ns: '4', half: 2.5,
  slrq: '2026-03-04T09:00:00+08:00', blqx: '2026-03-01T00:00:00+08:00', bad: '2026-02-30', 状态: '出勤',
};

describe('field readers', () => {
  it('read text and codes, normalising codes', () => {
    expect(text(rec, 'name')).toBe('张三');
    expect(text(rec, 'n')).toBe('3');
    expect(code(rec, 'id')).toBe('P01');
    expect(optionalText(rec, 'blank')).toBeNull();
    expect(defectOf(() => text(rec, 'missing')).detail).toBe('missing is missing');
  });

  it('read times and say which field is not a date', () => {
    expect(time(rec, 'slrq', 'Asia/Shanghai')).toBe(Date.UTC(2026, 2, 4, 1));
    expect(optionalTime(rec, 'nil', 'Asia/Shanghai')).toBeNull();
    const d = defectOf(() => time(rec, 'bad', 'Asia/Shanghai'));
    expect(d.code).toBe('KP_ERR_RECORD_INVALID');
    expect(d.detail).toBe('bad "2026-02-30" is not a calendar date or time that exists');
  });

  it('read numbers and integers in range', () => {
    expect(number(rec, 'ns', 0)).toBe(4);
    expect(integer(rec, 'n', 1, 5)).toBe(3);
    expect(defectOf(() => integer(rec, 'half', 1, 5)).detail).toBe('half 2.5 is not an integer from 1 to 5');
    expect(defectOf(() => number(rec, 'name')).detail).toBe('name "  张三 " is not a number');
  });

  it('map host values through a table, listing what is allowed', () => {
    expect(oneOf(rec, '状态', { 出勤: 'present', 缺勤: 'absent' })).toBe('present');
    expect(defectOf(() => oneOf({ s: '迟到' }, 's', { 出勤: 1, 缺勤: 2 })).detail).toBe('s "迟到" is not one of 出勤 / 缺勤');
  });

  it('refuse a deadline before acceptance, quoting both values', () => {
    const d = defectOf(() => notBefore(rec, 'blqx', 1, 'slrq', 2, 'deadline'));
    expect(d.detail).toBe('blqx 2026-03-01T00:00:00+08:00 is before slrq 2026-03-04T09:00:00+08:00');
    expect(d.fix).toBe('correct the deadline');
    expect(() => notBefore(rec, 'blqx', 2, 'slrq', 2, 'deadline')).not.toThrow();
  });

  it('check references against the directory', () => {
    const dir: DirectoryView = { hasPerson: (id) => id === 'P01', hasUnit: (id) => id === 'U01', unitOf: () => undefined };
    expect(knownPerson(dir, 'swry_dm', 'P01')).toBe('P01');
    const d = defectOf(() => knownUnit(dir, 'swjg_dm', 'U99'));
    expect(d.code).toBe('KP_ERR_RECORD_UNKNOWN_REFERENCE');
    expect(d.ref).toEqual({ kind: 'unit', field: 'swjg_dm', code: 'U99' });
  });
});

import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { encodeGbk } from './gbk.js';

describe('encodeGbk', () => {
  it('encodes exactly as iconv-lite does, and decodes back with the WHATWG GBK decoder', () => {
    const text = '记录号,人员代码,日期,状态\nKQ2026000000001,P000123,2026-03-04,出勤\n国家税务总局示范市东城区税务局,Ｐ０１２\u3000';
    const bytes = encodeGbk(text);
    expect(bytes.equals(iconv.encode(text, 'gbk'))).toBe(true);
    expect(new TextDecoder('gbk', { fatal: true }).decode(bytes)).toBe(text);
  });

  it('refuses a character with no two-byte GBK form instead of writing a wrong byte', () => {
    expect(() => encodeGbk('tax 😀')).toThrow(/has no two-byte GBK form/);
  });
});

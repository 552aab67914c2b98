import { describe, expect, it } from 'vitest';
import type { Composite, Result, Tier } from '@kaoping/contract';
import { EXPORT_COLUMNS, toCsv, toExportRows, toNdjson } from './export-format.js';

const result: Result = {
  evidence: { scale: 'target' }, score: 38.46153846153846, value: 0.9, period: '2026', paramsHash: 'abc', indicatorVersion: '1.0.0',
  indicator: 'business.on-time-rate', subjectId: '13301000001', subjectKind: 'person',
};
const composite: Composite = { weights: { x: 1 }, composite: null, period: '2026', subjectId: '13301000000', subjectKind: 'unit' };
const tier: Tier = { evidence: {}, group: 'D1', n: null, rank: null, reason: 'left', tier: null, period: '2026', personId: '13301000002' };

describe('public exports (INDICATORS.md § Exports)', () => {
  it('writes the public fields in the public order, nothing else', () => {
    expect(toNdjson(toExportRows('results', [result]))).toBe(
      '{"subjectKind":"person","subjectId":"13301000001","indicator":"business.on-time-rate","period":"2026","value":0.9,"score":38.46153846153846}\n',
    );
    expect(toNdjson(toExportRows('composites', [composite]))).toBe('{"subjectKind":"unit","subjectId":"13301000000","period":"2026","composite":null}\n');
    expect(toNdjson(toExportRows('tiers', [tier]))).toBe('{"personId":"13301000002","period":"2026","tier":null,"reason":"left","rank":null,"n":null}\n');
  });

  it('writes CSV with the same columns, null as empty, CRLF line ends', () => {
    expect(toCsv(toExportRows('tiers', [tier, { ...tier, personId: '13301000003', tier: 1, reason: 'ranked', rank: 1, n: 12 }]))).toBe(
      'personId,period,tier,reason,rank,n\r\n13301000002,2026,,left,,\r\n13301000003,2026,1,ranked,1,12\r\n',
    );
    expect(toCsv(toExportRows('results', [result]))).toBe(
      'subjectKind,subjectId,indicator,period,value,score\r\nperson,13301000001,business.on-time-rate,2026,0.9,38.46153846153846\r\n',
    );
  });

  it('quotes fields holding a comma, a quote or a line break (RFC 4180)', () => {
    expect(toCsv([{ a: 'x,y', b: 'say "hi"', c: 'two\nlines', d: 'plain', e: 'cr\r' }])).toBe(
      'a,b,c,d,e\r\n"x,y","say ""hi""","two\nlines",plain,"cr\r"\r\n',
    );
  });

  it('still writes the header of an empty export when given the columns', () => {
    expect(toCsv([], EXPORT_COLUMNS.composites)).toBe('subjectKind,subjectId,period,composite\r\n');
    expect(toCsv([])).toBe('');
  });
});

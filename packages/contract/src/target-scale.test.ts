import { describe, expect, it } from 'vitest';
import { assertTargetParams, targetParamsProperties, targetScale, trendOf, trendRisks, warningLine } from './target-scale.js';
import { createAjv } from './validation.js';

const title = { zh: '出勤率', en: 'attendance rate' };
const higher = { target: 0.98, floor: 0.9, riskMargin: 0.25, riskMinCount: 10 };
const lower = { target: 0, floor: 0.05, riskMargin: 0.2, riskMinCount: 4 };

describe('target scale params', () => {
  it('gives each param a schema with its default, and ajv accepts the defaults', () => {
    const props = targetParamsProperties(higher);
    expect(props.floor).toMatchObject({ type: 'number', default: 0.9 });
    const validate = createAjv().compile({ type: 'object', additionalProperties: false, properties: props });
    expect(validate(higher)).toBe(true);
    expect(validate({ ...higher, riskMargin: 2 })).toBe(false);
    expect(validate({ ...higher, riskMinCount: 0.5 })).toBe(false);
    expect(validate({ ...higher, riskMinCount: -1 })).toBe(false);
  });

  it('refuses ends that point the wrong way, naming the plugin', () => {
    expect(() => assertTargetParams('gov.attendance', higher, 'higher')).not.toThrow();
    expect(() => assertTargetParams('gov.attendance', { ...higher, target: 0.9 }, 'higher'))
      .toThrow('Invalid params for "gov.attendance": target (0.9) must be greater than floor (0.9) because higher values are better');
    expect(() => assertTargetParams('x.y', lower, 'lower')).not.toThrow();
    expect(() => assertTargetParams('x.y', lower, 'higher')).toThrow(/must be greater than floor \(0\.05\)/);
  });
});

describe('trend warning', () => {
  it('moves the line from the floor towards the target by the margin', () => {
    expect(warningLine(higher, 'higher')).toBeCloseTo(0.92, 12);
    expect(warningLine(lower, 'lower')).toBeCloseTo(0.04, 12);
  });

  it('stays silent with too few records, no value, or a value on the line', () => {
    expect(trendRisks({ title, value: 0.5, count: 9, direction: 'higher', params: higher })).toEqual([]);
    expect(trendRisks({ title, value: null, count: 99, direction: 'higher', params: higher })).toEqual([]);
    expect(trendRisks({ title, value: 0.93, count: 10, direction: 'higher', params: { ...higher, riskMargin: 0.375 } })).toEqual([]);
  });

  it('warns medium inside the margin and high past the floor, in Chinese then English', () => {
    expect(trendRisks({ title, value: 0.91, count: 10, direction: 'higher', params: higher })).toEqual([{
      trigger: 'trend', severity: 'medium', evidence: [],
      message: '期内至今出勤率为 0.91，低于预警线 0.92（10 条记录）(period-to-date attendance rate 0.91 is below the warning line 0.92, 10 records)',
    }]);
    expect(trendRisks({ title, value: 0.85, count: 20, direction: 'higher', params: higher })[0].severity).toBe('high');
  });

  it('reads lower-is-better the other way round', () => {
    const t = { zh: '执法过错率', en: 'enforcement error rate' };
    expect(trendRisks({ title: t, value: 0.03, count: 5, direction: 'lower', params: lower })).toEqual([]);
    const [r] = trendRisks({ title: t, value: 0.045, count: 5, direction: 'lower', params: lower });
    expect(r).toMatchObject({ severity: 'medium', message: expect.stringContaining('高于预警线 0.04') });
    expect(trendRisks({ title: t, value: 0.1, count: 5, direction: 'lower', params: lower })[0].severity).toBe('high');
  });
});

describe('targetScale', () => {
  const withMin = { ...higher, minRatings: 5 };
  const scale = targetScale({
    id: 'gov.attendance', direction: 'higher', defaults: withMin,
    properties: {
      target: { type: 'number', minimum: 0, maximum: 1, default: withMin.target },
      minRatings: { type: 'integer', minimum: 1, default: withMin.minRatings },
    },
  });
  const validate = createAjv().compile(scale.params.schema);

  it('declares the target scale, the direction and the defaults', () => {
    expect(scale.scale).toEqual({ kind: 'target' });
    expect(scale.direction).toBe('higher');
    expect(scale.params.defaults).toBe(withMin);
  });

  it('validates the shared params, the plugin\'s own and its narrowed ones, refusing unknown names', () => {
    expect(validate(withMin)).toBe(true);
    expect(Object.keys(scale.params.schema.properties as object)).toEqual(['target', 'floor', 'riskMargin', 'riskMinCount', 'minRatings']);
    expect(validate({ ...withMin, minRatings: 0 })).toBe(false);
    expect(validate({ ...withMin, target: 1.2 })).toBe(false);
    expect(validate({ ...withMin, tagret: 0.9 })).toBe(false);
  });

  it('refuses target and floor the wrong way round in setup', () => {
    const ctx = (params: typeof withMin) => ({ params, logger: console, now: () => 0 });
    expect(() => scale.setup(ctx(withMin))).not.toThrow();
    expect(() => scale.setup(ctx({ ...withMin, target: 0.8 })))
      .toThrow('Invalid params for "gov.attendance": target (0.8) must be greater than floor (0.9) because higher values are better');
  });
});

describe('trendOf', () => {
  it('warns on the indicator\'s own value over its own count', () => {
    const risks = trendOf<{ ok: number; all: number }, typeof higher>({
      title, direction: 'higher', value: (s) => s.ok / s.all, count: (s) => s.all,
    });
    const ctx = { params: higher } as never;
    expect(risks({ ok: 91, all: 100 }, ctx)).toEqual(trendRisks({ title, value: 0.91, count: 100, direction: 'higher', params: higher }));
    expect(risks({ ok: 91, all: 100 }, ctx)).toHaveLength(1);
    expect(risks({ ok: 5, all: 9 }, ctx)).toEqual([]);
  });
});

import { defineIndicator, type IndicatorSpec } from '@kaoping/contract';

export interface OnTimeState {
  done: number;
  onTime: number;
}
export type OnTimeParams = { target: number; floor: number };

/**
 * A small on-time-rate indicator (matters completed by their deadline ÷ matters completed) that
 * the fixture plugin modules vary: a real definition, loaded by the kernel like any plugin.
 */
export function makeOnTime(over: Partial<IndicatorSpec<OnTimeState, OnTimeParams>> = {}) {
  return defineIndicator<OnTimeState, OnTimeParams>({
    id: 'test.on-time',
    version: '1.0.0',
    api: '^1',
    title: { zh: '测试办税时限达标率', en: 'Test on-time rate' },
    domain: 'business',
    subjects: ['person', 'unit'],
    consumes: ['tax.matter.completed'],
    params: {
      schema: {
        type: 'object',
        required: ['target', 'floor'],
        additionalProperties: false,
        properties: { target: { type: 'number', minimum: 0, maximum: 1 }, floor: { type: 'number', minimum: 0, maximum: 1 } },
      },
      defaults: { target: 0.98, floor: 0.85 },
    },
    direction: 'higher',
    scale: { kind: 'target' },
    init: () => ({ done: 0, onTime: 0 }),
    add: (s, e) => {
      s.done++;
      if ((e.attrs.completedAt as number) <= (e.attrs.deadlineAt as number)) s.onTime++;
    },
    merge: (a, b) => ({ done: a.done + b.done, onTime: a.onTime + b.onTime }),
    value: (s) => (s.done === 0 ? null : s.onTime / s.done),
    ...over,
  });
}

import { defineIndicator } from '@kaoping/contract';

/** Completed matters and their weighted sum. */
export interface WorkloadState {
  completed: number;
  weighted: number;
}

export type WorkloadParams = {
  /** Weight of one completed matter by 事项类型 (sxlx). */
  weights: Record<string, number>;
  /** Weight of a matter type not listed in `weights`. */
  defaultWeight: number;
};

const DEFAULTS: WorkloadParams = { weights: { DJ: 1, SB: 1, FP: 1, TS: 3, ZX: 2 }, defaultWeight: 1 };

const weightSchema = { type: 'number', minimum: 0 };

export default defineIndicator<WorkloadState, WorkloadParams>({
  id: 'business.workload',
  version: '1.0.0',
  api: '^1',
  title: { zh: '工作量', en: 'Workload' },
  description: { zh: '办结事项按事项类型加权求和', en: 'Σ weight(matter type) over the matters completed in the period.' },
  domain: 'business',
  subjects: ['person'],
  consumes: ['tax.matter.completed'],
  params: {
    schema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        weights: {
          type: 'object',
          additionalProperties: weightSchema,
          default: DEFAULTS.weights,
          description: 'Weight of one completed matter by matter type (sxlx).',
        },
        defaultWeight: { ...weightSchema, default: DEFAULTS.defaultWeight, description: 'Weight of a matter type not listed in weights.' },
      },
    },
    defaults: DEFAULTS,
  },
  direction: 'higher',
  scale: { kind: 'percentile' },
  attribution: 'event-time',
  init: () => ({ completed: 0, weighted: 0 }),
  add(s, e, ctx) {
    const type = e.attrs.matterType;
    const { weights, defaultWeight } = ctx.params;
    // hasOwn: a matter type named like an Object.prototype key must not find a function.
    const w = typeof type === 'string' && Object.hasOwn(weights, type) ? weights[type] : defaultWeight;
    s.completed++;
    s.weighted += w;
  },
  merge: (a, b) => ({ completed: a.completed + b.completed, weighted: a.weighted + b.weighted }),
  value: (s) => (s.completed === 0 ? null : s.weighted),
});

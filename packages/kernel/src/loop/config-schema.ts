/**
 * JSON Schema of the `loop` section of kaoping.config.json: the data half of LoopConfigInput.
 * `adapterFor` is a function and can only be given in code (createKernel's `loop` option).
 */
const ms = { type: 'integer', minimum: 0 } as const;
const periodKinds = { type: 'array', items: { enum: ['year', 'quarter', 'month'] }, uniqueItems: true } as const;

export const loopConfigSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    deadline: {
      type: 'object', additionalProperties: false,
      properties: { windowMs: ms, lookbackMs: ms },
    },
    trend: { type: 'object', additionalProperties: false, properties: { periodKinds } },
    outlier: {
      type: 'object', additionalProperties: false,
      properties: {
        sigma: { type: 'number', exclusiveMinimum: 0 },
        minPeers: { type: 'integer', minimum: 2 },
        periodKinds,
        indicators: { type: 'array', items: { type: 'string' } },
      },
    },
    tasks: { type: 'object', additionalProperties: false, properties: { dueMs: { type: 'integer', minimum: 1 } } },
    outbox: {
      type: 'object', additionalProperties: false,
      properties: { baseDelayMs: ms, maxDelayMs: ms, leaseMs: ms, batchSize: { type: 'integer', minimum: 1 }, concurrency: { type: 'integer', minimum: 1 } },
    },
    leaders: { type: 'object', additionalProperties: { type: 'string', minLength: 1 } },
    leaderPost: { type: 'string', minLength: 1 },
  },
} as const;

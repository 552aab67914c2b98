/** JSON Schemas of the canonical data. The TypeScript types in model.ts describe the same shapes. */

const id = { type: 'string', minLength: 1, maxLength: 128 } as const;
const epochMs = { type: 'integer', minimum: 0, maximum: 8.64e15 } as const;
const periodId = { type: 'string', pattern: '^\\d{4}(-(Q[1-4]|0[1-9]|1[0-2]))?$' } as const;
const localized = {
  type: 'object', required: ['zh', 'en'], additionalProperties: false,
  properties: { zh: { type: 'string' }, en: { type: 'string' } },
} as const;
const subjectRef = {
  type: 'object', required: ['kind', 'id'], additionalProperties: false,
  properties: { kind: { enum: ['person', 'unit'] }, id },
} as const;

export const orgUnitSchema = {
  $id: 'kaoping:org-unit',
  type: 'object',
  required: ['id', 'name', 'parentId', 'kind'],
  additionalProperties: false,
  properties: {
    id,
    name: { type: 'string', minLength: 1 },
    parentId: { anyOf: [id, { type: 'null' }] },
    kind: { enum: ['bureau', 'district', 'section', 'team'] },
  },
} as const;

export const personSchema = {
  $id: 'kaoping:person',
  type: 'object',
  required: ['id', 'name', 'unitId', 'postId', 'since'],
  additionalProperties: false,
  properties: {
    id,
    name: { type: 'string', minLength: 1 },
    unitId: id,
    postId: { type: 'string', minLength: 1, maxLength: 16 },
    postName: { type: 'string' },
    politicalStatus: { type: 'string' },
    since: epochMs,
    until: { anyOf: [epochMs, { type: 'null' }] },
  },
} as const;

export const activityEventSchema = {
  $id: 'kaoping:activity-event',
  type: 'object',
  required: ['id', 'source', 'type', 'actorId', 'unitId', 'occurredAt', 'attrs'],
  additionalProperties: false,
  properties: {
    id,
    source: { type: 'string', pattern: '^[a-z][a-z0-9-]*$' },
    type: { type: 'string', pattern: '^[a-z]+(\\.[a-z-]+)+$' },
    actorId: { anyOf: [id, { type: 'null' }] },
    unitId: { anyOf: [id, { type: 'null' }] },
    occurredAt: epochMs,
    attrs: {
      type: 'object',
      additionalProperties: { type: ['string', 'number', 'boolean', 'null'] },
    },
  },
} as const;

export const periodSchema = { $id: 'kaoping:period', ...periodId } as const;

export const resultSchema = {
  $id: 'kaoping:result',
  type: 'object',
  required: ['subjectKind', 'subjectId', 'indicator', 'indicatorVersion', 'paramsHash', 'period', 'value', 'score'],
  properties: {
    subjectKind: { enum: ['person', 'unit'] },
    subjectId: id,
    indicator: { type: 'string' },
    indicatorVersion: { type: 'string' },
    paramsHash: { type: 'string' },
    period: periodId,
    value: { type: ['number', 'null'] },
    score: { type: ['number', 'null'], minimum: 0, maximum: 100 },
    evidence: { type: 'object' },
  },
} as const;

const riskCategory = { enum: ['时效', '质量', '服务', '纪律', '学习', '出勤'] } as const;

export const riskSchema = {
  $id: 'kaoping:risk',
  type: 'object',
  required: ['id', 'dedupKey', 'trigger', 'categories', 'severity', 'subject', 'period', 'indicator', 'evidence', 'status', 'raisedAt'],
  properties: {
    id,
    dedupKey: { type: 'string' },
    trigger: { type: 'string' },
    categories: { type: 'array', items: riskCategory },
    severity: { enum: ['low', 'medium', 'high'] },
    subject: subjectRef,
    period: periodId,
    indicator: { type: 'string' },
    evidence: { type: 'array', items: { type: 'string' } },
    message: { type: 'string' },
    status: { enum: ['open', 'resolved'] },
    raisedAt: epochMs,
    resolvedAt: { anyOf: [epochMs, { type: 'null' }] },
  },
} as const;

export const taskSchema = {
  $id: 'kaoping:task',
  type: 'object',
  required: ['id', 'riskId', 'assigneeId', 'state', 'dueAt', 'createdAt', 'updatedAt'],
  properties: {
    id,
    riskId: id,
    assigneeId: id,
    state: { enum: ['open', 'acknowledged', 'submitted', 'verified', 'reopened'] },
    dueAt: epochMs,
    escalatedTo: { anyOf: [id, { type: 'null' }] },
    createdAt: epochMs,
    updatedAt: epochMs,
  },
} as const;

export const schemas = {
  orgUnit: orgUnitSchema,
  person: personSchema,
  activityEvent: activityEventSchema,
  period: periodSchema,
  result: resultSchema,
  risk: riskSchema,
  task: taskSchema,
  localized,
} as const;

import { activityEventSchema, orgUnitSchema, personSchema, resultSchema, riskSchema, taskSchema } from '@kaoping/contract';

/**
 * The shared schemas of the API, added to fastify once (`app.addSchema`) and referenced as
 * `{ $ref: 'Name#' }`; @fastify/swagger lists them under components/schemas. The canonical
 * shapes come from the contract, so the API cannot drift from the data model.
 */

const free = { type: 'object', additionalProperties: true } as const;
const nullableNumber = { type: ['number', 'null'] } as const;
const subjectKind = { enum: ['person', 'unit'] } as const;
const localized = {
  type: 'object', required: ['zh', 'en'], properties: { zh: { type: 'string' }, en: { type: 'string' } },
} as const;

function renamed<S extends { $id: string }>(schema: S, $id: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { ...schema, $id, properties: { ...(schema as unknown as { properties: object }).properties, ...overrides } };
}

export const errorSchema = {
  $id: 'Error',
  type: 'object',
  description: 'Every refusal: a code to branch on, a message saying what was wrong and where, a fix saying what to do.',
  required: ['code', 'message', 'fix'],
  properties: { code: { type: 'string', pattern: '^KP_ERR_' }, message: { type: 'string' }, fix: { type: 'string' } },
} as const;

export const MODEL_SCHEMAS: readonly Record<string, unknown>[] = [
  errorSchema,
  renamed(orgUnitSchema, 'OrgUnit'),
  renamed(personSchema, 'Person'),
  renamed(activityEventSchema, 'ActivityEvent'),
  renamed(resultSchema, 'Result', { evidence: free }),
  renamed(riskSchema, 'Risk'),
  renamed(taskSchema, 'Task'),
  {
    $id: 'UnitWithDepth', type: 'object', required: ['id', 'name', 'parentId', 'kind', 'depth'],
    properties: { ...orgUnitSchema.properties, depth: { type: 'integer', minimum: 0, description: '0 for the root bureau' } },
  },
  {
    $id: 'Composite', type: 'object', required: ['subjectKind', 'subjectId', 'period', 'composite', 'weights'],
    properties: {
      subjectKind, subjectId: { type: 'string' }, period: { type: 'string' }, composite: nullableNumber,
      weights: { type: 'object', additionalProperties: { type: 'number' } },
    },
  },
  {
    $id: 'Tier', type: 'object', required: ['personId', 'period', 'tier', 'reason', 'rank', 'n', 'group'],
    properties: {
      personId: { type: 'string' }, period: { type: 'string' }, tier: { enum: [1, 2, 3, null] },
      reason: { enum: ['ranked', 'below-threshold', 'sanction', 'left', 'no-data'] },
      rank: { type: ['integer', 'null'] }, n: { type: ['integer', 'null'] }, group: { type: 'string' }, evidence: free,
    },
  },
  {
    $id: 'Appeal', type: 'object', required: ['id', 'personId', 'targetKind', 'targetId', 'reason', 'state', 'createdAt'],
    properties: {
      id: { type: 'string' }, personId: { type: 'string' }, targetKind: { enum: ['result', 'risk', 'tier'] },
      targetId: { type: 'string' }, reason: { type: 'string' }, state: { enum: ['open', 'accepted', 'rejected'] },
      decision: { anyOf: [free, { type: 'null' }] }, createdAt: { type: 'integer' }, decidedAt: { type: ['integer', 'null'] },
    },
  },
  {
    $id: 'Comment', type: 'object', required: ['id', 'targetKind', 'targetId', 'authorId', 'body', 'at'],
    properties: {
      id: { type: 'string' }, targetKind: { type: 'string' }, targetId: { type: 'string' }, authorId: { type: 'string' },
      body: { type: 'string' }, at: { type: 'integer' },
    },
  },
  {
    $id: 'GateAnswer', type: 'object', required: ['allowed', 'reasons'],
    description: 'A gate\'s answer: allowed, and one reason per failed condition.',
    properties: {
      allowed: { type: 'boolean' },
      reasons: { type: 'array', items: { type: 'object', required: ['code', 'message'], additionalProperties: true, properties: { code: { type: 'string' }, message: { type: 'string' } } } },
    },
  },
  {
    $id: 'PersonProfile', type: 'object',
    required: ['person', 'unit', 'period', 'results', 'composite', 'tier', 'tierHistory', 'openRisks', 'risks', 'promotion'],
    description: '画像: a person, and for one period their results, composite and tier; their tier history, risks and promotion gate answer.',
    properties: {
      person: { $ref: 'Person#' },
      unit: { anyOf: [{ $ref: 'OrgUnit#' }, { type: 'null' }] },
      period: { type: ['string', 'null'], description: 'The period asked for, else the latest with results; null when none is closed' },
      results: { type: 'array', items: { $ref: 'Result#' } },
      composite: { anyOf: [{ $ref: 'Composite#' }, { type: 'null' }] },
      tier: { anyOf: [{ $ref: 'Tier#' }, { type: 'null' }] },
      tierHistory: {
        type: 'array', description: 'Newest year first; own annual tier first, else the HR tier history (as the promotion gate reads it)',
        items: {
          type: 'object', required: ['year', 'tier', 'source', 'recordId', 'reason'],
          properties: {
            year: { type: 'integer' }, tier: { enum: [1, 2, 3, null] }, source: { enum: ['kaoping', 'history', null] },
            recordId: { type: ['string', 'null'] }, reason: { type: ['string', 'null'] },
          },
        },
      },
      openRisks: { type: 'integer', minimum: 0 },
      risks: { type: 'array', items: { $ref: 'Risk#' } },
      promotion: {
        anyOf: [
          { $ref: 'GateAnswer#' },
          {
            type: 'object', required: ['error'], description: 'The gate could not answer (not started, or it failed)',
            properties: { error: { type: 'object', required: ['code', 'message'], properties: { code: { type: 'string' }, message: { type: 'string' } } } },
          },
        ],
      },
    },
  },
  {
    $id: 'TokenInfo', type: 'object', required: ['id', 'name', 'role', 'unit', 'person', 'createdAt', 'revokedAt'],
    description: 'An API token as shown to an administrator: never its secret or the secret\'s hash.',
    properties: {
      id: { type: 'string' }, name: { type: ['string', 'null'] }, role: { enum: ['admin', 'leader', 'staff', 'integrator'] },
      unit: { type: ['string', 'null'], description: 'A leader\'s unit' }, person: { type: ['string', 'null'], description: 'A staff member\'s person' },
      createdAt: { type: 'integer' }, revokedAt: { type: ['integer', 'null'], description: 'epoch ms; null while in force' },
    },
  },
  {
    $id: 'PluginStatus', type: 'object', required: ['id', 'kind', 'module', 'state'],
    properties: {
      id: { type: 'string' }, kind: { type: 'string' }, version: { type: 'string' }, module: { type: 'string' },
      state: { enum: ['loaded', 'started', 'failed', 'disabled', 'stopped'] }, code: { type: 'string' }, reason: { type: 'string' },
    },
  },
  {
    $id: 'HookResult', type: 'object', required: ['accepted', 'errors', 'changed', 'warnings'],
    description: 'What kernel.hook(event) answers: whether the event was accepted, and every indicator value it changed.',
    properties: {
      accepted: { type: 'boolean' },
      errors: {
        type: 'array',
        items: { type: 'object', required: ['path', 'message'], properties: { path: { type: 'string' }, message: { type: 'string' } } },
      },
      changed: {
        type: 'array',
        items: {
          type: 'object', required: ['subject', 'indicator', 'period', 'value'],
          properties: {
            subject: { type: 'object', required: ['kind', 'id'], properties: { kind: subjectKind, id: { type: 'string' } } },
            indicator: { type: 'string' }, period: { type: 'string' }, value: nullableNumber,
          },
        },
      },
      warnings: {
        type: 'array',
        items: {
          type: 'object', required: ['code', 'plugin', 'message'],
          properties: { code: { type: 'string' }, plugin: { type: 'string' }, message: { type: 'string' } },
        },
      },
      duplicate: { type: 'boolean', description: 'Present (true) when the event was already stored: a retried call, counted once.' },
    },
  },
  {
    $id: 'Indicator', type: 'object',
    required: ['id', 'title', 'domain', 'subjects', 'direction', 'scale', 'version', 'paramsHash', 'categories'],
    properties: {
      id: { type: 'string' }, title: localized, domain: { enum: ['business', 'government', 'party'] },
      subjects: { type: 'array', items: subjectKind }, direction: { enum: ['higher', 'lower'] },
      scale: { type: 'object', required: ['kind'], properties: { kind: { enum: ['target', 'deduction', 'percentile'] } } },
      version: { type: 'string' }, paramsHash: { type: 'string' }, categories: { type: 'array', items: { type: 'string' } },
    },
  },
];

export const ref = (id: string): { $ref: string } => ({ $ref: `${id}#` });
export const arrayOf = (id: string): { type: 'array'; items: { $ref: string } } => ({ type: 'array', items: ref(id) });

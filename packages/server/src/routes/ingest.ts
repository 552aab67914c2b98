import type { FastifyInstance } from 'fastify';
import { WRITERS } from '../auth/roles.js';
import type { RouteContext } from '../context.js';
import { noQuery, responses } from '../schemas/responses.js';
import { ingestPushed } from '../services/ingest-pushed.js';

const count = { type: 'integer', minimum: 0 } as const;

export interface IngestRouteOptions {
  bodyLimit: number;
  /** Requests per token per minute. */
  ratePerMinute: number;
}

/** POST /v1/ingest/:adapter: a host pushes its native records; each gets its own outcome. */
export function ingestRoutes(app: FastifyInstance, { kernel }: RouteContext, options: IngestRouteOptions): void {
  app.post<{ Params: { adapter: string }; Body: { records: unknown[] } }>('/v1/ingest/:adapter', {
    bodyLimit: options.bodyLimit,
    config: {
      access: WRITERS,
      rateLimit: { max: options.ratePerMinute, timeWindow: 60_000, hook: 'preParsing', keyGenerator: (r) => r.caller?.tokenId ?? r.ip },
    },
    schema: {
      summary: 'Push native host records through a started adapter\'s normalize into the store', tags: ['ingest'],
      params: { type: 'object', required: ['adapter'], properties: { adapter: { type: 'string', pattern: '^[a-z][a-z0-9-]*$' } } },
      querystring: noQuery,
      body: {
        type: 'object', required: ['records'], additionalProperties: false,
        properties: { records: { type: 'array', maxItems: 100_000, items: {}, description: 'native records as the host writes them (one export row each)' } },
      },
      response: responses({
        type: 'object', required: ['results', 'counts'],
        properties: {
          results: {
            type: 'array',
            items: {
              type: 'object', required: ['index', 'status'],
              properties: {
                index: { type: 'integer', minimum: 0 }, status: { enum: ['accepted', 'duplicate', 'rejected'] },
                code: { type: 'string' }, reason: { type: 'string' },
              },
            },
          },
          counts: {
            type: 'object', required: ['read', 'accepted', 'duplicates', 'rejected'],
            properties: { read: count, accepted: count, duplicates: count, rejected: count },
          },
        },
      }),
    },
  }, async (request) => ingestPushed(kernel, request.params.adapter, request.body.records));
}

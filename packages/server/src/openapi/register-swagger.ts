import swagger from '@fastify/swagger';
import { CONTRACT_VERSION } from '@kaoping/contract';
import type { FastifyInstance } from 'fastify';

/** OpenAPI 3.1 from the route schemas; shared schemas become components named by their $id. */
export async function registerSwagger(app: FastifyInstance): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Kaoping API',
        version: '1.0.0',
        description: `考评 (Kaoping) HTTP API v1, contract ${CONTRACT_VERSION}. Every route under /v1 except /v1/health needs \`Authorization: Bearer <token>\` (create one with \`kaoping token create\`). Errors are { code, message, fix }.`,
      },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'kp_… token from `kaoping token create`' } } },
      security: [{ bearer: [] }],
      tags: [
        { name: 'system', description: 'health, identity, plugins' },
        { name: 'directory', description: 'units and people' },
        { name: 'evaluation', description: 'results, composites, tiers, trend, explain, events, gates' },
        { name: 'loop', description: 'risks, rectification tasks, appeals, comments' },
        { name: 'ingest', description: 'hook and pushed records (integrators)' },
      ],
    },
    refResolver: { buildLocalReference: (json, _baseUri, _fragment, i) => (typeof json.$id === 'string' ? json.$id : `def-${i}`) },
  });
}

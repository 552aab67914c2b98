import type { FastifyInstance } from 'fastify';
import { DOCS_CSS, DOCS_HTML, DOCS_JS } from './docs-page.js';

const hidden = { hide: true, querystring: { type: 'object' } } as const;

/** /openapi.json (what @fastify/swagger builds from the route schemas) and the /docs page. */
export function openapiRoutes(app: FastifyInstance): void {
  app.get('/openapi.json', { schema: hidden }, async () => app.swagger());
  app.get('/docs', { schema: hidden }, async (_request, reply) => reply.type('text/html; charset=utf-8').header('Cache-Control', 'no-cache').send(DOCS_HTML));
  app.get('/docs/docs.js', { schema: hidden }, async (_request, reply) => reply.type('text/javascript; charset=utf-8').send(DOCS_JS));
  app.get('/docs/docs.css', { schema: hidden }, async (_request, reply) => reply.type('text/css; charset=utf-8').send(DOCS_CSS));
}

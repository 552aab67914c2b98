import type { ActivityEvent } from '@kaoping/contract';
import type { FastifyInstance } from 'fastify';
import { WRITERS } from '../auth/roles.js';
import type { RouteContext } from '../context.js';
import { ref } from '../schemas/models.js';
import { noQuery, responses } from '../schemas/responses.js';

/** POST /v1/hook: the scoring hook over HTTP, answering exactly what `kernel.hook(event)` answers. */
export function hookRoutes(app: FastifyInstance, { kernel }: RouteContext): void {
  app.post<{ Body: ActivityEvent }>('/v1/hook', {
    config: { access: WRITERS },
    schema: {
      summary: 'Score one business event now (the embedded hook, for a host calling over HTTP)', tags: ['ingest'],
      querystring: noQuery, body: ref('ActivityEvent'), response: responses(ref('HookResult')),
    },
  }, async (request) => kernel.hook(request.body));
}

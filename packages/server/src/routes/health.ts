import { CONTRACT_VERSION } from '@kaoping/contract';
import type { FastifyInstance } from 'fastify';
import { callerFrom } from '../auth/authenticate.js';
import { ADMIN, ANY_ROLE } from '../auth/roles.js';
import type { RouteContext } from '../context.js';
import { arrayOf } from '../schemas/models.js';
import { noQuery, responses } from '../schemas/responses.js';

const count = { type: 'integer', minimum: 0 } as const;

export function healthRoutes(app: FastifyInstance, { kernel }: RouteContext): void {
  app.get('/v1/health', {
    config: { access: 'public' },
    schema: {
      summary: 'Liveness and plugin counts (no token needed)', tags: ['system'], querystring: noQuery, security: [],
      response: responses({
        type: 'object', required: ['status', 'contract', 'plugins'],
        properties: {
          status: { const: 'ok' }, contract: { type: 'string' },
          plugins: { type: 'object', required: ['started', 'failed', 'disabled'], properties: { started: count, failed: count, disabled: count } },
        },
      }),
    },
  }, async () => {
    const plugins = { started: 0, failed: 0, disabled: 0 };
    for (const p of kernel.status()) if (p.state in plugins) plugins[p.state as keyof typeof plugins]++;
    return { status: 'ok' as const, contract: CONTRACT_VERSION, plugins };
  });

  app.get('/v1/me', {
    config: { access: ANY_ROLE },
    schema: {
      summary: 'Who the token belongs to and its scope', tags: ['system'], querystring: noQuery,
      response: responses({
        type: 'object', required: ['role'],
        properties: {
          role: { enum: ['admin', 'leader', 'staff', 'integrator'] }, unitId: { type: 'string' }, personId: { type: 'string' },
          name: { type: 'string' },
        },
      }),
    },
  }, async (request) => {
    const { role, unitId, personId, name } = callerFrom(request);
    return { role, unitId, personId, name };
  });

  app.get('/v1/plugins', {
    config: { access: ADMIN },
    schema: {
      summary: 'Every configured plugin and adapter with its state (admin)', tags: ['system'], querystring: noQuery,
      response: responses(arrayOf('PluginStatus')),
    },
  }, async () => kernel.status());
}

import type { FastifyInstance } from 'fastify';
import { revokeApiToken, tokenInfo } from '../auth/api-token.js';
import { ADMIN } from '../auth/roles.js';
import type { RouteContext } from '../context.js';
import { arrayOf, ref } from '../schemas/models.js';
import { idParam, noQuery, responses } from '../schemas/responses.js';

/** Token administration (admin): the same listing and revocation as `kaoping token list|revoke`. */
export function tokenRoutes(app: FastifyInstance, { kernel, store }: RouteContext): void {
  app.get('/v1/tokens', {
    config: { access: ADMIN },
    schema: {
      summary: 'Every API token: id, name, role, scope, created and revoked — never the secret or its hash (admin)', tags: ['system'],
      querystring: noQuery, response: responses(arrayOf('TokenInfo')),
    },
  }, async () => (await store.listTokens()).map(tokenInfo));

  app.delete<{ Params: { id: string } }>('/v1/tokens/:id', {
    config: { access: ADMIN },
    schema: {
      summary: 'Revoke a token (admin): refused from the next request on; `already` tells a repeat, which changes nothing', tags: ['system'],
      params: { type: 'object', required: ['id'], properties: { id: idParam } }, querystring: noQuery,
      response: responses({
        type: 'object', required: ['token', 'already'], properties: { token: ref('TokenInfo'), already: { type: 'boolean' } },
      }),
    },
  }, async (request) => revokeApiToken(store, request.params.id, kernel.clock()));
}

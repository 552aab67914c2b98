import { kpError } from '@kaoping/contract';
import type { FastifyInstance } from 'fastify';
import { READERS } from '../auth/roles.js';
import { scopeOf, type RouteContext } from '../context.js';
import { arrayOf } from '../schemas/models.js';
import { idParam, noQuery, responses } from '../schemas/responses.js';

export function directoryRoutes(app: FastifyInstance, ctx: RouteContext): void {
  const dir = ctx.kernel.directory;

  app.get('/v1/units', {
    config: { access: READERS },
    schema: {
      summary: 'Org units in the caller\'s scope, with their depth below the root', tags: ['directory'], querystring: noQuery,
      response: responses(arrayOf('UnitWithDepth')),
    },
  }, async (request) => {
    const scope = scopeOf(ctx, request);
    return dir.units().filter((u) => scope.unitVisible(u.id)).map((u) => ({ ...u, depth: dir.ancestors(u.id).length - 1 }));
  });

  app.get<{ Querystring: { unit?: string } }>('/v1/people', {
    config: { access: READERS },
    schema: {
      summary: 'People in scope; with `unit`, those whose HR unit is in that unit\'s subtree', tags: ['directory'],
      querystring: { type: 'object', additionalProperties: false, properties: { unit: idParam } },
      response: responses(arrayOf('Person')),
    },
  }, async (request) => {
    const scope = scopeOf(ctx, request);
    const { unit } = request.query;
    if (unit !== undefined && !dir.hasUnit(unit)) throw kpError('KP_ERR_NOT_FOUND', 'Unit', unit);
    return dir.people().filter((p) => scope.personVisible(p.id) && (unit === undefined || dir.ancestors(p.unitId).includes(unit)));
  });
}

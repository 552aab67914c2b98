import { kpError } from '@kaoping/contract';
import type { FastifyInstance } from 'fastify';
import { READERS } from '../auth/roles.js';
import { scopeOf, type RouteContext } from '../context.js';
import { arrayOf, ref } from '../schemas/models.js';
import { idParam, noQuery, periodParam, responses } from '../schemas/responses.js';
import { personProfile } from '../services/person-profile.js';

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

  app.get<{ Params: { id: string }; Querystring: { period?: string; years?: number } }>('/v1/people/:id', {
    config: { access: READERS },
    schema: {
      summary: 'A person\'s profile (画像) in one call: person, unit, a period\'s results, composite and tier, tier history, risks and the promotion gate',
      tags: ['directory'],
      params: { type: 'object', required: ['id'], properties: { id: idParam } },
      querystring: {
        type: 'object', additionalProperties: false,
        properties: {
          period: { ...periodParam, description: `${periodParam.description}; default: the latest period with results` },
          years: { type: 'integer', minimum: 1, maximum: 20, description: 'years of tier history ending with the period\'s year (default 4)' },
        },
      },
      response: responses(ref('PersonProfile')),
    },
  }, async (request) => {
    scopeOf(ctx, request).assertPerson(request.params.id);
    // Risks raised by hook calls already answered belong in the profile.
    await ctx.kernel.settled();
    return personProfile(ctx.kernel, ctx.store, { personId: request.params.id, ...request.query });
  });
}

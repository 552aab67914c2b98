import { kpError, type SubjectKind } from '@kaoping/contract';
import type { FastifyInstance } from 'fastify';
import { READERS } from '../auth/roles.js';
import { scopeOf, type RouteContext } from '../context.js';
import { arrayOf } from '../schemas/models.js';
import { idParam, noQuery, periodParam, responses } from '../schemas/responses.js';
import { periodsWithResults } from '../services/periods.js';

const subjectKind = { enum: ['person', 'unit'] } as const;

interface SubjectQuery { period: string; subjectKind?: SubjectKind; subjectId?: string }

export function evaluationRoutes(app: FastifyInstance, ctx: RouteContext): void {
  const { kernel, store } = ctx;

  app.get('/v1/periods', {
    config: { access: READERS },
    schema: {
      summary: 'Periods with stored results, newest first', tags: ['evaluation'], querystring: noQuery,
      response: responses({ type: 'object', required: ['periods'], properties: { periods: { type: 'array', items: { type: 'string' } } } }),
    },
  }, async () => ({ periods: await periodsWithResults(kernel, store) }));

  app.get('/v1/indicators', {
    config: { access: READERS },
    schema: { summary: 'The started indicators', tags: ['evaluation'], querystring: noQuery, response: responses(arrayOf('Indicator')) },
  }, async () => kernel.indicators().map(({ definition: d, paramsHash }) => ({
    id: d.id, title: d.title, domain: d.domain, subjects: d.subjects, direction: d.direction, scale: d.scale,
    version: d.version, paramsHash, categories: d.categories,
  })));

  app.get<{ Querystring: SubjectQuery & { indicator?: string } }>('/v1/results', {
    config: { access: READERS },
    schema: {
      summary: 'Stored results of a period in the caller\'s scope', tags: ['evaluation'],
      querystring: {
        type: 'object', required: ['period'], additionalProperties: false,
        properties: { period: periodParam, subjectKind, subjectId: idParam, indicator: idParam },
      },
      response: responses(arrayOf('Result')),
    },
  }, async (request) => {
    const scope = scopeOf(ctx, request);
    const rows = await store.listResults(request.query);
    return scope.all ? rows : rows.filter((r) => scope.subjectVisible(r.subjectKind, r.subjectId));
  });

  app.get<{ Querystring: SubjectQuery }>('/v1/composites', {
    config: { access: READERS },
    schema: {
      summary: 'Composite scores of a period in the caller\'s scope', tags: ['evaluation'],
      querystring: {
        type: 'object', required: ['period'], additionalProperties: false, properties: { period: periodParam, subjectKind, subjectId: idParam },
      },
      response: responses(arrayOf('Composite')),
    },
  }, async (request) => {
    const scope = scopeOf(ctx, request);
    const rows = await store.listComposites(request.query);
    return scope.all ? rows : rows.filter((r) => scope.subjectVisible(r.subjectKind, r.subjectId));
  });

  app.get<{ Querystring: { period: string; personId?: string; unit?: string } }>('/v1/tiers', {
    config: { access: READERS },
    schema: {
      summary: 'Tiers (段) of a period in the caller\'s scope; `unit` keeps the people of its subtree', tags: ['evaluation'],
      querystring: {
        type: 'object', required: ['period'], additionalProperties: false, properties: { period: periodParam, personId: idParam, unit: idParam },
      },
      response: responses(arrayOf('Tier')),
    },
  }, async (request) => {
    const scope = scopeOf(ctx, request);
    const { period, personId, unit } = request.query;
    if (unit !== undefined && !kernel.directory.hasUnit(unit)) throw kpError('KP_ERR_NOT_FOUND', 'Unit', unit);
    const rows = await store.listTiers({ period, personId });
    return rows.filter((t) => scope.personVisible(t.personId)
      && (unit === undefined || kernel.directory.ancestors(kernel.directory.unitOf(t.personId) ?? '').includes(unit)));
  });

  app.get<{ Querystring: { subjectKind: SubjectKind; subjectId: string; year: number; indicator?: string } }>('/v1/trend', {
    config: { access: READERS },
    schema: {
      summary: 'Monthly stored values and scores of one subject over a year (纵向)', tags: ['evaluation'],
      querystring: {
        type: 'object', required: ['subjectKind', 'subjectId', 'year'], additionalProperties: false,
        properties: { subjectKind, subjectId: idParam, year: { type: 'integer', minimum: 1900, maximum: 9999 }, indicator: idParam },
      },
      response: responses({
        type: 'array',
        items: {
          type: 'object', required: ['period', 'indicator', 'value', 'score'],
          properties: { period: { type: 'string' }, indicator: { type: 'string' }, value: { type: ['number', 'null'] }, score: { type: ['number', 'null'] } },
        },
      }),
    },
  }, async (request) => {
    const { subjectKind: kind, subjectId, year, indicator } = request.query;
    scopeOf(ctx, request).assertSubject(kind, subjectId);
    const out: { period: string; indicator: string; value: number | null; score: number | null }[] = [];
    for (let m = 1; m <= 12; m++) {
      const period = `${year}-${String(m).padStart(2, '0')}`;
      for (const r of await store.listResults({ period, subjectKind: kind, subjectId, indicator })) {
        out.push({ period, indicator: r.indicator, value: r.value, score: r.score });
      }
    }
    return out;
  });
}

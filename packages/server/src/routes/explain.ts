import { kpError, LOCAL_OFFSET_MS, parsePeriod, type ActivityEvent } from '@kaoping/contract';
import { askGate, explain } from '@kaoping/kernel';
import type { FastifyInstance } from 'fastify';
import { READERS } from '../auth/roles.js';
import { scopeOf, type RouteContext } from '../context.js';
import { arrayOf, ref } from '../schemas/models.js';
import { idParam, periodParam, responses } from '../schemas/responses.js';

const MAX_EVENTS = 1000;

/** `2026-05-01` (local midnight, Asia/Shanghai) or epoch ms. */
function dateOf(value: string | undefined, now: number): number {
  if (value === undefined) return now;
  if (/^\d+$/.test(value)) return Number(value);
  const utcMidnight = Date.parse(`${value}T00:00:00Z`);
  if (!Number.isNaN(utcMidnight)) return utcMidnight - LOCAL_OFFSET_MS;
  throw kpError('KP_ERR_REQUEST_INVALID', `date "${value}" is neither YYYY-MM-DD nor epoch ms`);
}

/** `tax-collection:SX1#c` → its source and id (ids may hold colons; the source never does). */
function eventKey(text: string): { source: string; id: string } {
  const colon = text.indexOf(':');
  if (colon <= 0 || colon === text.length - 1) throw kpError('KP_ERR_REQUEST_INVALID', `event "${text}" is not written as source:id (e.g. tax-collection:SX1#c)`);
  return { source: text.slice(0, colon), id: text.slice(colon + 1) };
}

export function explainRoutes(app: FastifyInstance, ctx: RouteContext): void {
  const { kernel, store } = ctx;

  app.get<{ Querystring: { period: string; person?: string; unit?: string; indicator?: string; tier?: 1 } }>('/v1/explain', {
    config: { access: READERS },
    schema: {
      summary: 'How a score, composite or tier came about: value, state, params, scale, rank, rules and the events behind it',
      tags: ['evaluation'],
      querystring: {
        type: 'object', required: ['period'], additionalProperties: false,
        properties: { period: periodParam, person: idParam, unit: idParam, indicator: idParam, tier: { const: 1 } },
      },
      response: responses({ type: 'object', additionalProperties: true, required: ['kind', 'period', 'subject'] }),
    },
  }, async (request) => {
    const { period, person, unit, indicator, tier } = request.query;
    const scope = scopeOf(ctx, request);
    if (person !== undefined) scope.assertSubject('person', person);
    if (unit !== undefined) scope.assertSubject('unit', unit);
    return explain(kernel, { period, person, unit, indicator, tier: tier === 1 });
  });

  app.get<{ Querystring: { ids?: string; person?: string; period?: string; types?: string; limit?: number } }>('/v1/events', {
    config: { access: READERS },
    schema: {
      summary: 'The records behind a score: by `ids` (source:id, comma separated), or a person\'s in a period', tags: ['evaluation'],
      querystring: {
        type: 'object', additionalProperties: false,
        properties: {
          ids: { type: 'string', minLength: 1, maxLength: 20000 }, person: idParam, period: periodParam,
          types: { type: 'string', description: 'comma separated event types' }, limit: { type: 'integer', minimum: 1, maximum: MAX_EVENTS },
        },
      },
      response: responses(arrayOf('ActivityEvent')),
    },
  }, async (request) => {
    const { ids, person, period, types, limit = MAX_EVENTS } = request.query;
    const scope = scopeOf(ctx, request);
    let events: ActivityEvent[];
    if (ids !== undefined) {
      events = (await store.getEvents(ids.split(',').filter(Boolean).map(eventKey))).filter((e) => scope.eventVisible(e.actorId, e.unitId));
    } else {
      if (person === undefined || period === undefined) throw kpError('KP_ERR_REQUEST_INVALID', 'give either `ids`, or `person` and `period` (GET /v1/events)');
      scope.assertPerson(person);
      const p = parsePeriod(period);
      events = [];
      const query = { actorId: person, from: p.start, to: p.end, types: types?.split(',').filter(Boolean), limit };
      for await (const batch of store.scanEvents(query)) events.push(...batch);
    }
    return events.slice(0, limit);
  });

  app.get<{ Querystring: { person: string; date?: string } }>('/v1/gates/promotion', {
    config: { access: READERS },
    schema: {
      summary: 'May this person be promoted? Three years of tiers and sanctions in force', tags: ['evaluation'],
      querystring: {
        type: 'object', required: ['person'], additionalProperties: false,
        properties: { person: idParam, date: { type: 'string', pattern: '^(\\d{4}-\\d{2}-\\d{2}|\\d+)$', description: 'YYYY-MM-DD or epoch ms; default now' } },
      },
      response: responses(ref('GateAnswer')),
    },
  }, async (request) => {
    const { person, date } = request.query;
    scopeOf(ctx, request).assertPerson(person);
    return askGate(kernel, 'promotion', { personId: person, date: dateOf(date, kernel.clock()) });
  });
}

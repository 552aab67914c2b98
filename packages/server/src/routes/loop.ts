import { kpError, type Appeal, type Risk, type Task, type TaskState } from '@kaoping/contract';
import type { FastifyInstance } from 'fastify';
import { callerFrom } from '../auth/authenticate.js';
import { actorOf, describeScope } from '../auth/caller.js';
import { ADMIN, READERS } from '../auth/roles.js';
import type { Scope } from '../auth/scope.js';
import { scopeOf, type RouteContext } from '../context.js';
import { arrayOf, ref } from '../schemas/models.js';
import { idParam, noQuery, periodParam, responses } from '../schemas/responses.js';
import { assertTargetVisible } from '../services/targets.js';

const taskState = { enum: ['open', 'acknowledged', 'submitted', 'verified', 'reopened'] } as const;
const appealState = { enum: ['open', 'accepted', 'rejected'] } as const;
const idParams = { type: 'object', required: ['id'], properties: { id: idParam } } as const;
const text = { type: 'string', minLength: 1, maxLength: 4000 } as const;

/** A task is seen with its assignee, the leader it escalated to, or its risk's subject. */
function taskVisible(scope: Scope, task: Task, risk: Risk | undefined): boolean {
  if (scope.all) return true;
  if (scope.personVisible(task.assigneeId)) return true;
  if (task.escalatedTo && scope.caller.personId === task.escalatedTo) return true;
  return risk !== undefined && scope.subjectVisible(risk.subject.kind, risk.subject.id);
}

/** Staff move their own tasks up to `submitted`; verifying or reopening is the leader's or evaluator's. */
function assertMayMove(scope: Scope, task: Task, to: TaskState): void {
  const { caller } = scope;
  if (caller.role === 'staff' && (to === 'verified' || to === 'reopened')) {
    throw kpError('KP_ERR_FORBIDDEN', `A staff token may acknowledge or submit its own tasks, not move one to ${to}; a leader or admin token verifies or reopens task "${task.id}".`);
  }
  if (caller.role === 'staff' && task.assigneeId !== caller.personId) {
    throw kpError('KP_ERR_FORBIDDEN', `Task "${task.id}" is assigned to ${task.assigneeId}; this token's scope is ${describeScope(caller)}.`);
  }
}

export function loopRoutes(app: FastifyInstance, ctx: RouteContext): void {
  const { kernel, store } = ctx;

  async function riskById(id: string): Promise<Risk | undefined> {
    return (await store.listRisks({ id }))[0];
  }

  app.get<{ Querystring: { status?: Risk['status']; subjectId?: string; period?: string } }>('/v1/risks', {
    config: { access: READERS },
    schema: {
      summary: 'Risk warnings (事前) in the caller\'s scope', tags: ['loop'],
      querystring: {
        type: 'object', additionalProperties: false,
        properties: { status: { enum: ['open', 'resolved'] }, subjectId: idParam, period: periodParam },
      },
      response: responses(arrayOf('Risk')),
    },
  }, async (request) => {
    const scope = scopeOf(ctx, request);
    // Risks raised by hook calls already answered are part of what a caller asks for.
    await kernel.settled();
    const rows = await store.listRisks(request.query);
    return scope.all ? rows : rows.filter((r) => scope.subjectVisible(r.subject.kind, r.subject.id));
  });

  app.get<{ Querystring: { state?: TaskState; assignee?: string } }>('/v1/tasks', {
    config: { access: READERS },
    schema: {
      summary: 'Rectification tasks in the caller\'s scope, each with its risk', tags: ['loop'],
      querystring: { type: 'object', additionalProperties: false, properties: { state: taskState, assignee: idParam } },
      response: responses({
        type: 'array',
        items: { allOf: [ref('Task'), { type: 'object', properties: { risk: { anyOf: [ref('Risk'), { type: 'null' }] } } }] },
      }),
    },
  }, async (request) => {
    const scope = scopeOf(ctx, request);
    const tasks = await store.listTasks({ state: request.query.state, assigneeId: request.query.assignee });
    const out: (Task & { risk: Risk | null })[] = [];
    for (const task of tasks) {
      const risk = await riskById(task.riskId);
      if (taskVisible(scope, task, risk)) out.push({ ...task, risk: risk ?? null });
    }
    return out;
  });

  app.post<{ Params: { id: string }; Body: { to: TaskState; note?: string } }>('/v1/tasks/:id/transitions', {
    config: { access: READERS },
    schema: {
      summary: 'Move a task: acknowledge, submit the rectification, verify or reopen', tags: ['loop'],
      params: idParams, querystring: noQuery,
      body: {
        type: 'object', required: ['to'], additionalProperties: false,
        properties: { to: { enum: ['acknowledged', 'submitted', 'verified', 'reopened'] }, note: text },
      },
      response: responses(ref('Task'), [409]),
    },
  }, async (request) => {
    const scope = scopeOf(ctx, request);
    const [task] = await store.listTasks({ id: request.params.id });
    if (!task) throw kpError('KP_ERR_NOT_FOUND', 'Task', request.params.id);
    if (!taskVisible(scope, task, await riskById(task.riskId))) {
      throw kpError('KP_ERR_FORBIDDEN', `Task "${task.id}" (assigned to ${task.assigneeId}) is outside this token's scope, ${describeScope(scope.caller)}.`);
    }
    assertMayMove(scope, task, request.body.to);
    return kernel.loop.transitionTask(task.id, request.body.to, actorOf(scope.caller), request.body.note ?? null);
  });

  app.get<{ Querystring: { state?: Appeal['state'] } }>('/v1/appeals', {
    config: { access: READERS },
    schema: {
      summary: 'Appeals (申诉) in the caller\'s scope', tags: ['loop'],
      querystring: { type: 'object', additionalProperties: false, properties: { state: appealState } },
      response: responses(arrayOf('Appeal')),
    },
  }, async (request) => {
    const scope = scopeOf(ctx, request);
    const rows = await store.listAppeals({ state: request.query.state });
    return scope.all ? rows : rows.filter((a) => scope.personVisible(a.personId));
  });

  app.post<{ Body: { targetKind: Appeal['targetKind']; targetId: string; reason: string } }>('/v1/appeals', {
    config: { access: ['staff'] },
    schema: {
      summary: 'Appeal one of your own results, risks or tiers (staff token)', tags: ['loop'], querystring: noQuery,
      body: {
        type: 'object', required: ['targetKind', 'targetId', 'reason'], additionalProperties: false,
        properties: { targetKind: { enum: ['result', 'risk', 'tier'] }, targetId: { type: 'string', minLength: 1, maxLength: 300 }, reason: text },
      },
      response: responses(ref('Appeal')),
    },
  }, async (request) => {
    const scope = scopeOf(ctx, request);
    const { targetKind, targetId, reason } = request.body;
    await assertTargetVisible(scope, store, targetKind, targetId);
    return kernel.loop.appeal({ personId: scope.caller.personId!, targetKind, targetId, reason });
  });

  app.post<{ Params: { id: string }; Body: { accept: boolean; reason: string; adjustment?: { value?: number | null; score?: number | null; tier?: 1 | 2 | 3 } } }>(
    '/v1/appeals/:id/decision', {
      config: { access: ADMIN },
      schema: {
        summary: 'Decide an appeal (admin); accepting a result or tier appeal records the adjustment beside the original', tags: ['loop'],
        params: idParams, querystring: noQuery,
        body: {
          type: 'object', required: ['accept', 'reason'], additionalProperties: false,
          properties: {
            accept: { type: 'boolean' }, reason: text,
            adjustment: {
              type: 'object', additionalProperties: false,
              properties: { value: { type: ['number', 'null'] }, score: { type: ['number', 'null'], minimum: 0, maximum: 100 }, tier: { enum: [1, 2, 3] } },
            },
          },
        },
        response: responses(ref('Appeal')),
      },
    }, async (request) => {
      const caller = callerFrom(request);
      const { accept, reason, adjustment } = request.body;
      return kernel.loop.decideAppeal({ appealId: request.params.id, evaluatorId: actorOf(caller), accept, reason, adjustment });
    });

  app.post<{ Body: { targetKind: string; targetId: string; text: string } }>('/v1/comments', {
    config: { access: READERS },
    schema: {
      summary: 'Comment (绩效沟通) on a result, tier, risk or appeal in the caller\'s scope', tags: ['loop'], querystring: noQuery,
      body: {
        type: 'object', required: ['targetKind', 'targetId', 'text'], additionalProperties: false,
        properties: { targetKind: { enum: ['result', 'risk', 'tier', 'appeal'] }, targetId: { type: 'string', minLength: 1, maxLength: 300 }, text },
      },
      response: responses(ref('Comment')),
    },
  }, async (request) => {
    const scope = scopeOf(ctx, request);
    const { targetKind, targetId, text: body } = request.body;
    await assertTargetVisible(scope, store, targetKind, targetId);
    return kernel.loop.comment({ targetKind, targetId, authorId: actorOf(scope.caller), body });
  });
}

import { createAjv, type ActivityEvent } from '@kaoping/contract';
import type { FastifyInstance, FastifySchemaCompiler } from 'fastify';
import { WRITERS } from '../auth/roles.js';
import type { RouteContext } from '../context.js';
import { requestInvalid } from '../errors/error-handler.js';
import { ref } from '../schemas/models.js';
import { noQuery, responses } from '../schemas/responses.js';
import { hookAnswerJson } from './hook-answer-json.js';

/**
 * The body is the kernel's to validate: `kernel.hook` checks every event against the same
 * ActivityEvent schema, so checking it here first would be the same work twice on the hottest
 * route. The schema stays declared (OpenAPI shows it); only its compiled check is left out. The
 * other parts (the empty query string) are checked as on every route.
 */
function bodyCheckedByKernel(): FastifySchemaCompiler<unknown> {
  const ajv = createAjv();
  const pass = () => true;
  return ({ schema, httpPart }) => (httpPart === 'body' ? pass : ajv.compile(schema as object));
}

/** POST /v1/hook: the scoring hook over HTTP, answering exactly what `kernel.hook(event)` answers. */
export function hookRoutes(app: FastifyInstance, { kernel }: RouteContext): void {
  const answerJson = hookAnswerJson();
  app.post<{ Body: ActivityEvent }>('/v1/hook', {
    config: { access: WRITERS },
    validatorCompiler: bodyCheckedByKernel(),
    schema: {
      summary: 'Score one business event now (the embedded hook, for a host calling over HTTP)', tags: ['ingest'],
      querystring: noQuery, body: ref('ActivityEvent'), response: responses(ref('HookResult')),
    },
  }, (request, reply) => {
    const answer = kernel.hook(request.body);
    // An event the kernel refuses changed nothing; over HTTP that is a 400 naming the fields, as on every route.
    if (!answer.accepted) throw requestInvalid(answer.errors, 'body', request);
    // Synchronous, as kernel.hook is: no promise and no extra turn per call on the hottest route.
    // The answer's JSON is the schema's, written by hookAnswerJson; the content type is then ours to set.
    reply.header('content-type', 'application/json; charset=utf-8').serializer(answerJson).send(answer);
  });
}

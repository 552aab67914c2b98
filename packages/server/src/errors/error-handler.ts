import {
  ERRORS, formatIssues, isKaopingError, KaopingError, kpError, toIssues, type ErrorCode, type ValidationIssue,
} from '@kaoping/contract';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { statusOf } from './http-status.js';

export interface ErrorBody {
  code: string;
  message: string;
  fix: string;
}

function bodyOf(e: KaopingError | { code: string; message: string; fix?: string }): ErrorBody {
  const fix = e.fix ?? ERRORS[e.code as ErrorCode]?.fix ?? '';
  return { code: e.code, message: e.message, fix };
}

function mib(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(bytes % (1024 * 1024) === 0 ? 0 : 1)} MiB` : `${bytes} bytes`;
}

function routeOf(request: FastifyRequest): string {
  return `${request.method} ${request.routeOptions.url ?? request.url}`;
}

/** A 400 naming each wrong field of one part of the request: `body/occurredAt must be integer (POST /v1/hook)`. */
export function requestInvalid(issues: readonly ValidationIssue[], part: string, request: FastifyRequest): KaopingError {
  return kpError('KP_ERR_REQUEST_INVALID', `${formatIssues(issues.map((i) => ({ ...i, path: `${part}${i.path}` })))} (${routeOf(request)})`);
}

/** Fastify's own errors (schema validation, body parsing, size) as coded errors a user can act on. */
function fromFastify(error: FastifyError, request: FastifyRequest): KaopingError | undefined {
  const route = routeOf(request);
  if (error.validation) return requestInvalid(toIssues(error.validation as never), error.validationContext ?? '', request);
  if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
    const limit = request.routeOptions.bodyLimit;
    const length = request.headers['content-length'];
    return kpError('KP_ERR_PAYLOAD_TOO_LARGE', length ? mib(Number(length)) : 'this request', limit ? mib(limit) : 'this route', route);
  }
  if (error.code?.startsWith('FST_ERR_CTP_') || error.statusCode === 400) {
    return kpError('KP_ERR_REQUEST_INVALID', `${error.message} (${route}); send a JSON body with Content-Type: application/json`);
  }
  return undefined;
}

/** One error shape for every route: `{ code, message, fix }` with the matching status. */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    const coded = isKaopingError(error) ? error : fromFastify(error, request);
    if (coded) {
      const status = error.statusCode === 429 ? 429 : statusOf(coded.code);
      if (status >= 500) request.log.error({ err: error }, coded.message);
      return reply.status(status).send(bodyOf(coded));
    }
    if (error.statusCode === 429) {
      return reply.status(429).send(bodyOf(kpError('KP_ERR_RATE_LIMITED', error.message)));
    }
    request.log.error({ err: error }, 'unexpected error');
    return reply.status(500).send(bodyOf(kpError('KP_ERR_INTERNAL', `${request.method} ${request.url.split('?')[0]} failed: ${error.message}`)));
  });
  app.setNotFoundHandler((request, reply) => {
    reply.status(404).send(bodyOf(kpError('KP_ERR_NOT_FOUND', 'Route', `${request.method} ${request.url.split('?')[0]}`)));
  });
}

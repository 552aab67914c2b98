import { kpError, type ApiToken, type Store, type TokenRole } from '@kaoping/contract';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { callerOf, type Caller } from './caller.js';
import { TokenCache } from './token-cache.js';

/** Per-route access, in the route's `config`: `'public'`, or the roles that may call it. */
export type Access = 'public' | readonly TokenRole[];

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
  interface FastifyRequest {
    caller?: Caller;
  }
}

const HOW = 'send `Authorization: Bearer <token>`; an administrator creates one with `kaoping token create --db FILE --role admin|leader|staff|integrator`';

function bearerOf(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return m ? m[1] : '';
}

/** A token prefix for messages: enough to tell tokens apart, too little to use. */
function shown(text: string): string {
  return text.length > 8 ? `${text.slice(0, 6)}…` : text;
}

function revoked(token: ApiToken): Error {
  const whose = token.name ? ` ("${token.name}")` : '';
  return kpError(
    'KP_ERR_UNAUTHORIZED',
    `API token ${token.id}${whose} was revoked at ${new Date(token.revokedAt!).toISOString()} and no longer works; ask an administrator for a new one (\`kaoping token create --db FILE --role ${token.role} …\`) and send that instead.`,
  );
}

/** The caller of a known token, or the 401/403 that refuses it for this route. */
function admitted(token: ApiToken | undefined, text: string, access: readonly TokenRole[], request: FastifyRequest): Error | undefined {
  if (!token) return kpError('KP_ERR_UNAUTHORIZED', `Unknown API token ${shown(text)}: ${HOW}.`);
  if (token.revokedAt != null) return revoked(token);
  const caller = callerOf(token);
  if (!access.includes(caller.role)) {
    return kpError(
      'KP_ERR_FORBIDDEN',
      `A token of role ${caller.role} may not call ${request.method} ${request.routeOptions.url}; this route needs role ${access.join(' or ')}.`,
    );
  }
  request.caller = caller;
  return undefined;
}

/**
 * onRequest: resolves the bearer token to a caller (401 when missing, unknown or revoked), then checks the
 * route's roles (403). Runs before the body is parsed, so a stranger's large body is never read.
 * A callback hook, not an async one: a cached token (every call but a token's first) is then
 * answered without a promise on the hook's hottest path.
 */
export function authenticate(store: Store) {
  const tokens = new TokenCache(store);
  return function onRequest(request: FastifyRequest, _reply: FastifyReply, done: (error?: Error) => void): void {
    const access = request.routeOptions.config.access ?? 'public';
    if (access === 'public') return done();
    const text = bearerOf(request.headers.authorization);
    if (text === undefined) return done(kpError('KP_ERR_UNAUTHORIZED', `No API token: ${HOW}.`));
    if (text === '') return done(kpError('KP_ERR_UNAUTHORIZED', `The Authorization header is not a bearer token: ${HOW}.`));
    const hit = tokens.cached(text);
    if (hit) return done(admitted(hit, text, access, request));
    tokens.find(text).then((token) => done(admitted(token, text, access, request)), done);
  };
}

/** The authenticated caller; routes with a role list always have one. */
export function callerFrom(request: FastifyRequest): Caller {
  if (!request.caller) throw kpError('KP_ERR_UNAUTHORIZED', `No API token: ${HOW}.`);
  return request.caller;
}

import type { Store } from '@kaoping/contract';
import type { Kernel } from '@kaoping/kernel';
import type { FastifyRequest } from 'fastify';
import { callerFrom } from './auth/authenticate.js';
import { Scope } from './auth/scope.js';

/** What every route reads from: the started kernel and its store. */
export interface RouteContext {
  kernel: Kernel;
  store: Store;
}

/** The caller's scope for this request. */
export function scopeOf(ctx: RouteContext, request: FastifyRequest): Scope {
  return new Scope(callerFrom(request), ctx.kernel.directory);
}

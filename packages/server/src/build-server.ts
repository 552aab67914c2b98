import { kpError } from '@kaoping/contract';
import type { Kernel } from '@kaoping/kernel';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { authenticate } from './auth/authenticate.js';
import type { RouteContext } from './context.js';
import { installErrorHandler } from './errors/error-handler.js';
import { openapiRoutes } from './openapi/openapi-routes.js';
import { registerSwagger } from './openapi/register-swagger.js';
import { directoryRoutes } from './routes/directory.js';
import { evaluationRoutes } from './routes/evaluation.js';
import { explainRoutes } from './routes/explain.js';
import { healthRoutes } from './routes/health.js';
import { hookRoutes } from './routes/hook.js';
import { ingestRoutes } from './routes/ingest.js';
import { loopRoutes } from './routes/loop.js';
import { tokenRoutes } from './routes/tokens.js';
import { MODEL_SCHEMAS } from './schemas/models.js';
import { registerSecurity } from './security/register-security.js';
import { dashboardRoutes, type DashboardFiles } from './static/dashboard-routes.js';
import { dashboardFiles } from './static/dashboard-files.js';

export const DEFAULT_BODY_LIMIT = 1024 * 1024;
export const DEFAULT_INGEST_BODY_LIMIT = 10 * 1024 * 1024;
export const DEFAULT_INGEST_RATE_PER_MINUTE = 120;

export interface BuildServerOptions {
  /** A started kernel created with a store. */
  kernel: Kernel;
  /** Fastify's logger option (pino); default off. */
  logger?: FastifyServerOptions['logger'];
  /** Ingest requests per token per minute (default 120). */
  rateLimit?: { ingestPerMinute?: number };
  /** Largest request body in bytes (default 1 MiB). */
  bodyLimit?: number;
  /** Largest ingest body in bytes (default 10 MiB). */
  ingestBodyLimit?: number;
  /** Where the dashboard's files are; default: the @kaoping/dashboard package. */
  dashboard?: DashboardFiles | false;
}

/**
 * The Kaoping HTTP server: the REST API under /v1 (a JSON Schema on every input and output),
 * OpenAPI at /openapi.json and /docs, token auth with role scopes, and the dashboard at /.
 * Call `listen` on the answer; closing it does not stop the kernel (its owner does).
 */
export async function buildServer(options: BuildServerOptions): Promise<FastifyInstance> {
  const { kernel } = options;
  const store = kernel.store;
  if (!store) throw kpError('KP_ERR_STORE', 'buildServer needs a kernel created with a store (createKernel({ store }))');
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: options.bodyLimit ?? DEFAULT_BODY_LIMIT,
    // Bodies are checked as sent (no silent stripping or coercion); query strings are coerced to their declared types.
    ajv: { customOptions: { removeAdditional: false, allErrors: true, coerceTypes: 'array', allowUnionTypes: true } },
  });
  const ctx: RouteContext = { kernel, store };

  installErrorHandler(app);
  for (const schema of MODEL_SCHEMAS) app.addSchema(schema);
  await registerSecurity(app);
  await registerSwagger(app);
  app.addHook('onRequest', authenticate(store));

  healthRoutes(app, ctx);
  directoryRoutes(app, ctx);
  evaluationRoutes(app, ctx);
  explainRoutes(app, ctx);
  loopRoutes(app, ctx);
  hookRoutes(app, ctx);
  tokenRoutes(app, ctx);
  ingestRoutes(app, ctx, {
    bodyLimit: options.ingestBodyLimit ?? DEFAULT_INGEST_BODY_LIMIT,
    ratePerMinute: options.rateLimit?.ingestPerMinute ?? DEFAULT_INGEST_RATE_PER_MINUTE,
  });
  openapiRoutes(app);
  if (options.dashboard !== false) dashboardRoutes(app, options.dashboard ?? (await dashboardFiles()));
  await app.ready();
  return app;
}

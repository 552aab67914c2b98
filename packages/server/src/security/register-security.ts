import rateLimit from '@fastify/rate-limit';
import { kpError } from '@kaoping/contract';
import type { FastifyInstance } from 'fastify';
import { securityHeaders } from './security-headers.js';

/**
 * Security headers, with a CSP that allows only our own origin: the dashboard's scripts and
 * styles and ECharts are all served from here, so no CDN and no inline script is needed.
 * ECharts writes inline `style` attributes while drawing, hence 'unsafe-inline' for styles only.
 */
export async function registerSecurity(app: FastifyInstance): Promise<void> {
  const headers = await securityHeaders({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        connectSrc: ["'self'"],
        fontSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    // The API is called from our own page only; no cross-origin embedding of its answers.
    crossOriginResourcePolicy: { policy: 'same-origin' },
  });
  // Every answer (errors and 404s too) carries them, set as one constant object before routing.
  app.addHook('onRequest', (_request, reply, done) => {
    reply.headers(headers);
    done();
  });
  // Limits are per route (ingest); the hook route stays unlimited because hosts call it inline on every event.
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (request, context) => Object.assign(
      kpError('KP_ERR_RATE_LIMITED', `at most ${context.max} requests per minute on ${request.method} ${request.routeOptions.url} for this token; retry in ${context.after}`),
      { statusCode: context.statusCode },
    ),
  });
}

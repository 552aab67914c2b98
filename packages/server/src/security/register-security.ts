import rateLimit from '@fastify/rate-limit';
import { kpError } from '@kaoping/contract';
import type { FastifyInstance } from 'fastify';
import { securityHeaders } from './security-headers.js';

/**
 * What an answer of the JSON API carries (OWASP's REST Security Cheat Sheet): it is never a page, so
 * it may load nothing and be framed by nothing; it is never sniffed as another type; and since it
 * holds people's scores and tokens' scopes, no cache keeps it. Stricter than the dashboard's set,
 * and half its size on every hook call. HSTS as the pages have it.
 */
function apiHeaders(pages: Record<string, string>): Record<string, string> {
  return {
    'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
    'cross-origin-resource-policy': 'same-origin',
    'referrer-policy': 'no-referrer',
    'strict-transport-security': pages['strict-transport-security'],
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'cache-control': 'no-store',
  };
}

/**
 * Security headers: the pages' (the dashboard, /docs) with a CSP that allows only our own origin
 * (the dashboard's scripts and styles and ECharts are all served from here, so no CDN and no inline
 * script is needed; ECharts writes inline `style` attributes while drawing, hence 'unsafe-inline'
 * for styles only), and the API's (`apiHeaders`) on every answer under /v1/.
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
  const api = apiHeaders(headers);
  // Every answer (errors and 404s too) carries one of the two constant sets, chosen before routing.
  app.addHook('onRequest', (request, reply, done) => {
    reply.headers(request.url.startsWith('/v1/') ? api : headers);
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

import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { fileUnder, sendFile } from './send-file.js';

export interface DashboardFiles {
  /** The dashboard's static folder (index.html, js/, css/). */
  publicDir: string;
  /** ECharts' browser bundle, served from our own origin (the CSP allows no CDN). */
  echartsFile: string;
}

// The page revalidates so a new release shows at once; its scripts are small and revalidate too.
const PAGE_CACHE = 'no-cache';
const ECHARTS_CACHE = 'public, max-age=86400';

const hidden = { hide: true } as const;

/** `/` → index.html, `/assets/echarts.min.js`, and any other file of the public folder. */
export function dashboardRoutes(app: FastifyInstance, files: DashboardFiles): void {
  app.get('/', { schema: { ...hidden, querystring: { type: 'object' } } }, (request, reply) =>
    sendFile(request, reply, join(files.publicDir, 'index.html'), { cacheControl: PAGE_CACHE }));

  app.get('/assets/echarts.min.js', { schema: { ...hidden, querystring: { type: 'object' } } }, (request, reply) =>
    sendFile(request, reply, files.echartsFile, { cacheControl: ECHARTS_CACHE }));

  app.get<{ Params: { '*': string } }>('/*', {
    schema: { ...hidden, params: { type: 'object', properties: { '*': { type: 'string', maxLength: 1024 } } }, querystring: { type: 'object' } },
  }, (request, reply) => {
    const wanted = request.params['*'];
    // An unknown API path is an API 404, not a missing file.
    if (wanted.startsWith('v1/')) return reply.callNotFound();
    const file = wanted === '' ? join(files.publicDir, 'index.html') : fileUnder(files.publicDir, wanted);
    if (file === undefined) return reply.callNotFound();
    return sendFile(request, reply, file, { cacheControl: PAGE_CACHE });
  });
}

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, startFixture, type Fixture } from './server-fixture.js';

// The dashboard package's files, found the way it finds them (its folder and its echarts dependency).
const dashboardPackage = new URL('../packages/dashboard/package.json', import.meta.url);
const publicDir = fileURLToPath(new URL('public/', dashboardPackage));
const echartsFile = createRequire(dashboardPackage).resolve('echarts/dist/echarts.min.js');

let f: Fixture;
beforeAll(async () => { f = await startFixture(); });
afterAll(async () => { await f.close(); });

const API_ROUTES = [
  'GET /v1/health', 'GET /v1/me', 'GET /v1/plugins', 'GET /v1/periods', 'GET /v1/indicators', 'GET /v1/units', 'GET /v1/people',
  'GET /v1/results', 'GET /v1/composites', 'GET /v1/tiers', 'GET /v1/trend', 'GET /v1/explain', 'GET /v1/events',
  'GET /v1/gates/promotion', 'GET /v1/risks', 'GET /v1/tasks', 'POST /v1/tasks/{id}/transitions', 'GET /v1/appeals',
  'POST /v1/appeals', 'POST /v1/appeals/{id}/decision', 'POST /v1/comments', 'POST /v1/hook', 'POST /v1/ingest/{adapter}',
  'GET /v1/tokens', 'DELETE /v1/tokens/{id}', 'GET /v1/people/{id}',
];

describe('/openapi.json', () => {
  it('is a valid OpenAPI 3.1 document listing every route of the spec', async () => {
    const r = await call(f, 'GET', '/openapi.json');
    expect(r.status).toBe(200);
    const result = await new Validator().validate(r.body);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    const listed = Object.entries(r.body.paths as Record<string, object>).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`));
    expect(listed.sort()).toEqual([...API_ROUTES].sort());
  });

  it('gives every route an input schema and a 200 and error output schema', async () => {
    const doc = (await call(f, 'GET', '/openapi.json')).body;
    for (const [path, ops] of Object.entries(doc.paths as Record<string, Record<string, any>>)) {
      for (const [method, op] of Object.entries(ops)) {
        const where = `${method.toUpperCase()} ${path}`;
        expect(op.responses['200']?.content?.['application/json']?.schema, where).toBeDefined();
        for (const status of ['400', '401', '403', '404', '413', '429', '500']) {
          expect(op.responses[status]?.content?.['application/json']?.schema, `${where} ${status}`).toEqual({ $ref: '#/components/schemas/Error' });
        }
        if (method === 'post') expect(op.requestBody?.content?.['application/json']?.schema, where).toBeDefined();
      }
    }
    expect(Object.keys(doc.components.schemas)).toEqual(expect.arrayContaining(['Error', 'ActivityEvent', 'Result', 'Person', 'OrgUnit', 'HookResult', 'Task', 'Risk']));
    expect(doc.paths['/v1/health'].get.security).toEqual([]);
    expect(doc.security).toEqual([{ bearer: [] }]);
  });

  it('is rendered by /docs with its own script (no CDN, no inline script)', async () => {
    const page = await call(f, 'GET', '/docs');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.body).toContain('<script src="/docs/docs.js" defer></script>');
    expect(page.body).not.toMatch(/<script>(?!<)/);
    expect(page.body).not.toContain('https://');
    const script = await call(f, 'GET', '/docs/docs.js');
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(script.body).toContain("fetch('/openapi.json')");
  });
});

describe('the dashboard files', () => {
  it('serves index.html at / with a revalidating cache and an ETag that answers 304', async () => {
    const r = await call(f, 'GET', '/');
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(r.body).toBe(readFileSync(join(publicDir, 'index.html'), 'utf8'));
    expect(r.headers.get('cache-control')).toBe('no-cache');
    const etag = r.headers.get('etag')!;
    expect(etag).toMatch(/^W\/"/);
    const again = await fetch(`${f.url}/`, { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
  });

  it('serves the page\'s scripts and styles with their types', async () => {
    const js = await call(f, 'GET', '/js/main.js');
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(js.body).toBe(readFileSync(join(publicDir, 'js', 'main.js'), 'utf8'));
    const css = await call(f, 'GET', '/css/app.css');
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
  });

  it('serves ECharts from our own origin at /assets/echarts.min.js', async () => {
    const r = await fetch(`${f.url}/assets/echarts.min.js`);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(r.headers.get('cache-control')).toBe('public, max-age=86400');
    expect(Buffer.from(await r.arrayBuffer()).equals(readFileSync(echartsFile))).toBe(true);
  });

  it('never serves a file outside the public folder', async () => {
    for (const path of ['/../package.json', '/%2e%2e/package.json', '/js/%2e%2e/%2e%2e/package.json', '/..%2fpackage.json', '/%2e%2e%5cpackage.json', '/.hidden', '/js/%00main.js']) {
      const r = await call(f, 'GET', path);
      expect(r.status, path).toBe(404);
      expect(r.body.code, path).toBe('KP_ERR_NOT_FOUND');
      expect(JSON.stringify(r.body)).not.toContain('"name"');
    }
  });

  it('answers a missing file with a coded 404', async () => {
    const r = await call(f, 'GET', '/js/nope.js');
    expect(r.status).toBe(404);
    expect(r.body).toMatchObject({ code: 'KP_ERR_NOT_FOUND', message: 'File "/js/nope.js" not found' });
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LOCAL_OFFSET_MS, type ActivityEvent } from '@kaoping/contract';
import { createKernel, type Kernel } from '@kaoping/kernel';
import { openSqliteStore, type SqliteStore } from '@kaoping/store-sqlite';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken } from '../auth/api-token.js';
import { buildServer } from '../build-server.js';

const cliDir = fileURLToPath(new URL('../../../cli/', import.meta.url));
const march = Date.UTC(2026, 2, 2) - LOCAL_OFFSET_MS;

function completed(id: string): ActivityEvent {
  return {
    id: `${id}#c`, source: 'tax-collection', type: 'tax.matter.completed', actorId: 'P1', unitId: null, occurredAt: march + 86_400_000,
    attrs: { matterId: id, matterType: 'DJ', acceptedAt: march, deadlineAt: march + 5 * 86_400_000, completedAt: march + 86_400_000 },
  };
}

describe('POST /v1/hook (the body checked once, by the kernel)', () => {
  let dir: string;
  let store: SqliteStore;
  let kernel: Kernel;
  let app: FastifyInstance;
  let token: string;
  const post = (body: unknown, url = '/v1/hook') => app.inject({
    method: 'POST', url, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, payload: JSON.stringify(body),
  });

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kaoping-hook-route-'));
    store = openSqliteStore(join(dir, 'kaoping.db'));
    store.upsertUnits([{ id: 'B0', name: '市局', parentId: null, kind: 'bureau' }]);
    store.upsertPeople([{ id: 'P1', name: '王芳', unitId: 'B0', postId: 'FD', since: 0 }]);
    kernel = createKernel({
      store, cwd: dir, resolveFrom: [cliDir], logger: { info() {}, warn() {}, error() {} }, clock: () => Date.UTC(2026, 11, 20),
      config: { plugins: ['@kaoping/plugin-on-time-rate'], adapters: [] },
    });
    await kernel.start();
    token = (await createApiToken(store, kernel.directory, { role: 'integrator' })).text;
    app = await buildServer({ kernel, dashboard: false });
  });
  afterAll(async () => {
    await app.close();
    await kernel.stop();
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers a new event with its changed values and a repeat as a duplicate', async () => {
    const first = await post(completed('M1'));
    expect(first.statusCode).toBe(200);
    expect(first.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(first.json()).toMatchObject({ accepted: true, errors: [], warnings: [] });
    expect(first.json().changed.length).toBeGreaterThan(0);
    expect((await post(completed('M1'))).json()).toEqual({ accepted: true, duplicate: true, errors: [], changed: [], warnings: [] });
  });

  it('refuses what kernel.hook refuses, with 400 naming each field; values of the wrong type are not coerced', async () => {
    const event = { ...completed('M2'), id: 12, occurredAt: String(march), extra: true };
    const r = await post(event);
    expect(r.statusCode).toBe(400);
    expect(r.json()).toMatchObject({ code: 'KP_ERR_REQUEST_INVALID' });
    expect(r.json().message).toBe(
      'Invalid request: body/extra has unknown property "extra"; body/id must be string; body/occurredAt must be integer (POST /v1/hook)',
    );
    expect(kernel.hook(event as never).accepted).toBe(false);
    const notAnObject = await post([completed('M3')]);
    expect(notAnObject.statusCode).toBe(400);
    expect(notAnObject.json().message).toBe('Invalid request: body must be object (POST /v1/hook)');
    await kernel.settled();
    await kernel.flush();
    expect(store.countEvents()).toBe(1);
  });

  it('still checks the query string', async () => {
    const r = await post(completed('M4'), '/v1/hook?dryRun=1');
    expect(r.statusCode).toBe(400);
    expect(r.json().message).toBe('Invalid request: querystring/dryRun has unknown property "dryRun" (POST /v1/hook)');
  });
});

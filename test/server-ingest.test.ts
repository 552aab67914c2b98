import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ActivityEvent } from '@kaoping/contract';
import { call, local, startFixture, type Fixture } from './server-fixture.js';

let f: Fixture;
beforeAll(async () => { f = await startFixture({ ingestBodyLimit: 64 * 1024, bodyLimit: 16 * 1024, ingestPerMinute: 8 }); });
afterAll(async () => { await f.close(); });

const rating = (id: string, person: string, score: number) => ({ pjbh: id, swry_dm: person, swjg_dm: 'S11', pjrq: '2026-07-02T11:00:00+08:00', pjfs: score });

function matter(id: string, actor: string, onTime: boolean): ActivityEvent {
  const acceptedAt = local(2026, 8, 3);
  const deadlineAt = acceptedAt + 5 * 86_400_000;
  const completedAt = onTime ? acceptedAt + 86_400_000 : deadlineAt + 86_400_000;
  return {
    id: `${id}#c`, source: 'tax-collection', type: 'tax.matter.completed', actorId: actor, unitId: null, occurredAt: completedAt,
    attrs: { matterId: id, matterType: 'registration', acceptedAt, deadlineAt, completedAt },
  };
}

describe('POST /v1/ingest/:adapter', () => {
  it('answers each record: accepted, duplicate, rejected with code and reason', async () => {
    const r = await call(f, 'POST', '/v1/ingest/tax-collection', {
      token: f.tokens.integrator,
      body: { records: [rating('R1', 'P1', 5), rating('R1', 'P1', 5), rating('R2', 'P2', 9), rating('R3', 'P404', 4), { what: 1 }, rating('R4', 'P3', 3)] },
    });
    expect(r.status).toBe(200);
    expect(r.body.counts).toEqual({ read: 6, accepted: 2, duplicates: 1, rejected: 3 });
    const [a, dup, outOfRange, unknown, unroutable, b] = r.body.results;
    expect(a).toEqual({ index: 0, status: 'accepted' });
    expect(dup).toEqual({ index: 1, status: 'duplicate' });
    expect(outOfRange).toMatchObject({ index: 2, status: 'rejected', code: 'KP_ERR_RECORD_INVALID' });
    expect(outOfRange.reason).toContain('pjfs 9 is not an integer from 1 to 5');
    expect(unknown).toMatchObject({ index: 3, status: 'rejected', code: 'KP_ERR_RECORD_UNKNOWN_REFERENCE' });
    expect(unknown.reason).toContain('P404');
    expect(unroutable).toMatchObject({ index: 4, status: 'rejected', code: 'KP_ERR_RECORD_INVALID' });
    expect(unroutable.reason).toContain('cannot tell which export the pushed record belongs to');
    expect(b).toEqual({ index: 5, status: 'accepted' });

    // Stored once, dead letters kept with the request as their file and the record's position as line.
    expect(await f.store.countEvents({ types: ['tax.rating.submitted'] })).toBe(2);
    const letters = await f.store.listDeadLetters({ source: 'tax-collection' });
    expect(letters.map((d) => [d.file, d.line])).toEqual(expect.arrayContaining([
      ['POST /v1/ingest/tax-collection', 3], ['POST /v1/ingest/tax-collection', 4], ['POST /v1/ingest/tax-collection', 5],
    ]));

    const again = await call(f, 'POST', '/v1/ingest/tax-collection', { token: f.tokens.admin, body: { records: [rating('R4', 'P3', 3)] } });
    expect(again.body).toEqual({ results: [{ index: 0, status: 'duplicate' }], counts: { read: 1, accepted: 0, duplicates: 1, rejected: 0 } });
  });

  it('answers 404 for an adapter that is not started, listing the started ones', async () => {
    const r = await call(f, 'POST', '/v1/ingest/sap', { token: f.tokens.integrator, body: { records: [] } });
    expect(r.status).toBe(404);
    expect(r.body.code).toBe('KP_ERR_NOT_FOUND');
    expect(r.body.message).toBe('Started adapter "sap" not found; started adapters: gov-affairs, hr, party-affairs, tax-collection');
  });

  it('refuses a body over the ingest limit with 413 and says what to do', async () => {
    const records = Array.from({ length: 1200 }, (_, i) => rating(`BIG${i}`, 'P1', 4));
    const r = await call(f, 'POST', '/v1/ingest/tax-collection', { token: f.tokens.integrator, body: { records } });
    expect(r.status).toBe(413);
    expect(r.body.code).toBe('KP_ERR_PAYLOAD_TOO_LARGE');
    expect(r.body.message).toMatch(/^Request body of \d+ bytes is over the limit of 65536 bytes for POST \/v1\/ingest\/:adapter$/);
    expect(r.body.fix).toContain('split the batch');
  });

  it('limits ingest requests per token with 429 and Retry-After', async () => {
    const statuses: number[] = [];
    let last: Awaited<ReturnType<typeof call>> | undefined;
    for (let i = 0; i < 10; i++) {
      last = await call(f, 'POST', '/v1/ingest/tax-collection', { token: f.tokens.integrator, body: { records: [] } });
      statuses.push(last.status);
    }
    expect(statuses).toContain(429);
    expect(last!.status).toBe(429);
    expect(last!.body.code).toBe('KP_ERR_RATE_LIMITED');
    expect(last!.body.message).toMatch(/^Too many requests: at most 8 requests per minute on POST \/v1\/ingest\/:adapter for this token; retry in /);
    expect(Number(last!.headers.get('retry-after'))).toBeGreaterThan(0);
    // Another token has its own budget.
    expect((await call(f, 'POST', '/v1/ingest/tax-collection', { token: f.tokens.admin, body: { records: [] } })).status).toBe(200);
  });
});

describe('POST /v1/hook', () => {
  it('answers exactly what kernel.hook answers on an identical kernel', async () => {
    // A second fixture holds the same data: the in-process answer there is what HTTP must answer here.
    const twin = await startFixture();
    try {
      for (const event of [matter('H1', 'P1', true), matter('H2', 'P2', false), matter('H3', 'P3', true)]) {
        const overHttp = await call(f, 'POST', '/v1/hook', { token: f.tokens.integrator, body: event });
        expect(overHttp.status).toBe(200);
        const inProcess = twin.kernel.hook(event);
        expect(inProcess.accepted).toBe(true);
        expect(inProcess.changed.length).toBeGreaterThan(0);
        expect(overHttp.body).toEqual(JSON.parse(JSON.stringify(inProcess)));
      }
    } finally {
      await twin.close();
    }
  });

  it('refuses an invalid event with 400 naming the field, before the kernel sees it', async () => {
    const { occurredAt, ...noTime } = matter('H5', 'P1', true);
    const r = await call(f, 'POST', '/v1/hook', { token: f.tokens.integrator, body: { ...noTime, extra: 1, occurredAt: String(occurredAt) + 'x' } });
    expect(r.status).toBe(400);
    expect(r.body.code).toBe('KP_ERR_REQUEST_INVALID');
    expect(r.body.message).toContain('body/extra has unknown property "extra"');
    expect(r.body.message).toContain('body/occurredAt must be integer');
  });

  it('refuses a body over the default limit with 413', async () => {
    const big = { ...matter('H6', 'P1', true), attrs: { note: 'x'.repeat(20 * 1024) } };
    const r = await call(f, 'POST', '/v1/hook', { token: f.tokens.integrator, body: big });
    expect(r.status).toBe(413);
    expect(r.body.message).toMatch(/over the limit of 16384 bytes for POST \/v1\/hook$/);
  });

  it('is refused to staff', async () => {
    const r = await call(f, 'POST', '/v1/hook', { token: f.tokens.staff, body: matter('H7', 'P1', true) });
    expect(r.status).toBe(403);
  });
});

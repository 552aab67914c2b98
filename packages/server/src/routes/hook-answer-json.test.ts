import type { HookResult } from '@kaoping/kernel';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MODEL_SCHEMAS, ref } from '../schemas/models.js';
import { hookAnswerJson } from './hook-answer-json.js';

/** Strings JSON must escape or that a naive writer gets wrong: quotes, backslashes, controls, lone surrogates, CJK, emoji. */
const AWKWARD = ['', 'P000134', 'business.on-time-rate', '2026-Q4', 'a"b', 'back\\slash', 'tab\tnew\nline', '\u0000\u001f', '\ud800', 'x\udfffy', '考评😀', 'a'.repeat(60), `${'q"'.repeat(30)}\u0007`];

/** A small fixed-seed generator (mulberry32): the same answers on every run. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function answers(count: number): HookResult[] {
  const next = random(7);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)];
  const text = () => pick(AWKWARD);
  const list = <T>(make: () => T, max: number) => Array.from({ length: Math.floor(next() * (max + 1)) }, make);
  const value = () => pick([null, 0, -0, 1, 0.98, -2.5e-7, 123456789.125, Number.MAX_VALUE, Number.MIN_VALUE, next()]);
  return Array.from({ length: count }, (): HookResult => ({
    accepted: next() < 0.8,
    errors: list(() => ({ path: text(), message: text() }), 2),
    changed: list(() => ({ subject: { kind: pick(['person', 'unit'] as const), id: text() }, indicator: text(), period: text(), value: value() }), 12),
    warnings: list(() => ({ code: text(), plugin: text(), message: text() }), 2),
    ...(next() < 0.3 ? { duplicate: next() < 0.5 } : {}),
  }));
}

describe('hookAnswerJson', () => {
  // The reference: fastify's own serializer for the route's response schema.
  let schemaJson: FastifyInstance;
  let current: HookResult;
  beforeAll(async () => {
    schemaJson = Fastify();
    for (const schema of MODEL_SCHEMAS) schemaJson.addSchema(schema);
    schemaJson.get('/', { schema: { response: { 200: ref('HookResult') } } }, () => current);
    await schemaJson.ready();
  });
  afterAll(() => schemaJson.close());

  const bySchema = async (answer: HookResult): Promise<string> => {
    current = answer;
    return (await schemaJson.inject({ method: 'GET', url: '/' })).payload;
  };

  it('writes byte for byte what the HookResult schema writes, on 300 answers with awkward strings and numbers', async () => {
    const json = hookAnswerJson();
    for (const answer of answers(300)) expect(json(answer)).toBe(await bySchema(answer));
  });

  it('answers the same when its kept cells are begun again past their bound', async () => {
    const json = hookAnswerJson(3);
    const all = answers(40);
    // Twice: the second round reads heads kept (or begun again) during the first.
    for (const answer of [...all, ...all]) expect(json(answer)).toBe(await bySchema(answer));
  });

  it('leaves out what the schema does not declare', async () => {
    const answer = { accepted: true, errors: [], changed: [{ subject: { kind: 'person', id: 'P1', extra: 1 }, indicator: 'i', period: '2026', value: 1, note: 'x' }], warnings: [], debug: true } as unknown as HookResult;
    expect(hookAnswerJson()(answer)).toBe(await bySchema(answer));
    expect(hookAnswerJson()(answer)).toBe('{"accepted":true,"errors":[],"changed":[{"subject":{"kind":"person","id":"P1"},"indicator":"i","period":"2026","value":1}],"warnings":[]}');
  });
});

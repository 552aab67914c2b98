import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineAdapter, type AdapterRecord, type AdapterSpec } from '@kaoping/contract';
import {
  code, eventRecord, hostConfig, integer, knownPerson, mapEnvOf, normalizeHost, readHost, time,
  type HostConfig, type HostSpec, type MapEnv, type RecordMapper,
} from '@kaoping/contract/records';
import { describe, expect, it } from 'vitest';
import { AdapterCheckError, checkAdapter, makeDirectory } from './check-adapter.js';

type File = 'visits' | 'scores';
type Config = HostConfig<File>;

const SPEC: HostSpec<File> = {
  adapterId: 'demo-host', host: '演示系统', format: 'ndjson', encoding: 'utf-8',
  files: { visits: 'visits.ndjson', scores: 'scores.ndjson' }, idKeys: { visits: 'vid', scores: 'sid' },
};

function mappers(env: MapEnv): Record<File, RecordMapper> {
  return {
    visits: (rec, origin) => [eventRecord(origin, {
      id: code(rec, 'vid'), source: 'demo-host', type: 'demo.visit.recorded', actorId: knownPerson(env.directory, 'who', code(rec, 'who')),
      unitId: null, occurredAt: time(rec, 'at', env.timeZone), attrs: {},
    })],
    scores: (rec, origin) => [eventRecord(origin, {
      id: code(rec, 'sid'), source: 'demo-host', type: 'demo.score.recorded', actorId: null, unitId: null,
      occurredAt: time(rec, 'at', env.timeZone), attrs: { score: integer(rec, 'score', 0, 10) },
    })],
  };
}

const good: AdapterSpec<Config> = {
  id: 'demo-host', version: '1.0.0', api: '^1', title: { zh: '演示', en: 'Demo' }, folder: 'demo',
  config: hostConfig({ folder: 'demo', encoding: 'utf-8', files: SPEC.files, delivery: 'outbox' }),
  read: (ctx) => readHost(SPEC, ctx, mappers(mapEnvOf(ctx))),
  normalize: (raw, ctx) => normalizeHost(SPEC, raw, mappers(mapEnvOf(ctx))),
};

function fixture(): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'kp-check-')), 'demo');
  mkdirSync(dir);
  writeFileSync(join(dir, 'visits.ndjson'), [
    '{"vid":"V1","who":"P1","at":"2026-01-02"}',
    '{"vid":"V2","who":"P9","at":"2026-01-02"}',
    '{"vid":"V3","who":"P1","at":"2026-01-32"}',
    '{"vid":"V4","who":"P1","at":"2026-01-03"}',
  ].join('\n'));
  writeFileSync(join(dir, 'scores.ndjson'), '{"sid":"S1","at":"2026-01-02","score":7}\n{"sid":"S2","at":"2026-01-02","score":11}\n');
  return dir;
}

const dir = fixture();
const directory = { people: ['P1'] };

async function problemsOf(spec: AdapterSpec<Config>, opts: Partial<Parameters<typeof checkAdapter>[1]> = {}): Promise<string[]> {
  try {
    await checkAdapter(defineAdapter(spec), { dir, directory, ...opts });
  } catch (e) {
    if (e instanceof AdapterCheckError) return e.problems;
    throw e;
  }
  return [];
}

describe('checkAdapter', () => {
  it('passes a conforming adapter and reports what it read', async () => {
    const report = await checkAdapter(defineAdapter(good), { dir, directory, expect: { events: 3, rejected: { KP_ERR_RECORD_UNKNOWN_REFERENCE: 1, KP_ERR_RECORD_INVALID: 2 } } });
    expect(report).toMatchObject({ events: 3, units: 0, people: 0, warnings: [], normalizeCompared: 6 });
  });

  it('reports counts that differ from expect', async () => {
    expect(await problemsOf(good, { expect: { events: 4, rejected: { KP_ERR_RECORD_INVALID: 2 } } })).toEqual([
      'read yielded 3 events, expected 4',
      'read rejected {"KP_ERR_RECORD_UNKNOWN_REFERENCE":1,"KP_ERR_RECORD_INVALID":2}, expected {"KP_ERR_RECORD_INVALID":2}',
    ]);
  });

  it('refuses an invalid manifest before running any adapter code', async () => {
    const problems = await problemsOf({ ...good, version: 'one', read: () => { throw new Error('must not run'); } });
    expect(problems).toEqual([expect.stringContaining('manifest is invalid: /version must match pattern')]);
  });

  it('refuses config defaults that fail the config schema', async () => {
    const problems = await problemsOf({ ...good, config: { ...good.config, defaults: { ...good.config.defaults, encoding: 'latin1' as 'gbk' } } });
    expect(problems[0]).toMatch(/^config defaults do not satisfy the config schema: \/encoding must be one of "utf-8", "gbk"/);
  });

  it('finds events that break the activity-event schema and dead letters without a line', async () => {
    const broken: AdapterSpec<Config> = {
      ...good,
      async *read(ctx) {
        for await (const r of good.read(ctx)) {
          if (r.kind === 'event') yield { ...r, event: { ...r.event, occurredAt: -1 } };
          else if (r.kind === 'rejected') yield { ...r, origin: { ...r.origin, line: 0 } };
          else yield r;
        }
      },
    };
    const problems = await problemsOf(broken);
    expect(problems).toContain('demo/visits.ndjson:1: event is invalid: /occurredAt must be >= 0');
    expect(problems).toContain('a rejected record has origin {"file":"demo/visits.ndjson","line":0}: read must give the file and a 1-based line');
  });

  it('catches a read that slurps every file before yielding', async () => {
    const slurping: AdapterSpec<Config> = {
      ...good,
      async *read(ctx) {
        const all: AdapterRecord[] = [];
        for await (const r of good.read(ctx)) all.push(r);
        yield* all;
      },
    };
    expect(await problemsOf(slurping)).toEqual(['read() is not streaming: after the first record the files were emptied, yet it still yielded all 6 records']);
  });

  it('catches a normalize that maps differently from read', async () => {
    const twin: AdapterSpec<Config> = { ...good, normalize: (raw, ctx) => good.normalize(raw, ctx).map((r) => (r.kind === 'event' ? { ...r, event: { ...r.event, attrs: { ...r.event.attrs, extra: 1 } } } : r)) };
    const problems = await problemsOf(twin);
    expect(problems[0]).toMatch(/^normalize\(demo\/visits\.ndjson:1\) differs from read for the same native record: .*extra/);
  });

  it('catches a read that is not deterministic', async () => {
    let run = 0;
    const drifting: AdapterSpec<Config> = {
      ...good,
      async *read(ctx) {
        run++;
        for await (const r of good.read(ctx)) yield r.kind === 'event' ? { ...r, event: { ...r.event, attrs: { run } } } : r;
      },
    };
    expect((await problemsOf(drifting)).some((p) => p.startsWith('read is not deterministic: a second read differs at'))).toBe(true);
  });
});

describe('makeDirectory', () => {
  it('answers from code lists or a people → unit map', () => {
    const d = makeDirectory({ units: ['U1'], people: { P1: 'U1' } });
    expect([d.hasUnit('U1'), d.hasUnit('U2'), d.hasPerson('P1'), d.unitOf('P1'), d.unitOf('P2')]).toEqual([true, false, true, 'U1', undefined]);
    expect(makeDirectory({ people: ['P2'] }).hasPerson('P2')).toBe(true);
  });
});

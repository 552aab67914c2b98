import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AdapterRecord } from '../adapter.js';
import type { PluginLogger } from '../plugin.js';
import { code, time } from './fields.js';
import { assertHostFolder, mapPushed, readHostFile, type RecordMapper } from './host-file.js';
import { collect, tempFiles } from './test-files.test-support.js';

const map: RecordMapper = (rec, origin) => [{
  kind: 'event', origin,
  event: { id: code(rec, 'id'), source: 't', type: 't.x', actorId: null, unitId: null, occurredAt: time(rec, 'at', 'Asia/Shanghai'), attrs: {} },
}];

function logger(): PluginLogger & { warnings: string[] } {
  const warnings: string[] = [];
  return { warnings, info() {}, error() {}, warn: (m) => { warnings.push(m); } };
}

describe('readHostFile', () => {
  const files = tempFiles('hostfile');
  const dir = join(files.dir, 'tax');
  mkdirSync(dir);

  it('maps records and turns reader and mapper defects into dead letters with file and line', async () => {
    files.write('tax/a.ndjson', '{"id":"E1","at":"2026-01-02"}\n{"id":"E2","at":"2026-02-30"}\n{"id":"E3","at":"2026-01-03"}\n{"id":');
    const out = await collect(readHostFile({ dir, name: 'a.ndjson', format: 'ndjson', encoding: 'utf-8' }, map, { host: '金税', logger: logger() }));
    expect(out.map((r) => r.kind)).toEqual(['event', 'rejected', 'event', 'rejected']);
    const bad = out[1] as Extract<AdapterRecord, { kind: 'rejected' }>;
    expect(bad).toMatchObject({ origin: { file: 'tax/a.ndjson', line: 2 }, raw: '{"id":"E2","at":"2026-02-30"}', code: 'KP_ERR_RECORD_INVALID' });
    expect(bad.reason).toBe('tax/a.ndjson line 2: at "2026-02-30" is not a calendar date or time that exists; correct at in 金税 and re-export');
    expect((out[3] as Extract<AdapterRecord, { kind: 'rejected' }>).origin.line).toBe(4);
  });

  it('yields nothing for a missing file and warns', async () => {
    const log = logger();
    expect(await collect(readHostFile({ dir, name: 'none.ndjson', format: 'ndjson', encoding: 'utf-8' }, map, { host: '金税', logger: log }))).toEqual([]);
    expect(log.warnings).toEqual(['tax/none.ndjson is missing; nothing was read from it']);
  });

  it('throws KP_ERR_SOURCE_MISSING only for a missing folder', async () => {
    await expect(assertHostFolder('tax-collection', dir)).resolves.toBeUndefined();
    await expect(assertHostFolder('tax-collection', join(files.dir, 'nope'))).rejects.toMatchObject({ code: 'KP_ERR_SOURCE_MISSING' });
  });
});

describe('mapPushed', () => {
  it('maps a pushed record with origin push:0, and rejects what is not an object', () => {
    expect(mapPushed({ id: 'E1', at: '2026-01-02' }, map, '金税')[0]).toMatchObject({ kind: 'event', origin: { file: 'push', line: 0 } });
    expect(mapPushed([1], map, '金税')[0]).toMatchObject({ kind: 'rejected', code: 'KP_ERR_RECORD_INVALID', raw: '[1]' });
  });
});

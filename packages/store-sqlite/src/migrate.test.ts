import { existsSync } from 'node:fs';
import type { Result } from '@kaoping/contract';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate, readSchemaVersion } from './migrate.js';
import { MIGRATIONS, SCHEMA_VERSION } from './migrations/index.js';
import { openSqliteStore } from './open-sqlite-store.js';
import { fileBeforeMigration, tempDir } from './test-support.js';

describe('opening and migrating a store file', () => {
  let cleanup = (): void => {};
  afterEach(() => cleanup());

  it('creates every table once and is idempotent when opened again', () => {
    const t = tempDir();
    cleanup = t.remove;
    const first = openSqliteStore(t.file);
    first.setMeta('kept', 'yes');
    first.close();
    const second = openSqliteStore(t.file);
    expect(second.getMeta('schema_version')).toBe(String(SCHEMA_VERSION));
    expect(second.getMeta('kept')).toBe('yes');
    expect(migrate(second.db, t.file)).toEqual([]);
    const tables = (second.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all() as string[]);
    expect(tables).toEqual([
      'appeals', 'audit_log', 'comments', 'composite_chunks', 'composite_weight_sets', 'dead_letters', 'events', 'meta', 'outbox', 'people', 'posts',
      'result_chunks', 'result_facets', 'risks', 'states', 'task_transitions', 'tasks', 'tier_chunks', 'tokens', 'units',
    ]);
    second.close();
  });

  it('runs in WAL mode with NORMAL sync and foreign keys on, and the WAL file exists beside the database', () => {
    const t = tempDir();
    cleanup = t.remove;
    const store = openSqliteStore(t.file);
    store.setMeta('touch', '1');
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(store.db.pragma('synchronous', { simple: true })).toBe(1);
    expect(store.db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(store.db.pragma('busy_timeout', { simple: true })).toBe(5000);
    expect(existsSync(`${t.file}-wal`)).toBe(true);
    store.close();
  });

  it('creates missing parent folders of the database file', () => {
    const t = tempDir();
    cleanup = t.remove;
    const store = openSqliteStore(`${t.dir}/nested/deeper/kaoping.db`);
    expect(store.getMeta('schema_version')).toBe(String(SCHEMA_VERSION));
    store.close();
  });

  it('refuses a file written by a newer schema with a KP_ERR_STORE that names the file and both versions', () => {
    const t = tempDir();
    cleanup = t.remove;
    openSqliteStore(t.file).close();
    const raw = new Database(t.file);
    raw.prepare("UPDATE meta SET value = ? WHERE key = 'schema_version'").run(String(SCHEMA_VERSION + 5));
    raw.close();
    expect(() => openSqliteStore(t.file)).toThrow(
      expect.objectContaining({
        code: 'KP_ERR_STORE',
        message: `Store error: database ${t.file} has schema version ${SCHEMA_VERSION + 5}, but this @kaoping/store-sqlite knows versions up to ${SCHEMA_VERSION}; upgrade Kaoping to open it, or point the store at another file`,
      }),
    );
  });

  it('applies pending steps in order and rolls all of them back when one fails', () => {
    const db = new Database(':memory:');
    const next = SCHEMA_VERSION + 1;
    const broken = [
      ...MIGRATIONS,
      { version: next, name: 'next', up: 'CREATE TABLE next_step (x);' },
      { version: next + 1, name: 'bad', up: 'CREATE TABLE oops (' },
    ];
    expect(() => migrate(db, ':memory:', broken)).toThrow(/incomplete input/);
    expect(readSchemaVersion(db)).toBe(0);
    expect(db.prepare("SELECT count(*) FROM sqlite_master WHERE name IN ('events', 'next_step')").pluck().get()).toBe(0);
    expect(migrate(db, ':memory:', broken.slice(0, -1))).toEqual([...MIGRATIONS.map((m) => m.version), next]);
    expect(readSchemaVersion(db)).toBe(next);
    db.close();
  });

  it('carries results written one row each into the packed tables, period by period', () => {
    const t = fileBeforeMigration(6);
    cleanup = t.remove;
    const { db } = t;
    const insert = db.prepare('INSERT INTO results VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)');
    const rows = [
      ['2026', 'person', 'P1', 'b.rate', '1.0.0', 'h1', 0.5, 50, '{"scale":"linear"}'],
      ['2026', 'person', 'P1', 'a.count', '2.0.0', 'h2', 3, null, '{"scale":"target"}'],
      ['2026', 'person', 'P2', 'b.rate', '1.0.0', 'h1', null, null, '{"scale":"linear"}'],
      ['2026', 'unit', 'U1', 'b.rate', '1.0.0', 'h1', 0.25, 12.5, '{"n":4,"scale":"percentile"}'],
      ['2026-Q1', 'person', 'P1', 'b.rate', '1.0.0', 'h1', 1, 100, '{"scale":"linear"}'],
    ] as const;
    for (const r of rows) insert.run(...r);
    db.close();
    const store = openSqliteStore(t.file);
    const asRow = (r: Result) => [r.period, r.subjectKind, r.subjectId, r.indicator, r.indicatorVersion, r.paramsHash, r.value, r.score, JSON.stringify(r.evidence)];
    expect([...store.listResults({ period: '2026' }), ...store.listResults({ period: '2026-Q1' })].map(asRow)).toEqual([rows[1], rows[0], rows[2], rows[3], rows[4]]);
    expect(store.db.prepare("SELECT sum(json_array_length(ids)) FROM result_chunks WHERE period = '2026'").pluck().get()).toBe(3);
    expect(store.db.prepare("SELECT count(*) FROM result_facets WHERE period = '2026'").pluck().get()).toBe(2);
    expect(store.db.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'results'").pluck().get()).toBe(0);
    store.close();
  });

  it('sets the states checkpoint of an existing file to its last event: its states were written with its events', () => {
    const t = fileBeforeMigration(8);
    cleanup = t.remove;
    const { db } = t;
    const insert = db.prepare("INSERT INTO events VALUES ('hr', ?, 'hr.x', NULL, NULL, 1, '{}')");
    for (const id of ['a', 'b']) insert.run(id);
    db.close();
    const store = openSqliteStore(t.file);
    expect(store.eventsAfterStatesSync()).toEqual([]);
    store.close();
  });

  it('reports an unopenable path as KP_ERR_STORE', () => {
    const t = tempDir();
    cleanup = t.remove;
    // The temp folder itself is a directory, not a database file.
    expect(() => openSqliteStore(t.dir)).toThrow(expect.objectContaining({ code: 'KP_ERR_STORE', message: expect.stringContaining(t.dir) }));
  });
});

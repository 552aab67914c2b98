import type { Risk } from '@kaoping/contract';
import { afterEach, describe, expect, it } from 'vitest';
import { OpenRiskIndex } from './open-risk-index.js';
import { openSqliteStore } from './open-sqlite-store.js';
import { Sql } from './sql.js';
import { event, tempDir } from './test-support.js';

const risk = (id: string): Risk => ({
  id, dedupKey: `k-${id}`, trigger: 'trend', categories: ['时效'], severity: 'medium', subject: { kind: 'person', id: 'P1' },
  period: '2026-11', indicator: 'x', evidence: [], message: 'm', status: 'open', raisedAt: 1, resolvedAt: null,
});
/** Past the connection's trust in its last `data_version` read. */
const later = (): Promise<void> => new Promise((done) => setTimeout(done, 5));

describe('OpenRiskIndex', () => {
  const cleanups: (() => void)[] = [];
  afterEach(() => { for (const c of cleanups.splice(0)) c(); });

  it('reads the open risks again when another connection wrote risks, not when it only appended events', async () => {
    const t = tempDir();
    const store = openSqliteStore(t.file);
    const other = openSqliteStore(t.file);
    cleanups.push(() => { other.close(); store.close(); t.remove(); });
    const index = new OpenRiskIndex(new Sql(store.db));
    const open = () => index.match({ subjects: [{ subjectId: 'P1', period: '2026-11' }] }, (ids) => store.listRisks().filter((r) => ids.includes(r.id))).map((r) => r.id);
    other.putRisks([risk('r1')]);
    expect(open()).toEqual(['r1']);
    expect(index.reads).toBe(1);

    // A hook group committed by the background writer's connection: events only.
    other.appendEvents([event('E1', 1)]);
    await later();
    expect(open()).toEqual(['r1']);
    expect(index.reads).toBe(1);

    other.putRisks([risk('r2')]);
    await later();
    expect(open()).toEqual(['r1', 'r2']);
    expect(index.reads).toBe(2);
  });
});

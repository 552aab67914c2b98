import type { ResultColumns } from '@kaoping/contract';
import { afterEach, describe, expect, it } from 'vitest';
import { columnHashes, RESULTS_RECORDED } from './audit.js';
import { hashColumnsAhead, hashedAhead, stopAuditHashThread } from './audit-hash-thread.js';
import { columnsOf, portableColumns } from './portable-columns.js';
import { rig, type Rig } from './test-support.js';

let r: Rig | undefined;
afterEach(async () => {
  r?.store.close();
  r = undefined;
  await stopAuditHashThread();
});

/** Evidence a plugin might build from a class: only its toJSON says what the store keeps. */
class Amount {
  constructor(readonly cents: number) {}
  toJSON(): unknown {
    return { yuan: this.cents / 100 };
  }
}

/**
 * A close's columns with every kind of evidence the audit must hash alike on either thread: one
 * frozen object shared by most subjects, a rank per subject around shared params and peer groups,
 * members JSON drops or changes (undefined, non-finite numbers, a Date, a class with toJSON), text beyond ASCII, and a
 * kind without indicators.
 */
function closeColumns(n: number): ResultColumns {
  const ids = Array.from({ length: n }, (_, i) => `P${String(i).padStart(5, '0')}`);
  const params = { target: 0.98, floor: 0.85, weights: { DJ: 1, TS: 3 } };
  const shared = Object.freeze({ scale: 'target', direction: 'higher', params });
  const groups = [{ tierGroup: 'D1', post: '办税' }, { tierGroup: 'D2', post: 'FD' }];
  const notApplicable = Object.freeze({ ...shared, applies: false });
  const column = (indicator: string, f: (i: number) => number, evidence: (i: number) => Record<string, unknown>) => ({
    indicator, indicatorVersion: '1.2.0', paramsHash: `h-${indicator}`,
    values: Float64Array.from(ids, (_, i) => f(i)), scores: Float64Array.from(ids, (_, i) => (i % 9 === 0 ? Number.NaN : f(i + 1) * 10)),
    evidence: ids.map((_, i) => evidence(i)),
  });
  return {
    period: '2026',
    kinds: [
      {
        subjectKind: 'person', subjectIds: ids, indicators: [
          column('z.rank', (i) => (i % 7 === 0 ? Number.NaN : i), (i) => ({ scale: 'percentile', direction: 'higher', params, peerGroup: groups[i % 2], n, below: i, equal: 1 })),
          column('a.rate', (i) => (i % 5 === 0 ? -0 : i % 11 === 0 ? Number.POSITIVE_INFINITY : 1 / (i + 1)), (i) => (i % 13 === 0 ? notApplicable : shared)),
          column('m.odd', (i) => i / 3, (i) => (i % 17 === 0 ? { ratio: Number.NaN, list: [undefined, 1], note: undefined, at: new Date(Date.UTC(2026, 0, i % 28 + 1)), paid: new Amount(i) } : shared)),
        ],
      },
      { subjectKind: 'unit', subjectIds: ['U1', 'U2', 'U3'], indicators: [column('a.rate', (i) => i / 3, () => shared)] },
      { subjectKind: 'unit', subjectIds: [], indicators: [] },
    ],
  };
}

function recordedEntries(rig: Rig): unknown[] {
  return rig.store.listAudit().filter((e) => e.action === RESULTS_RECORDED).map((e) => e.data);
}

/** The entries a close of `columns` records when it hashes them itself (no thread asked), on a store of its own. */
async function entriesHashedInThread(columns: ResultColumns): Promise<unknown[]> {
  const own = rig();
  try {
    await own.loop.putResults('2026', columns, 'close');
    return recordedEntries(own);
  } finally {
    own.store.close();
  }
}

/**
 * Records a close of `columns` (6,000 people and 3 units) after starting it on the thread, once the
 * thread hashed it all (`waitForThread`) or at once; the entries are those of a close hashed in its
 * own thread, and verify.
 */
async function expectEntriesAsHashedInThread(columns: ResultColumns, waitForThread: boolean): Promise<void> {
  const inThread = await entriesHashedInThread(columns);
  r = rig();
  const started = hashColumnsAhead(columns, 0);
  if (waitForThread) await started;
  await r.loop.putResults('2026', columns, 'close');
  expect(recordedEntries(r)).toEqual(inThread);
  expect(await r.loop.verifyAudit()).toMatchObject({ ok: true, results: 3 * 6000 + 3 });
}

describe('the audit hash thread', () => {
  it("hashes a close's subjects on its thread exactly as the caller's thread does", async () => {
    const columns = closeColumns(3000);
    const hashes = await hashColumnsAhead(columns, 0);
    expect(hashes).toHaveLength(3003);
    expect(hashes).toEqual(columnHashes(columns));
  });

  it('records the same audit entries, which verify, whether the thread hashed the close or not', async () => {
    await expectEntriesAsHashedInThread(closeColumns(6000), true);
  });

  it('loses nothing when the thread dies before it answers: the close hashes in its own thread', async () => {
    const columns = closeColumns(3000);
    const inThread = await entriesHashedInThread(columns);
    r = rig();
    const ahead = hashColumnsAhead(columns, 0);
    await stopAuditHashThread();
    expect(await ahead).toBeUndefined();
    await r.loop.putResults('2026', columns, 'close');
    expect(recordedEntries(r)).toEqual(inThread);
    expect(await r.loop.verifyAudit()).toMatchObject({ ok: true });
    // The next close starts a new thread.
    expect(await hashColumnsAhead(closeColumns(10), 0)).toEqual(columnHashes(closeColumns(10)));
  });

  it('is not waited for while it still loads: the close hashes in its own thread, and the thread, once loaded, finds no part left', async () => {
    await stopAuditHashThread();
    const columns = closeColumns(3000);
    const pending = hashColumnsAhead(columns, 0);
    expect(hashedAhead(columns)).toBeUndefined();
    expect(await pending).toBeUndefined();
    // Loaded now: the next close takes the thread's parts.
    const next = closeColumns(2000);
    await hashColumnsAhead(next, 0);
    expect(await hashedAhead(next)).toEqual(columnHashes(next));
  });

  it('shares a close with the caller, part by part, and records the same entries, which verify', async () => {
    const columns = closeColumns(6000);
    // Recorded at once: the caller takes parts while the thread is still receiving the close.
    await expectEntriesAsHashedInThread(columns, false);
    // Parts of a close, hashed on their own, are the close's hashes.
    const whole = columnHashes(columns);
    expect([...columnHashes(columns, 0, 2500), ...columnHashes(columns, 2500, 6001), ...columnHashes(columns, 6001)]).toEqual(whole);
    expect(columnHashes(columns, 5999, 6002)).toEqual(whole.slice(5999, 6002));
  });

  it('leaves small closes, and evidence without JSON, to the caller', async () => {
    expect(await hashColumnsAhead(closeColumns(10))).toBeUndefined();
    const columns = closeColumns(3);
    // Not plain data (a Date), so it would cross as JSON text, which a BigInt has none of.
    (columns.kinds[0].indicators[0].evidence as Record<string, unknown>[])[1] = { at: new Date(0), big: 10n };
    expect(portableColumns(columns)).toBeUndefined();
    expect(await hashColumnsAhead(columns, 0)).toBeUndefined();
  });

  it('hands columns over with each distinct evidence object once, and gives them back sharing it again', () => {
    const columns = closeColumns(40);
    const portable = portableColumns(columns)!;
    // One shared object, one not-applicable, 40 ranks, and the odd ones of m.odd (0, 17, 34).
    expect(portable.evidence).toHaveLength(2 + 40 + 3);
    // Plain data crosses as it is, rank objects still sharing their params; the odd ones hold a Date, so they cross as JSON text.
    expect([...portable.json].filter((j) => j === 1)).toHaveLength(3);
    expect(portable.evidence[portable.kinds[0].indicators[0].evidence[5]]).toBe(columns.kinds[0].indicators[0].evidence[5]);
    const back = columnsOf(portable);
    const rate = back.kinds[0].indicators[1].evidence;
    expect(rate[1]).toBe(rate[2]);
    expect(back.kinds[0].indicators[2].evidence[0]).toEqual(JSON.parse(JSON.stringify(columns.kinds[0].indicators[2].evidence[0])));
    expect(columnHashes(back)).toEqual(columnHashes(columns));
  });
});

import type { HostMessage } from '@kaoping/contract';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_LOOP_CONFIG } from './config.js';
import { backoffDelay, outboxRow } from './outbox.js';
import { rig, type Rig } from './test-support.js';

let r: Rig;
afterEach(() => r?.store.close());

const cfg = { ...DEFAULT_LOOP_CONFIG.outbox, baseDelayMs: 1000, maxDelayMs: 10_000 };

/** A rig delivering 3 messages at a time, in batches of 10, to a host answering after 5 ms, with `count` messages queued (ids `<prefix>00`, …). */
function slowHostWithQueued(count: number, prefix: string) {
  r = rig({ outbox: { ...cfg, concurrency: 3, batchSize: 10 } });
  const host = r.hosts['tax-collection'];
  host.delayMs = 5;
  const message = (i: number): HostMessage => ({ id: `${prefix}${String(i).padStart(2, '0')}`, kind: 'risk', recipientId: 'P01', title: 'warning', body: `#${i}` });
  r.store.enqueueOutbox(Array.from({ length: count }, (_, i) => outboxRow('tax-collection', message(i), r.clock.now)));
  return { host, message };
}

async function oneQueuedMessage(): Promise<string> {
  r.setRate('P01', '2026-11', { good: 1, bad: 9 });
  await r.loop.scan();
  const [m] = r.store.listOutbox();
  return m.id;
}

describe('outbox delivery', () => {
  it('waits min(maxDelay, base × 2^attempts) after each failure', () => {
    expect([0, 1, 2, 3, 4, 5].map((a) => backoffDelay(a, cfg))).toEqual([1000, 2000, 4000, 8000, 10_000, 10_000]);
  });

  it('retries a message the host refuses three times, then records exactly one delivery', async () => {
    r = rig({ outbox: cfg });
    const id = await oneQueuedMessage();
    const host = r.hosts['tax-collection'];
    host.failures = 3;
    const expectedWaits = [1000, 2000, 4000];
    for (const wait of expectedWaits) {
      const report = await r.loop.tick();
      expect(report.delivery.failed.map((f) => f.id)).toEqual([id]);
      const [m] = r.store.listOutbox();
      expect(m).toMatchObject({ state: 'pending', nextAt: r.clock.now + wait });
      expect(m.lastError).toBe(`Adapter "tax-collection" could not deliver message "${id}": host busy (503)`);
      // Not due yet: another tick before the backoff does not attempt it.
      expect((await r.loop.tick()).delivery).toEqual({ delivered: [], failed: [] });
      r.clock.now += wait;
    }
    expect((await r.loop.tick()).delivery.delivered).toEqual([id]);
    r.clock.now += 60 * 60_000;
    expect((await r.loop.tick()).delivery).toEqual({ delivered: [], failed: [] });
    expect(host.received.map((m) => m.id)).toEqual([id]);
    expect(r.store.listOutbox()).toEqual([expect.objectContaining({ id, state: 'delivered', attempts: 4, deliveredAt: r.clock.now - 60 * 60_000 })]);
  });

  it('keeps the message queued, not dropped, while the host is down for the whole test', async () => {
    r = rig({ outbox: cfg });
    const id = await oneQueuedMessage();
    r.hosts['tax-collection'].down = true;
    for (let i = 0; i < 12; i++) {
      await r.loop.tick();
      r.clock.now += 10_000;
    }
    expect(r.hosts['tax-collection'].received).toEqual([]);
    expect(r.store.listOutbox()).toEqual([expect.objectContaining({
      id, state: 'pending', attempts: 12, lastError: `Adapter "tax-collection" could not deliver message "${id}": connection refused`,
    })]);
  });

  it('keeps retrying a message for an adapter that is not loaded, saying so', async () => {
    r = rig({ outbox: cfg, adapterFor: () => 'erp' });
    const id = await oneQueuedMessage();
    const report = await r.loop.tick();
    expect(report.delivery.failed).toEqual([{ id, attempts: 1, nextAt: r.clock.now + 1000,
      error: `Adapter "erp" could not deliver message "${id}": no loaded adapter with this id can notify` }]);
    expect(r.store.listOutbox({ state: 'pending' })).toHaveLength(1);
  });

  it('shares one run between concurrent ticks, so a message is not pushed twice', async () => {
    r = rig({ outbox: cfg });
    await oneQueuedMessage();
    await Promise.all([r.loop.tick(), r.loop.tick(), r.loop.tick()]);
    expect(r.hosts['tax-collection'].received).toHaveLength(1);
  });

  it('has at most `concurrency` messages on their way at once, started in the order queued, each delivered once', async () => {
    const { host, message } = slowHostWithQueued(25, 'm');
    const report = await r.loop.tick();
    expect(host.mostInFlight).toBe(3);
    expect(host.received.map((m) => m.id)).toEqual(Array.from({ length: 25 }, (_, i) => message(i).id));
    expect(report.delivery.delivered).toHaveLength(25);
    expect(r.store.listOutbox({ state: 'pending' })).toEqual([]);
  });

  it('stops starting messages when the store cannot record an outcome, and throws that once the ones under way have ended', async () => {
    const { host } = slowHostWithQueued(10, 's');
    const settle = r.store.settleOutbox.bind(r.store);
    r.store.settleOutbox = (id, outcome) => {
      if (id === 's01') throw new Error('disk full');
      return settle(id, outcome);
    };
    await expect(r.loop.tick()).rejects.toThrow('disk full');
    // s02 and s03 (started when s00 ended) were under way when s01's outcome failed: they finished;
    // nothing was started after it, and nothing is still running when the tick has thrown.
    expect(host.received.map((m) => m.id)).toEqual(['s00', 's01', 's02', 's03']);
    expect(host.inFlight).toBe(0);
    expect(r.store.listOutbox({ state: 'delivered' }).map((m) => m.id)).toEqual(['s00', 's02', 's03']);
    expect(r.store.listOutbox({ state: 'pending' }).map((m) => m.id)).toEqual(['s01', 's04', 's05', 's06', 's07', 's08', 's09']);
  });
});

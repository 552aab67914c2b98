import { isKaopingError, kpError, type HostMessage, type OutboxMessage, type Store } from '@kaoping/contract';
import type { ResolvedLoopConfig } from './config.js';
import type { Clock, NotifierFor } from './types.js';

/** Wait before the next attempt after `attempts` failed ones: `min(maxDelay, base × 2^attempts)`. */
export function backoffDelay(attempts: number, config: ResolvedLoopConfig['outbox']): number {
  return Math.min(config.maxDelayMs, config.baseDelayMs * 2 ** attempts);
}

/** A new outbox row for a host message; its id is the message id, so enqueueing twice queues it once. */
export function outboxRow(adapter: string, message: HostMessage, now: number): OutboxMessage {
  return { id: message.id, adapter, message, state: 'pending', attempts: 0, nextAt: now, lastError: null, createdAt: now, deliveredAt: null };
}

export interface DeliveryReport {
  delivered: string[];
  failed: { id: string; attempts: number; error: string; nextAt: number }[];
}

export interface OutboxDeps {
  store: Store;
  clock: Clock;
  notifierFor: NotifierFor;
  config: ResolvedLoopConfig['outbox'];
}

function deliveryError(m: OutboxMessage, e: unknown): string {
  if (isKaopingError(e)) return (e as Error).message;
  return kpError('KP_ERR_HOST_DELIVERY', m.adapter, m.id, (e as Error)?.message ?? String(e)).message;
}

/** One attempt at one claimed message; the store records the outcome. */
async function attempt(deps: OutboxDeps, m: OutboxMessage, report: DeliveryReport): Promise<void> {
  const notify = deps.notifierFor(m.adapter);
  try {
    if (notify === undefined) throw kpError('KP_ERR_HOST_DELIVERY', m.adapter, m.id, 'no loaded adapter with this id can notify');
    await notify(m.message as HostMessage);
  } catch (e) {
    const error = deliveryError(m, e);
    const at = deps.clock();
    const nextAt = at + backoffDelay(m.attempts, deps.config);
    await deps.store.settleOutbox(m.id, { delivered: false, at, error, nextAt });
    report.failed.push({ id: m.id, attempts: m.attempts + 1, error, nextAt });
    return;
  }
  if (await deps.store.settleOutbox(m.id, { delivered: true, at: deps.clock() })) report.delivered.push(m.id);
}

/**
 * Attempts every message of a batch, at most `concurrency` at a time, each started in the batch's
 * order. A store failure (recording an outcome) stops new attempts; it is thrown once the attempts
 * under way have ended, so no delivery outlives the call that started it.
 */
async function attemptAll(deps: OutboxDeps, batch: readonly OutboxMessage[], report: DeliveryReport): Promise<void> {
  let next = 0;
  let failure: { error: unknown } | undefined;
  const lane = async (): Promise<void> => {
    while (failure === undefined && next < batch.length) {
      try {
        await attempt(deps, batch[next++], report);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(deps.config.concurrency, batch.length) }, lane));
  if (failure !== undefined) throw failure.error;
}

/**
 * Delivers every message due at `now`, batch by batch. Claimed messages are leased in the store, so
 * a second deliverer (another process) skips them; a host that stays down keeps its messages
 * pending with a growing delay, never dropped.
 */
export async function deliverDue(deps: OutboxDeps, now: number): Promise<DeliveryReport> {
  const report: DeliveryReport = { delivered: [], failed: [] };
  for (;;) {
    const batch = await deps.store.claimOutbox(now, deps.config.leaseMs, deps.config.batchSize);
    await attemptAll(deps, batch, report);
    if (batch.length < deps.config.batchSize) return report;
  }
}

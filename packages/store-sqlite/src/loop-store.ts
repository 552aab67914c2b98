import type { OutboxMessage, OutboxOutcome } from '@kaoping/contract';
import { toMessage } from './outbox.js';
import type { Sql } from './sql.js';

/**
 * The outbox operations of the rectification loop. Enqueue never overwrites (re-enqueueing a
 * delivered message must not send it again); claim leases due rows so two deliverers never push
 * the same message at once; settle only touches pending rows, so a message is delivered once.
 */
export class LoopOutbox {
  readonly #sql: Sql;

  constructor(sql: Sql) {
    this.#sql = sql;
  }

  enqueue(rows: readonly OutboxMessage[]): void {
    const stmt = this.#sql.stmt(
      `INSERT INTO outbox (id, adapter, message, state, attempts, next_at, last_error, created_at, delivered_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`,
    );
    this.#sql.atomic(() => {
      for (const m of rows) {
        stmt.run(m.id, m.adapter, JSON.stringify(m.message), m.state, m.attempts, m.nextAt, m.lastError,
          m.createdAt ?? m.nextAt, m.deliveredAt ?? null);
      }
    });
  }

  claim(now: number, leaseMs: number, limit = 100): OutboxMessage[] {
    return this.#sql.atomic(() => {
      const rows = this.#sql.stmt(
        "SELECT * FROM outbox WHERE state = 'pending' AND next_at <= ? ORDER BY next_at, id LIMIT ?",
      ).all(now, limit) as Parameters<typeof toMessage>[0][];
      const lease = this.#sql.stmt('UPDATE outbox SET next_at = ? WHERE id = ?');
      for (const r of rows) lease.run(now + leaseMs, r.id);
      return rows.map(toMessage);
    });
  }

  settle(id: string, outcome: OutboxOutcome): boolean {
    const info = outcome.delivered
      ? this.#sql.stmt(
        "UPDATE outbox SET state = 'delivered', attempts = attempts + 1, delivered_at = ?, next_at = ? WHERE id = ? AND state = 'pending'",
      ).run(outcome.at, outcome.at, id)
      : this.#sql.stmt(
        "UPDATE outbox SET attempts = attempts + 1, last_error = ?, next_at = ? WHERE id = ? AND state = 'pending'",
      ).run(outcome.error, outcome.nextAt, id);
    return info.changes === 1;
  }
}

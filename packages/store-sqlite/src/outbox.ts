import type { OutboxMessage, OutboxState } from '@kaoping/contract';
import { whereEquals, type Sql } from './sql.js';

export type { OutboxMessage, OutboxState };

interface OutboxRow {
  id: string; adapter: string; message: string; state: OutboxState; attempts: number; next_at: number; last_error: string | null;
  created_at: number | null; delivered_at: number | null;
}

/** Durable push queue: enqueue in the same transaction as the task it announces, deliver later. */
export class Outbox {
  readonly #sql: Sql;

  constructor(sql: Sql) {
    this.#sql = sql;
  }

  /** Inserts or updates by id (an update records a delivery attempt's outcome). */
  put(rows: readonly OutboxMessage[]): void {
    const stmt = this.#sql.stmt(
      `INSERT INTO outbox (id, adapter, message, state, attempts, next_at, last_error) VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET adapter = excluded.adapter, message = excluded.message, state = excluded.state,
         attempts = excluded.attempts, next_at = excluded.next_at, last_error = excluded.last_error`,
    );
    this.#sql.atomic(() => {
      for (const m of rows) stmt.run(m.id, m.adapter, JSON.stringify(m.message), m.state, m.attempts, m.nextAt, m.lastError);
    });
  }

  /** Pending messages due at `now`, oldest first. */
  due(now: number, limit = 100): OutboxMessage[] {
    const rows = this.#sql.stmt(
      "SELECT * FROM outbox WHERE state = 'pending' AND next_at <= ? ORDER BY next_at, id LIMIT ?",
    ).all(now, limit) as OutboxRow[];
    return rows.map(toMessage);
  }

  list(query: { state?: OutboxState; adapter?: string } = {}): OutboxMessage[] {
    const { where, params } = whereEquals({ state: query.state, adapter: query.adapter });
    return (this.#sql.stmt(`SELECT * FROM outbox ${where} ORDER BY next_at, id`).all(...params) as OutboxRow[]).map(toMessage);
  }
}

export function toMessage(r: OutboxRow): OutboxMessage {
  return {
    id: r.id, adapter: r.adapter, message: JSON.parse(r.message), state: r.state, attempts: r.attempts,
    nextAt: r.next_at, lastError: r.last_error, createdAt: r.created_at, deliveredAt: r.delivered_at,
  };
}

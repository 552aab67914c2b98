import type { Sql } from './sql.js';

/** An API token; only a hash of its secret is stored, never the secret. */
export interface ApiToken {
  id: string;
  hash: string;
  role: string;
  /** Org scope (a unit id, or a person id for staff); null means everything. */
  scope: string | null;
  createdAt: number;
}

interface TokenRow { id: string; hash: string; role: string; scope: string | null; created_at: number }

export class Tokens {
  readonly #sql: Sql;

  constructor(sql: Sql) {
    this.#sql = sql;
  }

  put(token: ApiToken): void {
    this.#sql.stmt(
      `INSERT INTO tokens (id, hash, role, scope, created_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET hash = excluded.hash, role = excluded.role, scope = excluded.scope, created_at = excluded.created_at`,
    ).run(token.id, token.hash, token.role, token.scope, token.createdAt);
  }

  findByHash(hash: string): ApiToken | undefined {
    const row = this.#sql.stmt('SELECT * FROM tokens WHERE hash = ?').get(hash) as TokenRow | undefined;
    return row === undefined ? undefined : toToken(row);
  }

  list(): ApiToken[] {
    return (this.#sql.stmt('SELECT * FROM tokens ORDER BY created_at, id').all() as TokenRow[]).map(toToken);
  }

  /** Returns whether a token was removed. */
  delete(id: string): boolean {
    return this.#sql.stmt('DELETE FROM tokens WHERE id = ?').run(id).changes === 1;
  }
}

function toToken(r: TokenRow): ApiToken {
  return { id: r.id, hash: r.hash, role: r.role, scope: r.scope, createdAt: r.created_at };
}

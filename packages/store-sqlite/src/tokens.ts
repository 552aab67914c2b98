import type { ApiToken, TokenRole } from '@kaoping/contract';
import type { Sql } from './sql.js';

export type { ApiToken } from '@kaoping/contract';

interface TokenRow { id: string; hash: string; role: string; scope: string | null; name: string | null; created_at: number }

/** API tokens; only a hash of each secret is stored, never the secret. */
export class Tokens {
  readonly #sql: Sql;

  constructor(sql: Sql) {
    this.#sql = sql;
  }

  put(token: ApiToken): void {
    this.#sql.stmt(
      `INSERT INTO tokens (id, hash, role, scope, name, created_at) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET hash = excluded.hash, role = excluded.role, scope = excluded.scope,
         name = excluded.name, created_at = excluded.created_at`,
    ).run(token.id, token.hash, token.role, token.scope, token.name ?? null, token.createdAt);
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
  const token: ApiToken = { id: r.id, hash: r.hash, role: r.role as TokenRole, scope: r.scope, createdAt: r.created_at };
  if (r.name !== null) token.name = r.name;
  return token;
}

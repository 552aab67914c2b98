import type { ApiToken, TokenRole } from '@kaoping/contract';
import type { Sql } from './sql.js';
import { TableVersion } from './table-version.js';

export type { ApiToken } from '@kaoping/contract';

interface TokenRow { id: string; hash: string; role: string; scope: string | null; name: string | null; created_at: number; revoked_at: number | null }

/** API tokens; only a hash of each secret is stored, never the secret. */
export class Tokens {
  readonly #sql: Sql;
  readonly #written: TableVersion;
  #version = 0;

  constructor(sql: Sql) {
    this.#sql = sql;
    this.#written = new TableVersion(sql, 'tokens');
  }

  put(token: ApiToken): void {
    this.#sql.stmt(
      `INSERT INTO tokens (id, hash, role, scope, name, created_at, revoked_at) VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET hash = excluded.hash, role = excluded.role, scope = excluded.scope,
         name = excluded.name, created_at = excluded.created_at, revoked_at = excluded.revoked_at`,
    ).run(token.id, token.hash, token.role, token.scope, token.name ?? null, token.createdAt, token.revokedAt ?? null);
    this.#version++;
  }

  findByHash(hash: string): ApiToken | undefined {
    const row = this.#sql.stmt('SELECT * FROM tokens WHERE hash = ?').get(hash) as TokenRow | undefined;
    return row === undefined ? undefined : toToken(row);
  }

  list(): ApiToken[] {
    return (this.#sql.stmt('SELECT * FROM tokens ORDER BY created_at, id').all() as TokenRow[]).map(toToken);
  }

  /** Marks a token revoked (a second revocation keeps the first time); the token as stored, or undefined for an unknown id. */
  revoke(id: string, at: number): ApiToken | undefined {
    if (this.#sql.stmt('UPDATE tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL').run(at, id).changes > 0) this.#version++;
    const row = this.#sql.stmt('SELECT * FROM tokens WHERE id = ?').get(id) as TokenRow | undefined;
    return row === undefined ? undefined : toToken(row);
  }

  /** Returns whether a token was removed. */
  delete(id: string): boolean {
    const removed = this.#sql.stmt('DELETE FROM tokens WHERE id = ?').run(id).changes === 1;
    if (removed) this.#version++;
    return removed;
  }

  /**
   * Changes when the tokens may have changed: after this connection's own token writes, and after
   * another connection's commit that wrote tokens (within a millisecond: see Sql.dataVersion).
   */
  version(): number {
    if (this.#written.moved()) this.#version++;
    return this.#version;
  }
}

function toToken(r: TokenRow): ApiToken {
  const token: ApiToken = { id: r.id, hash: r.hash, role: r.role as TokenRole, scope: r.scope, createdAt: r.created_at };
  if (r.name !== null) token.name = r.name;
  if (r.revoked_at !== null) token.revokedAt = r.revoked_at;
  return token;
}

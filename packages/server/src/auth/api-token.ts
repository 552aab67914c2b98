import { createHash, randomBytes } from 'node:crypto';
import { kpError, type ApiToken, type Store, type TokenRole } from '@kaoping/contract';

export const TOKEN_ROLES: readonly TokenRole[] = ['admin', 'leader', 'staff', 'integrator'];

/** The token text handed to a client once: `kp_` and 32 random bytes, base64url. */
export function generateTokenText(): string {
  return `kp_${randomBytes(32).toString('base64url')}`;
}

/** Only this is stored: a leaked database does not leak usable tokens. */
export function hashToken(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

export interface TokenRequest {
  role: TokenRole;
  /** A leader's unit. */
  unitId?: string;
  /** A staff member's person code. */
  personId?: string;
  name?: string;
}

/** The directory a token's scope is checked against. */
export interface ScopeDirectory {
  hasUnit(id: string): boolean;
  hasPerson(id: string): boolean;
}

/** A leader needs a unit that exists, staff a person that exists; the others take no scope. */
export function scopeOf(request: TokenRequest, directory: ScopeDirectory): string | null {
  const { role, unitId, personId } = request;
  if (!TOKEN_ROLES.includes(role)) throw kpError('KP_ERR_USAGE', `unknown role "${role}"; use one of ${TOKEN_ROLES.join(', ')}`);
  if (role === 'leader') {
    if (!unitId) throw kpError('KP_ERR_USAGE', 'a leader token needs --unit ID (the unit whose subtree it may see)');
    if (personId) throw kpError('KP_ERR_USAGE', 'a leader token takes --unit, not --person');
    if (!directory.hasUnit(unitId)) throw kpError('KP_ERR_NOT_FOUND', 'Unit', unitId);
    return unitId;
  }
  if (role === 'staff') {
    if (!personId) throw kpError('KP_ERR_USAGE', 'a staff token needs --person ID (the person it belongs to)');
    if (unitId) throw kpError('KP_ERR_USAGE', 'a staff token takes --person, not --unit');
    if (!directory.hasPerson(personId)) throw kpError('KP_ERR_NOT_FOUND', 'Person', personId);
    return personId;
  }
  if (unitId || personId) throw kpError('KP_ERR_USAGE', `a ${role} token has no scope; drop --unit/--person`);
  return null;
}

/** Creates and stores a token; the returned text is the only copy of the secret. */
export async function createApiToken(
  store: Store, directory: ScopeDirectory, request: TokenRequest, now: number = Date.now(),
): Promise<{ text: string; token: ApiToken }> {
  const scope = scopeOf(request, directory);
  const text = generateTokenText();
  const token: ApiToken = {
    id: `tok_${randomBytes(6).toString('hex')}`, hash: hashToken(text), role: request.role, scope, createdAt: now,
    ...(request.name ? { name: request.name } : {}),
  };
  await store.putToken(token);
  return { text, token };
}

/** What may be shown of a token (CLI list, GET /v1/tokens): never the secret's hash. */
export interface TokenInfo {
  id: string;
  name: string | null;
  role: TokenRole;
  /** The leader's unit or the staff member's person, as `unit` / `person`. */
  unit: string | null;
  person: string | null;
  createdAt: number;
  revokedAt: number | null;
}

export function tokenInfo(token: ApiToken): TokenInfo {
  return {
    id: token.id, name: token.name ?? null, role: token.role,
    unit: token.role === 'leader' ? token.scope : null, person: token.role === 'staff' ? token.scope : null,
    createdAt: token.createdAt, revokedAt: token.revokedAt ?? null,
  };
}

/**
 * Revokes a token: from the next request on it answers 401 "revoked" (the server's token cache
 * follows the store's `tokensVersionSync`). `already` tells a repeat, which changes nothing.
 */
export async function revokeApiToken(store: Store, id: string, now: number = Date.now()): Promise<{ token: TokenInfo; already: boolean }> {
  if (!store.revokeToken) throw kpError('KP_ERR_STORE', `this ${store.kind} store cannot revoke tokens (it has no revokeToken); use the SQLite store`);
  // Tokens are a handful of rows: reading them first tells a repeat apart whatever the clock says.
  const before = (await store.listTokens()).find((t) => t.id === id);
  if (!before) throw kpError('KP_ERR_NOT_FOUND', 'Token', id);
  if (before.revokedAt != null) return { token: tokenInfo(before), already: true };
  return { token: tokenInfo((await store.revokeToken(id, now)) ?? before), already: false };
}

import type { ApiToken, TokenRole } from '@kaoping/contract';

/** Who is calling, as the token says. */
export interface Caller {
  tokenId: string;
  role: TokenRole;
  /** A leader's unit. */
  unitId?: string;
  /** A staff member's person code. */
  personId?: string;
  name?: string;
}

export function callerOf(token: ApiToken): Caller {
  const caller: Caller = { tokenId: token.id, role: token.role };
  if (token.role === 'leader' && token.scope) caller.unitId = token.scope;
  if (token.role === 'staff' && token.scope) caller.personId = token.scope;
  if (token.name) caller.name = token.name;
  return caller;
}

/** `leader (unit 11401000000 and its subtree)`: how 403 messages name the caller's scope. */
export function describeScope(caller: Caller): string {
  switch (caller.role) {
    case 'admin': return 'admin (everything)';
    case 'leader': return `leader (unit ${caller.unitId} and its subtree)`;
    case 'staff': return `staff (person ${caller.personId} only)`;
    case 'integrator': return 'integrator (ingest and hook only)';
  }
}

/** Who did it, for task transitions, decisions and comments: the person when the token has one. */
export function actorOf(caller: Caller): string {
  return caller.personId ?? caller.name ?? caller.tokenId;
}

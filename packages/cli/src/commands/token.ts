import type { TokenRole } from '@kaoping/contract';
import { createApiToken, revokeApiToken, tokenInfo, TOKEN_ROLES, type TokenInfo } from '@kaoping/server';
import { nounCommand, type VerbContext } from '../runtime/subcommands.js';
import { localTime, printRows, type Column } from '../runtime/table.js';

const TOKEN_COLUMNS: readonly Column<TokenInfo>[] = [
  { header: '编号 id', cell: (t) => t.id },
  { header: '名称 name', cell: (t) => t.name ?? '—' },
  { header: '角色 role', cell: (t) => t.role },
  { header: '范围 scope', cell: (t) => (t.unit ? `unit ${t.unit}` : t.person ? `person ${t.person}` : '—') },
  { header: '创建 created', cell: (t) => localTime(t.createdAt) },
  { header: '吊销 revoked', cell: (t) => localTime(t.revokedAt) },
];

async function create(ctx: VerbContext): Promise<void> {
  const role = ctx.flag('role') as TokenRole;
  if (!TOKEN_ROLES.includes(role)) throw ctx.usageError(`unknown role "${role}"; use one of ${TOKEN_ROLES.join(', ')}`);
  const { kernel } = await ctx.open();
  const { text, token } = await createApiToken(kernel.store!, kernel.directory, {
    role, unitId: ctx.optional('unit'), personId: ctx.optional('person'), name: ctx.optional('name'),
  }, ctx.now());
  const scope = token.scope ? ` scope ${token.scope}` : '';
  console.error(`created token ${token.id} (role ${token.role}${scope}${token.name ? `, "${token.name}"` : ''}); it is shown once, keep it now:`);
  console.log(text);
}

async function list(ctx: VerbContext): Promise<void> {
  const tokens = (await (await ctx.store()).listTokens()).map(tokenInfo);
  printRows(tokens, TOKEN_COLUMNS, ctx.json, '没有令牌 no tokens (kaoping token create …)');
}

async function revoke(ctx: VerbContext): Promise<void> {
  const id = ctx.id('token');
  const { token, already } = await revokeApiToken(await ctx.store(), id, ctx.now());
  const when = localTime(token.revokedAt);
  if (ctx.json) console.log(JSON.stringify({ ...token, already }));
  else if (already) console.log(`token ${id} was already revoked at ${when}; nothing changed`);
  else console.log(`revoked token ${id} (role ${token.role}${token.name ? `, "${token.name}"` : ''}) at ${when}; it is refused from the next request on`);
}

/** `kaoping token create|list|revoke`: API tokens for the HTTP server; only a hash of each secret is stored. */
export const tokenCommand = nounCommand({
  name: 'token',
  summary: 'API tokens for the HTTP server: create (printed once; only its hash is stored), list, revoke',
  options: { role: { type: 'string' }, unit: { type: 'string' }, person: { type: 'string' }, name: { type: 'string' } },
  verbs: {
    create: {
      usage: 'kaoping token create --db FILE --role admin|leader|staff|integrator [--unit ID | --person ID] [--name TEXT] [--config FILE]',
      run: create,
    },
    list: { usage: 'kaoping token list --db FILE [--json]', run: list },
    revoke: { usage: 'kaoping token revoke --db FILE ID [--json]', run: revoke },
  },
});

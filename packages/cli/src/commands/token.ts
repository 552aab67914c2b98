import { kpError, type TokenRole } from '@kaoping/contract';
import { createApiToken, TOKEN_ROLES } from '@kaoping/server';
import { requireString, type Command } from '../command.js';
import { openRuntime } from '../runtime/open-runtime.js';

/** `kaoping token create`: makes an API token and prints it once; only its hash is stored. */
export const tokenCommand: Command = {
  name: 'token',
  summary: 'Create an API token for the HTTP server (printed once; only its hash is stored)',
  usage: 'kaoping token create --db FILE --role admin|leader|staff|integrator [--unit ID | --person ID] [--name TEXT] [--config FILE]',
  options: {
    db: { type: 'string' }, role: { type: 'string' }, unit: { type: 'string' }, person: { type: 'string' },
    name: { type: 'string' }, config: { type: 'string' },
  },
  async run(args) {
    if (args.positionals[0] !== 'create') throw kpError('KP_ERR_USAGE', `unknown token action "${args.positionals[0] ?? ''}"\nusage: ${tokenCommand.usage}`);
    const db = requireString(args, 'db', tokenCommand);
    const role = requireString(args, 'role', tokenCommand) as TokenRole;
    if (!TOKEN_ROLES.includes(role)) throw kpError('KP_ERR_USAGE', `unknown role "${role}"; use one of ${TOKEN_ROLES.join(', ')}\nusage: ${tokenCommand.usage}`);
    const runtime = await openRuntime({ db, config: args.values.config as string | undefined });
    try {
      const { text, token } = await createApiToken(runtime.kernel.store!, runtime.kernel.directory, {
        role,
        unitId: args.values.unit as string | undefined,
        personId: args.values.person as string | undefined,
        name: args.values.name as string | undefined,
      });
      const scope = token.scope ? ` scope ${token.scope}` : '';
      console.error(`created token ${token.id} (role ${token.role}${scope}${token.name ? `, "${token.name}"` : ''}); it is shown once, keep it now:`);
      console.log(text);
    } finally {
      await runtime.close();
    }
  },
};

import helmet, { type FastifyHelmetOptions } from '@fastify/helmet';
import Fastify from 'fastify';

/**
 * The headers @fastify/helmet adds with these options, asked of it once on two throwaway instances
 * (with and without helmet). The plugin builds helmet's middleware anew on every request (CSP
 * directives parsed each time); a host calling the hook on every event should not pay for that
 * when the answer is the same constant set of headers.
 */
export async function securityHeaders(options: FastifyHelmetOptions): Promise<Record<string, string>> {
  const plain = await headersOf(async () => {});
  const secured = await headersOf(async (app) => { await app.register(helmet, options); });
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(secured)) {
    if (!(name in plain) && typeof value === 'string') out[name] = value;
  }
  return out;
}

async function headersOf(setup: (app: ReturnType<typeof Fastify>) => Promise<void>): Promise<Record<string, unknown>> {
  const app = Fastify();
  await setup(app);
  app.get('/', async () => ({}));
  try {
    return (await app.inject({ method: 'GET', url: '/' })).headers;
  } finally {
    await app.close();
  }
}

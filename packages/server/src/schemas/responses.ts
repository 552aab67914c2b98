import { ref } from './models.js';

const ERROR_STATUSES = [400, 401, 403, 404, 413, 429, 500] as const;

/** A route's responses: its 200 shape and the one error shape for every refusal it can answer. */
export function responses(ok: unknown, extra: readonly number[] = []): Record<string, unknown> {
  const out: Record<string, unknown> = { 200: ok };
  for (const status of [...ERROR_STATUSES, ...extra]) out[status] = ref('Error');
  return out;
}

/** Routes without a query string still declare one, so an unknown parameter is named, not ignored. */
export const noQuery = { type: 'object', additionalProperties: false, properties: {} } as const;

export const periodParam = { type: 'string', pattern: '^\\d{4}(-(Q[1-4]|0[1-9]|1[0-2]))?$', description: '2026, 2026-Q3 or 2026-11' } as const;
export const idParam = { type: 'string', minLength: 1, maxLength: 128 } as const;

import { createHash } from 'node:crypto';

/** JSON with object keys sorted at every level, so equal params always print the same. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const keys = Object.keys(value).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** What every result records to say which params produced it: sha256 of the canonical JSON, 16 hex. */
export function paramsHash(params: unknown): string {
  return createHash('sha256').update(canonicalJson(params)).digest('hex').slice(0, 16);
}

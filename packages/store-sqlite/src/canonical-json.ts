/**
 * JSON with object keys sorted at every depth and no whitespace: the same data always gives the
 * same text, whatever order its keys were built in — what a hash over data needs.
 * Follows JSON.stringify otherwise (toJSON, undefined members dropped, non-finite numbers → null).
 */
export function canonicalJson(value: unknown): string {
  if (value !== null && typeof value === 'object') {
    const withToJson = value as { toJSON?: () => unknown };
    if (typeof withToJson.toJSON === 'function') return canonicalJson(withToJson.toJSON());
    if (Array.isArray(value)) {
      return `[${value.map((v) => (isOmitted(v) ? 'null' : canonicalJson(v))).join(',')}]`;
    }
    const record = value as Record<string, unknown>;
    const members = Object.keys(record)
      .sort()
      .filter((k) => !isOmitted(record[k]))
      .map((k) => `${JSON.stringify(k)}:${canonicalJson(record[k])}`);
    return `{${members.join(',')}}`;
  }
  return isOmitted(value) ? 'null' : JSON.stringify(value);
}

function isOmitted(v: unknown): boolean {
  return v === undefined || typeof v === 'function' || typeof v === 'symbol';
}

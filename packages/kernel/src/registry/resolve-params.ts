import type { Ajv } from 'ajv';
import { formatIssues, kpError, toIssues, type JsonSchema } from '@kaoping/contract';

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Overlays `over` on `base`: nested objects merge key by key, anything else (arrays too) replaces. */
export function overlay(base: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(over)) out[k] = isPlainObject(v) && isPlainObject(out[k]) ? overlay(out[k] as Record<string, unknown>, v) : v;
  return out;
}

/**
 * A plugin's params: the deployment's overlaid on the plugin's defaults, validated by the
 * plugin's own schema. Throws KP_ERR_PARAMS_INVALID naming the field.
 */
export function resolveParams(
  ajv: Ajv,
  pluginId: string,
  spec: { schema: JsonSchema; defaults: Record<string, unknown> } | undefined,
  overrides: Record<string, unknown> | undefined,
): Record<string, unknown> {
  const params = overlay(spec?.defaults ?? {}, overrides ?? {});
  if (!spec) return params;
  let validate;
  try {
    validate = ajv.compile(spec.schema);
  } catch (e) {
    throw kpError('KP_ERR_PARAMS_INVALID', pluginId, `the plugin's params schema does not compile: ${(e as Error).message}`);
  }
  if (!validate(params)) throw kpError('KP_ERR_PARAMS_INVALID', pluginId, formatIssues(toIssues(validate.errors)));
  return params;
}

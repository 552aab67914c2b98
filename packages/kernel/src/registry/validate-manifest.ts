import type { ValidateFunction } from 'ajv';
import { createAjv, formatIssues, kpError, manifestOf, manifestSchema, toIssues, type Manifest } from '@kaoping/contract';

let validator: ValidateFunction | undefined;

/** The functions each kind of definition must carry beside its manifest. */
const REQUIRED_FUNCTIONS: Record<string, readonly string[]> = {
  indicator: ['init', 'add', 'merge', 'value'],
  rule: ['init', 'add', 'merge', 'decide'],
  gate: ['decide'],
  adapter: ['read', 'normalize'],
};

/** A readable name for a definition whose manifest may be broken: its id if it has one. */
export function nameOf(def: object, fallback: string): string {
  const id = (def as { id?: unknown }).id;
  return typeof id === 'string' && id !== '' ? id : fallback;
}

/**
 * Checks a definition's manifest (plain data only) against the contract's schema, and that the
 * functions its kind needs are there, before any plugin code runs. Throws KP_ERR_MANIFEST_INVALID
 * naming the field.
 */
export function validateManifest(def: object, moduleSpec: string): Manifest {
  validator ??= createAjv().compile(manifestSchema);
  const manifest = manifestOf(def);
  const name = nameOf(def, moduleSpec);
  if (!validator(manifest)) throw kpError('KP_ERR_MANIFEST_INVALID', name, formatIssues(toIssues(validator.errors)));
  const missing = (REQUIRED_FUNCTIONS[manifest.kind] ?? []).filter((f) => typeof (def as Record<string, unknown>)[f] !== 'function');
  if (missing.length) throw kpError('KP_ERR_MANIFEST_INVALID', name, `/${missing[0]} must be a function (a ${manifest.kind} needs ${REQUIRED_FUNCTIONS[manifest.kind].join(', ')})`);
  if (manifest.kind === 'adapter') {
    const config = (def as { config?: { schema?: unknown; defaults?: unknown } }).config;
    if (typeof config?.schema !== 'object' || typeof config?.defaults !== 'object') {
      throw kpError('KP_ERR_MANIFEST_INVALID', name, '/config must have a JSON Schema `schema` and `defaults`');
    }
  }
  return manifest;
}

import { kpError } from '@kaoping/contract';
import { resolveModule } from './resolve-module.js';

/**
 * Imports a plugin module and returns its default export, which must be a definition object.
 * Every way this can go wrong (not found, throws on import, no default export) becomes one
 * KP_ERR_PLUGIN_LOAD naming the specifier, so the caller marks the plugin failed and goes on.
 */
export async function importPlugin(spec: string, bases: readonly string[]): Promise<object> {
  let mod: { default?: unknown };
  try {
    mod = (await import(resolveModule(spec, bases))) as { default?: unknown };
  } catch (e) {
    throw kpError('KP_ERR_PLUGIN_LOAD', spec, (e as Error)?.message ?? String(e));
  }
  const def = mod.default;
  if (def === undefined) throw kpError('KP_ERR_PLUGIN_LOAD', spec, 'the module has no default export');
  if (typeof def !== 'object' || def === null || Array.isArray(def)) {
    throw kpError('KP_ERR_PLUGIN_LOAD', spec, `the default export is ${Array.isArray(def) ? 'an array' : typeof def}, not a plugin definition`);
  }
  return def;
}

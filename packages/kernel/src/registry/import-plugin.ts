import { kpError } from '@kaoping/contract';
import { resolveModule } from './resolve-module.js';

/** A plugin's definition and the `file:` URL it was imported from (what worker threads import again). */
export interface ImportedPlugin {
  definition: object;
  url: string;
}

/**
 * Imports a plugin module and returns its default export, which must be a definition object.
 * Every way this can go wrong (not found, throws on import, no default export) becomes one
 * KP_ERR_PLUGIN_LOAD naming the specifier, so the caller marks the plugin failed and goes on.
 */
export async function importPlugin(spec: string, bases: readonly string[]): Promise<object> {
  return (await importPluginModule(spec, bases)).definition;
}

/** `importPlugin`, also giving the resolved module URL. */
export async function importPluginModule(spec: string, bases: readonly string[]): Promise<ImportedPlugin> {
  let mod: { default?: unknown };
  let url: string;
  try {
    url = resolveModule(spec, bases);
    mod = (await import(url)) as { default?: unknown };
  } catch (e) {
    throw kpError('KP_ERR_PLUGIN_LOAD', spec, (e as Error)?.message ?? String(e));
  }
  const def = mod.default;
  if (def === undefined) throw kpError('KP_ERR_PLUGIN_LOAD', spec, 'the module has no default export');
  if (typeof def !== 'object' || def === null || Array.isArray(def)) {
    throw kpError('KP_ERR_PLUGIN_LOAD', spec, `the default export is ${Array.isArray(def) ? 'an array' : typeof def}, not a plugin definition`);
  }
  return { definition: def, url };
}

import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { KaopingError, kpError } from '@kaoping/contract';
import { FIRST_PARTY_ADAPTERS, FIRST_PARTY_PLUGINS } from './first-party.js';
import { configSchema, DEFAULT_PERIODS, DEFAULT_PLUGIN_TIMEOUT_MS, type KaopingConfig, type ResolvedConfig } from './schema.js';

export const CONFIG_FILE_NAME = 'kaoping.config.json';

let validator: ValidateFunction | undefined;

function validateConfig(): ValidateFunction {
  // verbose: the error then carries its schema, so an unknown key can list the allowed ones.
  validator ??= new Ajv({ allErrors: true, strict: false, verbose: true }).compile(configSchema);
  return validator;
}

function describe(e: ErrorObject): { path: string; message: string } {
  const path = e.instancePath || '/';
  if (e.keyword === 'additionalProperties') {
    const key = (e.params as { additionalProperty: string }).additionalProperty;
    const allowed = Object.keys((e.parentSchema as { properties?: object } | undefined)?.properties ?? {}).filter((k) => k !== '$schema');
    return { path, message: `unknown key "${key}" (allowed: ${allowed.join(', ')})` };
  }
  if (e.keyword === 'enum') {
    const values = (e.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(', ');
    return { path, message: `must be one of ${values}` };
  }
  return { path, message: e.message ?? 'is invalid' };
}

/** Throws KP_ERR_CONFIG_INVALID naming the first offending key path (and listing any others). */
export function assertValidConfig(value: unknown, file?: string): asserts value is KaopingConfig {
  const validate = validateConfig();
  if (validate(value)) return;
  const issues = (validate.errors ?? []).map(describe);
  const [first, ...rest] = issues;
  const more = rest.length ? `; also ${rest.map((i) => `${i.path} ${i.message}`).join('; ')}` : '';
  const where = file ? ` (in ${file})` : '';
  throw new KaopingError('KP_ERR_CONFIG_INVALID', [first.path, `${first.message}${more}${where}`], { issues, file });
}

function readConfigFile(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw kpError('KP_ERR_CONFIG_UNREADABLE', file, (e as Error).message);
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw kpError('KP_ERR_CONFIG_UNREADABLE', file, (e as Error).message);
  }
}

/** Fills in the defaults: an omitted plugin or adapter list means the first-party ones. */
export function resolveConfig(config: KaopingConfig, baseDir: string, file?: string): ResolvedConfig {
  return {
    plugins: [...(config.plugins ?? FIRST_PARTY_PLUGINS)],
    adapters: [...(config.adapters ?? FIRST_PARTY_ADAPTERS)],
    params: { ...(config.params ?? {}) },
    adapterConfig: { ...(config.adapterConfig ?? {}) },
    pluginTimeoutMs: config.pluginTimeoutMs ?? DEFAULT_PLUGIN_TIMEOUT_MS,
    periods: [...(config.periods ?? DEFAULT_PERIODS)],
    scoring: { ...(config.scoring ?? {}) },
    loop: { ...(config.loop ?? {}) },
    store: { ...(config.store ?? {}) },
    baseDir,
    ...(file ? { file } : {}),
  };
}

/**
 * The kernel's config from, in order: the object given, the file given, `kaoping.config.json`
 * in `cwd`, or the defaults. Relative paths in a file are read from the file's folder.
 */
export function loadConfig(input: KaopingConfig | string | undefined, cwd: string): ResolvedConfig {
  if (typeof input === 'object' && input !== null) {
    assertValidConfig(input);
    return resolveConfig(input, cwd);
  }
  const file = typeof input === 'string' ? resolve(cwd, input) : resolve(cwd, CONFIG_FILE_NAME);
  if (typeof input !== 'string' && !existsSync(file)) return resolveConfig({}, cwd);
  const raw = readConfigFile(file);
  assertValidConfig(raw, file);
  return resolveConfig(raw, dirname(file), file);
}

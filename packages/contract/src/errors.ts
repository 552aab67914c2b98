/**
 * The one catalogue of Kaoping's coded errors. Every error a user can meet has a code,
 * a message template that says what was wrong and where, and a fix that says what to do.
 * `docs/errors.md` lists the same codes; a test keeps the two in step.
 */
export interface ErrorSpec {
  readonly message: string;
  readonly fix: string;
}

export const ERRORS = {
  KP_ERR_CONFIG_INVALID: {
    message: 'Invalid configuration at %s: %s',
    fix: 'Correct the named key in kaoping.config.json; the message lists what is allowed there.',
  },
  KP_ERR_CONFIG_UNREADABLE: {
    message: 'Cannot read configuration file %s: %s',
    fix: 'Make the file valid JSON, or remove it to start with the default plugins and adapters.',
  },
  KP_ERR_PLUGIN_LOAD: {
    message: 'Cannot load plugin module "%s": %s',
    fix: 'Check the module specifier in kaoping.config.json (a package name or a path) and that the module has a default export made with defineIndicator/defineAdapter/defineRule/defineGate.',
  },
  KP_ERR_MANIFEST_INVALID: {
    message: 'Plugin "%s" has an invalid manifest: %s',
    fix: 'Fix the named manifest field in the plugin definition; plugin code does not run until its manifest is valid.',
  },
  KP_ERR_API_INCOMPATIBLE: {
    message: 'Plugin "%s" requires contract api "%s" but this kernel provides contract %s',
    fix: 'Rebuild the plugin against a compatible @kaoping/contract, or widen its `api` range if it really works with this contract.',
  },
  KP_ERR_DUPLICATE_PLUGIN: {
    message: 'Plugin id "%s" is already registered (first by %s, again by %s)',
    fix: 'Give each plugin a unique id, or list the module only once in kaoping.config.json.',
  },
  KP_ERR_DEPENDENCY_CYCLE: {
    message: 'Plugin dependency cycle: %s',
    fix: 'Break the cycle: one of the plugins on the path must stop depending on the next, or make that dependency optional.',
  },
  KP_ERR_DEPENDENCY_MISSING: {
    message: 'Plugin "%s" requires "%s", which is %s',
    fix: 'Install and list the required plugin, fix it if it failed, or declare the dependency optional.',
  },
  KP_ERR_PLUGIN_SETUP_FAILED: {
    message: 'Plugin "%s" failed in %s: %s',
    fix: 'See the plugin\'s own error above; the rest of the kernel keeps running without this plugin.',
  },
  KP_ERR_PLUGIN_TIMEOUT: {
    message: 'Plugin "%s" did not finish %s within %d ms',
    fix: 'Make the phase return sooner (do slow work lazily), or raise `pluginTimeoutMs` in kaoping.config.json.',
  },
  KP_ERR_PARAMS_INVALID: {
    message: 'Invalid params for "%s": %s',
    fix: 'Correct the params of this plugin in kaoping.config.json (`params.<plugin id>`); they must match the plugin\'s params schema.',
  },
  KP_ERR_EVENT_INVALID: {
    message: 'Invalid event: %s',
    fix: 'Send an ActivityEvent as described by the contract\'s activity-event schema: id, source, type, occurredAt (epoch ms), attrs (flat).',
  },
  KP_ERR_KERNEL_NOT_STARTED: {
    message: 'The kernel is not started (state: %s); cannot %s',
    fix: 'Call `await kernel.start()` before using the kernel, and do not use it after `stop()`.',
  },
  KP_ERR_PERIOD_INVALID: {
    message: 'Invalid period "%s"',
    fix: 'Write a period as a year (2026), a quarter (2026-Q3) or a month (2026-11).',
  },
  KP_ERR_RECORD_INVALID: {
    message: '%s line %d: %s',
    fix: 'Correct the record in the host export (the reason names the field), then import the folder again; accepted records are not imported twice.',
  },
  KP_ERR_RECORD_UNKNOWN_REFERENCE: {
    message: '%s line %d: unknown %s code "%s"',
    fix: 'Import the HR directory (units.csv, people.csv) that defines the code, or correct the code in the host export.',
  },
  KP_ERR_ENCODING: {
    message: '%s: %s',
    fix: 'Export the file in the encoding the adapter expects (HR: GBK, others: UTF-8) or set `encoding` in the adapter config.',
  },
  KP_ERR_SOURCE_MISSING: {
    message: 'Adapter "%s" cannot find %s',
    fix: 'Point the adapter config at the folder that holds the host export, or skip the adapter.',
  },
  KP_ERR_HOST_DELIVERY: {
    message: 'Adapter "%s" could not deliver message "%s": %s',
    fix: 'Check the adapter\'s delivery settings (webhookUrl or outboxDir in its config) and that the host accepts messages; undelivered messages stay in the outbox and are retried.',
  },
  KP_ERR_TASK_TRANSITION: {
    message: 'Task "%s" cannot go from %s to %s; allowed from %s: %s',
    fix: 'Make one of the allowed transitions (open → acknowledged → submitted → verified | reopened; reopened → acknowledged | submitted); a verified task is closed, raise a new risk instead.',
  },
  KP_ERR_APPEAL_INVALID: {
    message: 'Appeal %s: %s',
    fix: 'Appeal your own result, risk or tier with a reason, once while an appeal on it is open; decide an open appeal with a reason, and give the adjusted value, score or tier when accepting a result or tier appeal.',
  },
  KP_ERR_STORE: {
    message: 'Store error: %s',
    fix: 'Check that the database file is writable and not opened by another version of Kaoping; run `kaoping import` again, it is idempotent.',
  },
  KP_ERR_NOT_FOUND: {
    message: '%s "%s" not found',
    fix: 'Check the id; list what exists with the matching `kaoping` command or API route.',
  },
  KP_ERR_UNAUTHORIZED: {
    message: '%s',
    fix: 'Send `Authorization: Bearer <token>` with every /v1 request; an administrator creates a token with `kaoping token create --db FILE --role admin|leader|staff|integrator`.',
  },
  KP_ERR_FORBIDDEN: {
    message: '%s',
    fix: 'Use a token whose role and scope cover the request (admin sees everything, a leader its unit subtree, staff themselves, an integrator only ingest and hook), or ask an administrator for one.',
  },
  KP_ERR_REQUEST_INVALID: {
    message: 'Invalid request: %s',
    fix: 'Correct the named field; the API\'s OpenAPI document at /openapi.json (rendered at /docs) lists what each route accepts.',
  },
  KP_ERR_PAYLOAD_TOO_LARGE: {
    message: 'Request body of %s is over the limit of %s for %s',
    fix: 'Send fewer records per request (split the batch), or raise the server\'s body limit (`bodyLimit` / `ingestBodyLimit` of buildServer).',
  },
  KP_ERR_RATE_LIMITED: {
    message: 'Too many requests: %s',
    fix: 'Wait for the time the message names (also in the Retry-After header) and send fewer, larger batches.',
  },
  KP_ERR_PERIOD_NOT_CLOSED: {
    message: 'Period %s has not been closed: no results are stored for it',
    fix: 'Close the period first (`kaoping close --db FILE --period P`, or `closePeriod(kernel, P)`), then export it.',
  },
  KP_ERR_BATCH_FAILED: {
    message: 'Batch evaluation of period %s failed: the events with rowid %d–%d failed %d times; last error: %s',
    fix: 'If the last error names a plugin, fix that plugin (it throws on the named event) or take it out of kaoping.config.json; if a worker ran out of memory, use a smaller --chunk-size or fewer --workers; then run the evaluation again.',
  },
  KP_ERR_INTERNAL: {
    message: 'Internal error: %s',
    fix: 'This is a bug in Kaoping or one of its plugins; the server log has the stack. Report it with the request that caused it.',
  },
  KP_ERR_USAGE: {
    message: '%s',
    fix: 'Run `kaoping help` (or `kaoping <command> --help`) for the arguments each command takes.',
  },
  KP_ERR_TARGET_NOT_EMPTY: {
    message: 'Cannot create the %s in %s: the folder exists and is not empty (it holds %s)',
    fix: 'Pick another folder with --dir (or another NAME), or move the existing folder away; `kaoping new` never overwrites files.',
  },
} as const satisfies Record<string, ErrorSpec>;

export type ErrorCode = keyof typeof ERRORS;

function format(template: string, args: readonly unknown[]): string {
  let i = 0;
  return template.replace(/%[sd]/g, () => String(args[i++]));
}

/** A Kaoping error: `code` to branch on, `message` to show, `fix` to act on. */
export class KaopingError extends Error {
  readonly code: ErrorCode;
  readonly fix: string;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: ErrorCode, args: readonly unknown[] = [], details?: Record<string, unknown>) {
    const spec: ErrorSpec = ERRORS[code];
    super(format(spec.message, args));
    this.name = 'KaopingError';
    this.code = code;
    this.fix = spec.fix;
    this.details = details;
  }

  toJSON(): { code: ErrorCode; message: string; fix: string; details?: Record<string, unknown> } {
    return { code: this.code, message: this.message, fix: this.fix, ...(this.details ? { details: this.details } : {}) };
  }
}

/** Builds a coded error; `kpError('KP_ERR_PERIOD_INVALID', '2026-13')`. */
export function kpError(code: ErrorCode, ...args: unknown[]): KaopingError {
  return new KaopingError(code, args);
}

export function isKaopingError(e: unknown): e is KaopingError {
  return e instanceof KaopingError || (typeof e === 'object' && e !== null && typeof (e as { code?: unknown }).code === 'string' && String((e as { code: string }).code).startsWith('KP_ERR_'));
}

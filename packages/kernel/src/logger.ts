import type { PluginLogger } from '@kaoping/contract';

/** The kernel's logger: the same three levels a plugin gets, so a host can pass one object for both. */
export type Logger = PluginLogger;

/**
 * The default logger writes warnings and errors to stderr and keeps info quiet, so an embedding
 * host is not flooded; hosts that want more pass their own.
 */
export function createConsoleLogger(): Logger {
  const write = (level: string, msg: string, data?: Record<string, unknown>): void => {
    console.error(`[kaoping] ${level}: ${msg}${data ? ` ${JSON.stringify(data)}` : ''}`);
  };
  return {
    info: () => {},
    warn: (msg, data) => write('warn', msg, data),
    error: (msg, data) => write('error', msg, data),
  };
}

/** A logger that prefixes every message with the plugin id, handed to that plugin. */
export function childLogger(parent: Logger, pluginId: string): Logger {
  return {
    info: (msg, data) => parent.info(`${pluginId}: ${msg}`, data),
    warn: (msg, data) => parent.warn(`${pluginId}: ${msg}`, data),
    error: (msg, data) => parent.error(`${pluginId}: ${msg}`, data),
  };
}

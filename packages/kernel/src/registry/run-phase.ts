import { kpError } from '@kaoping/contract';

export type Phase = 'setup' | 'start' | 'stop';

/**
 * Runs one lifecycle phase of one plugin under a timeout: a throw becomes
 * KP_ERR_PLUGIN_SETUP_FAILED, a phase still pending after `timeoutMs` KP_ERR_PLUGIN_TIMEOUT.
 * (A phase that blocks the thread synchronously cannot be timed out from the same thread.)
 */
export async function runPhase(pluginId: string, phase: Phase, fn: () => unknown, timeoutMs: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = kpError('KP_ERR_PLUGIN_TIMEOUT', pluginId, phase, timeoutMs);
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(timedOut), timeoutMs);
  });
  try {
    await Promise.race([Promise.resolve().then(fn), timeout]).catch((e: unknown) => {
      if (e === timedOut) throw e;
      throw kpError('KP_ERR_PLUGIN_SETUP_FAILED', pluginId, phase, (e as Error)?.message ?? String(e));
    });
  } finally {
    clearTimeout(timer);
  }
}

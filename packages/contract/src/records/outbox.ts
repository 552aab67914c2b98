import { appendFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { HostMessage } from '../adapter.js';
import { kpError } from '../errors.js';

/**
 * Appends a message as one JSON line to `<outboxDir>/<adapterId>-outbox.ndjson`, the
 * drop folder a host polls for its to-do list. One `appendFile` per message, so lines
 * from concurrent deliveries never interleave.
 */
export async function appendOutbox(adapterId: string, outboxDir: string | undefined, message: HostMessage): Promise<void> {
  if (!outboxDir) {
    throw kpError('KP_ERR_CONFIG_INVALID', `adapters.${adapterId}.outboxDir`, 'is not set, so notify has nowhere to deliver messages; set it to a folder the host reads');
  }
  await mkdir(outboxDir, { recursive: true });
  await appendFile(join(outboxDir, `${adapterId}-outbox.ndjson`), `${JSON.stringify(message)}\n`, 'utf8');
}

/** POSTs a message as JSON; throws KP_ERR_HOST_DELIVERY unless the host answers 2xx. */
export async function postMessage(adapterId: string, url: string | undefined, message: HostMessage): Promise<void> {
  if (!url) {
    throw kpError('KP_ERR_CONFIG_INVALID', `adapters.${adapterId}.webhookUrl`, 'is not set, so notify has nowhere to deliver messages; set it to the host\'s webhook URL');
  }
  let res: Response;
  try {
    res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json; charset=utf-8' }, body: JSON.stringify(message) });
  } catch (e) {
    throw kpError('KP_ERR_HOST_DELIVERY', adapterId, message.id, `POST ${url} failed: ${(e as Error).message}`);
  }
  // Drain the body so the connection is released even when nobody reads the answer.
  await res.arrayBuffer().catch(() => undefined);
  if (!res.ok) throw kpError('KP_ERR_HOST_DELIVERY', adapterId, message.id, `POST ${url} answered ${res.status} ${res.statusText}`.trim());
}

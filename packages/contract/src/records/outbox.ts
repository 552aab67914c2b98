import { appendFile, mkdir } from 'node:fs/promises';
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
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
  const file = join(outboxDir, `${adapterId}-outbox.ndjson`);
  const line = `${JSON.stringify(message)}\n`;
  // The folder is made only when missing: a mkdir per message was a tenth of a delivery's cost.
  try {
    await appendFile(file, line, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    await mkdir(outboxDir, { recursive: true });
    await appendFile(file, line, 'utf8');
  }
}

/** How long a host may take to answer a message before the attempt counts as failed (and is retried later). */
const POST_TIMEOUT_MS = 10_000;
/**
 * Connections kept open between messages: a loop delivering thousands of messages to one host
 * reuses them. node:http rather than fetch: fetch cost about three times the CPU per message.
 */
const agents = { 'http:': new HttpAgent({ keepAlive: true }), 'https:': new HttpsAgent({ keepAlive: true }) };

/** POSTs `body` as JSON; resolves with the answer's status once its body has been read (so the connection is free again). */
function postJson(url: URL, body: string): Promise<{ status: number; statusText: string }> {
  const secure = url.protocol === 'https:';
  if (!secure && url.protocol !== 'http:') return Promise.reject(new Error(`unsupported protocol ${url.protocol} (use http: or https:)`));
  return new Promise((resolve, reject) => {
    const req = (secure ? httpsRequest : httpRequest)(url, {
      method: 'POST', agent: agents[url.protocol as 'http:' | 'https:'], timeout: POST_TIMEOUT_MS,
      headers: { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) },
    }, (res: IncomingMessage) => {
      res.resume();
      res.once('end', () => resolve({ status: res.statusCode ?? 0, statusText: res.statusMessage ?? '' }));
      res.once('error', reject);
    });
    req.once('timeout', () => req.destroy(new Error(`no answer within ${POST_TIMEOUT_MS / 1000} s`)));
    req.once('error', reject);
    req.end(body);
  });
}

/** POSTs a message as JSON; throws KP_ERR_HOST_DELIVERY unless the host answers 2xx. */
export async function postMessage(adapterId: string, url: string | undefined, message: HostMessage): Promise<void> {
  if (!url) {
    throw kpError('KP_ERR_CONFIG_INVALID', `adapters.${adapterId}.webhookUrl`, 'is not set, so notify has nowhere to deliver messages; set it to the host\'s webhook URL');
  }
  let res: { status: number; statusText: string };
  try {
    res = await postJson(new URL(url), JSON.stringify(message));
  } catch (e) {
    throw kpError('KP_ERR_HOST_DELIVERY', adapterId, message.id, `POST ${url} failed: ${(e as Error).message}`);
  }
  if (res.status < 200 || res.status > 299) throw kpError('KP_ERR_HOST_DELIVERY', adapterId, message.id, `POST ${url} answered ${res.status} ${res.statusText}`.trim());
}

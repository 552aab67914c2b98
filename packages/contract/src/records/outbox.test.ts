import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HostMessage } from '../adapter.js';
import { appendOutbox, postMessage } from './outbox.js';
import { tempFiles } from './test-files.test-support.js';

const message: HostMessage = { id: 'm1', kind: 'task', recipientId: 'P001', title: '整改', body: '请整改' };

describe('appendOutbox', () => {
  it('appends one JSON line per message to <dir>/<id>-outbox.ndjson', async () => {
    const { dir } = tempFiles('outbox');
    const out = join(dir, 'box');
    await appendOutbox('hr', out, message);
    await appendOutbox('hr', out, { ...message, id: 'm2' });
    const lines = readFileSync(join(out, 'hr-outbox.ndjson'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((m) => m.id)).toEqual(['m1', 'm2']);
  });

  it('throws a config error when no outbox folder is configured', async () => {
    await expect(appendOutbox('hr', undefined, message)).rejects.toThrow('Invalid configuration at adapters.hr.outboxDir: is not set');
  });
});

describe('postMessage', () => {
  const received: unknown[] = [];
  let status = 200;
  let connections = 0;
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => { body += c; });
    req.on('end', () => {
      received.push(JSON.parse(body));
      res.statusCode = status;
      res.end();
    });
  });
  let url = '';
  server.on('connection', () => { connections++; });
  beforeAll(async () => {
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('POSTs the message as JSON', async () => {
    status = 200;
    await postMessage('tax-collection', url, message);
    expect(received.at(-1)).toEqual(message);
  });

  it('throws KP_ERR_HOST_DELIVERY on a non-2xx answer, so an outbox retries', async () => {
    status = 503;
    await expect(postMessage('tax-collection', url, message)).rejects.toMatchObject({ code: 'KP_ERR_HOST_DELIVERY' });
    await expect(postMessage('tax-collection', url, message)).rejects.toThrow(`Adapter "tax-collection" could not deliver message "m1": POST ${url} answered 503`);
  });

  it('keeps one connection for messages sent one after another', async () => {
    status = 200;
    const before = connections;
    for (const id of ['k1', 'k2', 'k3']) await postMessage('tax-collection', url, { ...message, id });
    expect(received.slice(-3).map((m) => (m as HostMessage).id)).toEqual(['k1', 'k2', 'k3']);
    // One new connection at most: none when an earlier test's is still open.
    expect(connections - before).toBeLessThanOrEqual(1);
  });

  it('throws KP_ERR_HOST_DELIVERY naming the URL when nothing listens there, or the URL is not http(s)', async () => {
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const gone = `http://127.0.0.1:${(closed.address() as AddressInfo).port}/hook`;
    await new Promise<void>((r) => closed.close(() => r()));
    await expect(postMessage('tax-collection', gone, message)).rejects.toThrow(`Adapter "tax-collection" could not deliver message "m1": POST ${gone} failed: connect ECONNREFUSED`);
    await expect(postMessage('tax-collection', 'ftp://host/x', message)).rejects.toThrow('POST ftp://host/x failed: unsupported protocol ftp: (use http: or https:)');
  });
});

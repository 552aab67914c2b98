import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { HostMessage } from '@kaoping/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import adapter from './index.js';

const message: HostMessage = { id: 'risk-1', kind: 'risk', recipientId: 'P001', title: '事项即将超期', body: 'M1 将于 3 月 11 日到期', dueAt: 1 };
const logger = { info() {}, warn() {}, error() {} };

describe('tax-collection notify', () => {
  const bodies: unknown[] = [];
  let status = 204;
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => { body += c; });
    req.on('end', () => { bodies.push({ method: req.method, type: req.headers['content-type'], body: JSON.parse(body) }); res.statusCode = status; res.end(); });
  });
  let url = '';
  beforeAll(async () => {
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/todo`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('POSTs the message as JSON to webhookUrl', async () => {
    await adapter.notify!(message, { config: { ...adapter.config.defaults, webhookUrl: url }, logger });
    expect(bodies).toEqual([{ method: 'POST', type: 'application/json; charset=utf-8', body: message }]);
  });

  it('throws when the host refuses, so the outbox retries', async () => {
    status = 500;
    await expect(adapter.notify!(message, { config: { ...adapter.config.defaults, webhookUrl: url }, logger })).rejects.toMatchObject({ code: 'KP_ERR_HOST_DELIVERY' });
  });

  it('throws a config error when no webhookUrl is set', async () => {
    await expect(adapter.notify!(message, { config: adapter.config.defaults, logger })).rejects.toThrow('adapters.tax-collection.webhookUrl');
  });
});

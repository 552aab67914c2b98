import { appendFile, mkdir } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';

export interface HostInbox {
  url: string;
  close(): Promise<void>;
}

/**
 * Stands in for 金税's to-do webhook during the demo, so pushed warnings and tasks are really
 * delivered (and the outbox shows them delivered): each POSTed message is appended to
 * `<dir>/tax-collection-inbox.ndjson`.
 */
export async function startHostInbox(dir: string): Promise<HostInbox> {
  await mkdir(dir, { recursive: true });
  const file = join(dir, 'tax-collection-inbox.ndjson');
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      appendFile(file, `${Buffer.concat(chunks).toString('utf8').trim()}\n`).then(
        () => { res.statusCode = 204; res.end(); },
        () => { res.statusCode = 500; res.end(); },
      );
    });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}/todo`,
    close: () => new Promise<void>((ok) => server.close(() => ok())),
  };
}

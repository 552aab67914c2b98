import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { kpError } from '@kaoping/contract';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { contentTypeOf } from './content-types.js';

/**
 * The file under `root` that a URL path names, or undefined when the path tries to leave `root`
 * (`..`, encoded or not, absolute paths, NUL) or names a dotfile. Decoding happens once, here.
 */
export function fileUnder(root: string, urlPath: string): string | undefined {
  let path: string;
  try {
    path = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  if (path.includes('\0') || path.includes('\\')) return undefined;
  const file = resolve(root, `.${sep}${path}`);
  const rel = relative(root, file);
  if (rel.startsWith('..') || isAbsolute(rel)) return undefined;
  if (rel.split(sep).some((part) => part.startsWith('.'))) return undefined;
  return file;
}

export interface SendOptions {
  /** Cache-Control for this file: the page itself must revalidate, versioned assets may be kept. */
  cacheControl: string;
}

/** Streams a file with its type, length, a weak ETag (size + mtime) and 304 when the client has it. */
export async function sendFile(request: FastifyRequest, reply: FastifyReply, file: string, options: SendOptions): Promise<FastifyReply> {
  const info = await stat(file).catch(() => undefined);
  if (!info || !info.isFile()) throw kpError('KP_ERR_NOT_FOUND', 'File', request.url.split('?')[0]);
  const etag = `W/"${info.size.toString(16)}-${Math.floor(info.mtimeMs).toString(16)}"`;
  reply.header('ETag', etag).header('Cache-Control', options.cacheControl).header('Last-Modified', info.mtime.toUTCString());
  if (request.headers['if-none-match'] === etag) return reply.status(304).send();
  reply.header('Content-Type', contentTypeOf(file)).header('Content-Length', info.size);
  if (request.method === 'HEAD') return reply.send();
  return reply.send(createReadStream(file));
}

import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import { writeJson } from './json-codec.js';

/** One request as the routes see it, its body already read. */
export interface SandboxRequest {
  method: string;
  /** The path as sent, still percent-encoded. */
  path: string;
  /** The path split on `/` and percent-decoded once, as Zoom's routing does. */
  segments: string[];
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: string;
}

/** An answer not yet written, so that a fault can replace it after the work is done. */
export interface Reply {
  status: number;
  headers: Record<string, string>;
  body?: string;
}

/** The content type Zoom puts on its JSON answers. */
export const JSON_TYPE = 'application/json;charset=UTF-8';

const MAX_BODY_BYTES = 1024 * 1024;

/** Thrown while reading a request that cannot be answered normally. */
export class RequestError extends Error {
  constructor(readonly status: number) {
    super(`request rejected with ${status}`);
  }
}

/** Reads the whole request; segments that fail to decode make the path match nothing. */
export async function readRequest(incoming: IncomingMessage): Promise<SandboxRequest> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of incoming as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new RequestError(413);
    chunks.push(chunk);
  }

  const target = incoming.url ?? '/';
  const queryAt = target.indexOf('?');
  const path = queryAt === -1 ? target : target.slice(0, queryAt);
  const query = new URLSearchParams(queryAt === -1 ? '' : target.slice(queryAt + 1));

  return {
    method: (incoming.method ?? 'GET').toUpperCase(),
    path,
    segments: decodeSegments(path),
    query,
    headers: incoming.headers,
    body: Buffer.concat(chunks).toString('utf8'),
  };
}

function decodeSegments(path: string): string[] {
  try {
    return path.split('/').slice(1).map(decodeURIComponent);
  } catch {
    return ['\u0000'];
  }
}

/** A JSON answer; `int64` values inside are written as bare numbers. */
export function jsonReply(
  status: number,
  value: unknown,
  headers: Record<string, string> = {},
): Reply {
  return { status, headers: { 'content-type': JSON_TYPE, ...headers }, body: writeJson(value) };
}

/** A self-contained HTML page. */
export function htmlReply(status: number, html: string): Reply {
  return { status, headers: { 'content-type': 'text/html; charset=utf-8' }, body: html };
}

/** An answer with no body, such as Zoom's 204 after PATCH and DELETE. */
export function emptyReply(status: number): Reply {
  return { status, headers: {} };
}

/** A 302 to `location`. */
export function redirectReply(location: string): Reply {
  return { status: 302, headers: { location, 'cache-control': 'no-store' } };
}

/** Zoom's REST error body, `{code, message}`. */
export function zoomError(status: number, code: number, message: string): Reply {
  return jsonReply(status, { code, message });
}

/** Writes a reply; extra headers (the tracking id) go first so the reply may override them. */
export function writeReply(res: ServerResponse, reply: Reply, extra: Record<string, string>) {
  const headers: Record<string, string> = { ...extra, ...reply.headers };
  if (reply.body !== undefined) {
    headers['content-length'] = String(Buffer.byteLength(reply.body));
  }
  res.writeHead(reply.status, headers);
  res.end(reply.body);
}

/** Reads an `application/x-www-form-urlencoded` body; any other content type reads as empty. */
export function formBody(request: SandboxRequest): URLSearchParams {
  const type = request.headers['content-type'] ?? '';
  if (!type.toLowerCase().startsWith('application/x-www-form-urlencoded')) {
    return new URLSearchParams();
  }
  return new URLSearchParams(request.body);
}

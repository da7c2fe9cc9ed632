/**
 * Requests handed straight to the local server's request listener (bin/local/server.ts), with no
 * socket: the same routing, token check, proxy event and handlers as `npm start`, minus the HTTP
 * parser and the loopback round trip, which cost more than the handler on a 2-core machine.
 * Callers must only send what an HTTP parser would let through (see headerValue in requests.ts).
 */
import { EventEmitter } from 'node:events';
import { Readable } from 'node:stream';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createLocalServer } from '../../bin/local/server';

export interface Answer {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly text: string;
}

export interface Sent {
  readonly method: string;
  /** The request target as it would be on the request line: path and query, already percent-encoded. */
  readonly target: string;
  /** In the order sent; a name may repeat. */
  readonly headers: readonly (readonly [string, string])[];
  readonly body?: string;
}

// Node keeps the first of these when a request repeats them, and joins the others with ", ".
const FIRST_WINS = new Set(['authorization', 'content-type', 'content-length', 'user-agent', 'host', 'referer', 'from', 'age', 'etag']);

function fakeRequest(sent: Sent): IncomingMessage {
  const request = Readable.from(sent.body === undefined || sent.body === '' ? [] : [Buffer.from(sent.body, 'utf8')]) as unknown as IncomingMessage;
  const headers: Record<string, string> = {};
  for (const [rawName, value] of sent.headers) {
    const name = rawName.toLowerCase();
    if (headers[name] === undefined) headers[name] = value;
    else if (!FIRST_WINS.has(name)) headers[name] += `, ${value}`;
  }
  Object.assign(request, {
    method: sent.method,
    url: sent.target,
    headers,
    rawHeaders: sent.headers.flat(),
    httpVersion: '1.1',
    socket: { remoteAddress: '127.0.0.1' },
  });
  return request;
}

function fakeResponse(done: (answer: Answer) => void): ServerResponse {
  const response = new EventEmitter() as EventEmitter & { statusCode: number; headers: Record<string, string> };
  response.statusCode = 200;
  response.headers = {};
  return Object.assign(response, {
    writeHead(status: number, headers?: Record<string, string>) {
      response.statusCode = status;
      response.headers = Object.fromEntries(Object.entries(headers ?? {}).map(([k, v]) => [k.toLowerCase(), String(v)]));
      return response;
    },
    end(chunk?: string | Buffer) {
      const text = chunk === undefined ? '' : Buffer.isBuffer(chunk) ? chunk.toString('utf8') : chunk;
      done({ status: response.statusCode, headers: response.headers, text });
      response.emit('close');
      return response;
    },
  }) as unknown as ServerResponse;
}

export function inProcessServer(): (sent: Sent) => Promise<Answer> {
  const server = createLocalServer();
  const [listener] = server.listeners('request') as ((req: IncomingMessage, res: ServerResponse) => void)[];
  if (!listener) throw new Error('createLocalServer registered no request listener');
  return (sent) => new Promise<Answer>((resolve) => listener(fakeRequest(sent), fakeResponse(resolve)));
}

/**
 * One HTTP POST over a kept-alive connection: the only I/O of the client. A Lambda function keeps
 * its connection to DynamoDB between invocations, so a warm request skips the TCP and TLS handshakes.
 */
import http from 'node:http';
import https from 'node:https';
import { TimeoutError } from './errors';

export interface HttpAnswer {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: string;
}

export type Transport = (url: URL, headers: Record<string, string>, body: string, timeoutMs: number) => Promise<HttpAnswer>;

let agents: { http: http.Agent; https: https.Agent } | undefined;

function agentFor(url: URL): http.Agent {
  // Created on first use: importing the client opens nothing.
  agents ??= { http: new http.Agent({ keepAlive: true, maxSockets: 50 }), https: new https.Agent({ keepAlive: true, maxSockets: 50 }) };
  return url.protocol === 'https:' ? agents.https : agents.http;
}

/** Closes idle kept-alive connections (tests and tools that end their process). */
export function closeIdleConnections(): void {
  agents?.http.destroy();
  agents?.https.destroy();
  agents = undefined;
}

export const httpTransport: Transport = (url, headers, body, timeoutMs) =>
  new Promise((resolve, reject) => {
    // Every way out clears the timer: one left running would keep a finished process alive for timeoutMs.
    const fail = (error: Error) => {
      clearTimeout(timer);
      reject(error);
    };
    const request = (url.protocol === 'https:' ? https : http).request(
      {
        protocol: url.protocol,
        hostname: url.hostname,
        port: url.port || undefined,
        path: url.pathname,
        method: 'POST',
        headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
        agent: agentFor(url),
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        // A connection lost mid-answer fails the response only (ECONNRESET "aborted"), not the request.
        response.on('error', fail);
        response.on('end', () => {
          clearTimeout(timer);
          resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks).toString('utf8') });
        });
      },
    );
    const timer = setTimeout(() => request.destroy(new TimeoutError(`DynamoDB did not answer within ${timeoutMs} ms`)), timeoutMs);
    request.on('error', fail);
    request.end(body);
  });

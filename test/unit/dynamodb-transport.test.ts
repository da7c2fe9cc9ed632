/**
 * httpTransport against a real HTTP server on 127.0.0.1: what goes out and comes back, the kept-alive
 * connection, the timeout (which must destroy the socket and leave no timer behind) and a refused
 * connection. Each test sets `handle`, the server's behaviour.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TimeoutError } from '../../lambdas/store/dynamodb/errors';
import { closeIdleConnections, httpTransport } from '../../lambdas/store/dynamodb/transport';

interface Received {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
  remotePort: number;
}

let handle: (request: http.IncomingMessage, response: http.ServerResponse, received: Received) => void = () => {};
const received: Received[] = [];
const server = http.createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', () => {
    const entry = { method: request.method!, url: request.url!, headers: request.headers, body: Buffer.concat(chunks).toString('utf8'), remotePort: request.socket.remotePort! };
    received.push(entry);
    handle(request, response, entry);
  });
});
let url: URL;

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
});

afterAll(async () => {
  closeIdleConnections();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const headers = () => ({ host: url.host, 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': 'DynamoDB_20120810.GetItem' });
const pendingTimers = () => process.getActiveResourcesInfo().filter((resource) => resource === 'Timeout').length;

describe('httpTransport', () => {
  it('sends the method, path, headers and a UTF-8 body with its byte length, and reads status, headers and a UTF-8 body split mid-character', async () => {
    const answer = Buffer.from(JSON.stringify({ Item: { name: { S: 'Олександр — Київ ✓ 😀' } } }), 'utf8');
    handle = (_request, response) => {
      response.writeHead(201, { 'content-type': 'application/x-amz-json-1.0', 'x-amzn-requestid': 'REQ-1', 'content-length': answer.length });
      // Split inside the first Cyrillic letter's two bytes: decoding chunk by chunk would garble it.
      const cut = answer.indexOf(Buffer.from('О', 'utf8')) + 1;
      response.write(answer.subarray(0, cut));
      setTimeout(() => response.end(answer.subarray(cut)), 20);
    };
    const body = JSON.stringify({ TableName: 'registry', Key: { PK: { S: 'person#Коваленко 😀' } } });
    const before = received.length;
    const result = await httpTransport(url, headers(), body, 2_000);

    expect(result.status).toBe(201);
    expect(result.headers['x-amzn-requestid']).toBe('REQ-1');
    expect(result.body).toBe(answer.toString('utf8'));
    const request = received[before]!;
    expect(request.method).toBe('POST');
    expect(request.url).toBe('/');
    expect(request.body).toBe(body);
    expect(request.headers['content-length']).toBe(String(Buffer.byteLength(body, 'utf8')));
    expect(Number(request.headers['content-length'])).toBeGreaterThan(body.length);
    expect(request.headers['transfer-encoding']).toBeUndefined();
    expect(request.headers).toMatchObject({ host: url.host, 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': 'DynamoDB_20120810.GetItem' });
  });

  it('answers error statuses as answers, not as failures', async () => {
    handle = (_request, response) => {
      response.writeHead(400, { 'content-type': 'application/x-amz-json-1.0' });
      response.end('{"__type":"com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException"}');
    };
    const result = await httpTransport(url, headers(), '{}', 2_000);
    expect(result.status).toBe(400);
    expect(result.body).toContain('ConditionalCheckFailedException');
  });

  it('reuses one kept-alive connection for sequential requests', async () => {
    handle = (_request, response) => response.end('{}');
    const before = received.length;
    await httpTransport(url, headers(), '{"n":1}', 2_000);
    await httpTransport(url, headers(), '{"n":2}', 2_000);
    const [first, second] = received.slice(before);
    expect(first!.headers.connection).toBe('keep-alive');
    expect(second!.remotePort).toBe(first!.remotePort);
  });

  it('leaves no timer behind after an answer', async () => {
    handle = (_request, response) => response.end('{}');
    const timers = pendingTimers();
    await httpTransport(url, headers(), '{}', 60_000);
    expect(pendingTimers()).toBe(timers);
  });

  it('rejects with TimeoutError when the server never answers, within the timeout, and destroys the socket', async () => {
    let socketClosed!: Promise<void>;
    handle = (request) => {
      socketClosed = new Promise((resolve) => request.socket.once('close', () => resolve()));
    };
    const started = Date.now();
    const error = await httpTransport(url, headers(), '{}', 200).then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    const elapsed = Date.now() - started;
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as TimeoutError).name).toBe('TimeoutError');
    expect((error as TimeoutError).message).toBe('DynamoDB did not answer within 200 ms');
    expect(elapsed).toBeGreaterThanOrEqual(190);
    expect(elapsed).toBeLessThan(1_500);
    // The server sees the connection go: the abandoned attempt cannot answer into a later one.
    await expect(socketClosed).resolves.toBeUndefined();
  });

  it('rejects with TimeoutError when the answer starts but never ends', async () => {
    handle = (_request, response) => {
      response.writeHead(200, { 'content-length': '100' });
      response.write('{"Item":');
    };
    await expect(httpTransport(url, headers(), '{}', 200)).rejects.toBeInstanceOf(TimeoutError);
  });

  it('rejects with ECONNRESET when the connection drops mid-answer, and leaves no timer behind', async () => {
    handle = (_request, response) => {
      response.writeHead(200, { 'content-length': '100' });
      response.write('{"Item":', () => setTimeout(() => response.socket?.destroy(), 20));
    };
    const timers = pendingTimers();
    const error = await httpTransport(url, headers(), '{}', 60_000).then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    expect((error as { code?: string }).code).toBe('ECONNRESET');
    expect(pendingTimers()).toBe(timers);
  });

  it('rejects with ECONNREFUSED when nothing listens', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const error = await httpTransport(new URL(`http://127.0.0.1:${port}/`), { host: `127.0.0.1:${port}` }, '{}', 2_000).then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    expect(error).toBeInstanceOf(Error);
    expect((error as { code?: string }).code).toBe('ECONNREFUSED');
  });
});

/**
 * The store's SDK client as configured in lambdas/store/client.ts, against a loopback HTTP server
 * that answers as DynamoDB would (or does not answer): the SDK's own retries, per-attempt
 * timeouts, the ClientRequestToken kept across a retried transaction, kept-alive connections, and
 * the credentials a function signs with on Lambda. No mock of the SDK here: its middleware runs.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { createDocumentClient, MAX_ATTEMPTS, resetTableClient } from '../../lambdas/store/client';
import { TransactionPlan } from '../../lambdas/store/transaction-plan';
import { isStoreUnavailable } from '../../lambdas/store/errors';

interface Seen {
  readonly target: string;
  readonly headers: IncomingMessage['headers'];
  readonly body: Record<string, unknown>;
  readonly socket: Socket;
}

type Answer = (seen: Seen, res: ServerResponse) => void;

let server: Server;
let endpoint: string;
let seen: Seen[] = [];
let answers: Answer[] = [];
const sockets = new Set<Socket>();

const json = (status: number, body: unknown): Answer => (_seen, res) => {
  res.writeHead(status, { 'content-type': 'application/x-amz-json-1.0', 'x-amzn-requestid': 'req' });
  res.end(JSON.stringify(body));
};
const ok = json(200, {});
const throttled = json(400, { __type: 'com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException', message: 'slow down' });
const serverError = json(500, { __type: 'com.amazonaws.dynamodb.v20120810#InternalServerError', message: 'oops' });
const never: Answer = () => undefined;

beforeAll(async () => {
  server = createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk: Buffer) => (raw += chunk.toString()));
    req.on('end', () => {
      const entry = { target: String(req.headers['x-amz-target']), headers: req.headers, body: JSON.parse(raw || '{}'), socket: req.socket };
      seen.push(entry);
      (answers.shift() ?? ok)(entry, res);
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await new Promise((resolve) => server.close(resolve));
});

beforeEach(() => {
  seen = [];
  answers = [];
  // The SDK's backoff is jittered with Math.random: zero keeps the test fast and its timing fixed.
  vi.spyOn(Math, 'random').mockReturnValue(0);
});

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
});

const getItem = (client = createDocumentClient({ endpoint })) =>
  client.send(new GetCommand({ TableName: 't', Key: { PK: 'ROUND#1', SK: 'ROUND' } }));

describe('retries: the SDK standard strategy, 3 attempts', () => {
  it('tries a throttled call again and answers the attempt that succeeds', async () => {
    answers = [throttled, serverError, json(200, { Item: { PK: { S: 'ROUND#1' } } })];
    const { Item } = await getItem();
    expect(Item).toEqual({ PK: 'ROUND#1' });
    expect(seen).toHaveLength(3);
  });

  it(`stops after ${MAX_ATTEMPTS} attempts with the last error, which the store counts as unavailable`, async () => {
    answers = [throttled, throttled, throttled, ok];
    const error = await getItem().catch((e: unknown) => e);
    expect(seen).toHaveLength(MAX_ATTEMPTS);
    expect((error as Error).name).toBe('ProvisionedThroughputExceededException');
    expect((error as { $metadata: { attempts: number } }).$metadata.attempts).toBe(MAX_ATTEMPTS);
    expect(isStoreUnavailable(error)).toBe(true);
  });

  it('never repeats a refused request (a condition that failed)', async () => {
    answers = [json(400, { __type: 'com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException', message: 'no' })];
    const error = await getItem().catch((e: unknown) => e);
    expect((error as Error).name).toBe('ConditionalCheckFailedException');
    expect(seen).toHaveLength(1);
    expect(isStoreUnavailable(error)).toBe(false);
  });

  it('sends the same ClientRequestToken on every attempt of one transaction, and a new one for the next', async () => {
    vi.stubEnv('TABLE_NAME', 't');
    vi.stubEnv('DYNAMODB_ENDPOINT', endpoint);
    resetTableClient();
    answers = [serverError, ok, ok];
    for (let i = 0; i < 2; i++) {
      const plan = new TransactionPlan();
      plan.add({ reason: 'record' }, { Put: { TableName: 't', Item: { PK: `ROUND#${i}`, SK: 'ROUND' } } });
      expect(await plan.run()).toEqual({ ok: true });
    }
    resetTableClient();
    const tokens = seen.filter((s) => s.target.endsWith('.TransactWriteItems')).map((s) => s.body.ClientRequestToken as string);
    expect(tokens).toHaveLength(3);
    expect(tokens[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(tokens[1]).toBe(tokens[0]);
    expect(tokens[2]).not.toBe(tokens[0]);
  });
});

describe('timeouts and connections', () => {
  it('abandons an attempt that gets no answer within the request timeout, and retries it', async () => {
    answers = [never, never];
    const client = createDocumentClient({ endpoint, requestTimeoutMs: 150, maxAttempts: 2 });
    const started = performance.now();
    const error = await getItem(client).catch((e: unknown) => e);
    const elapsed = performance.now() - started;
    expect((error as Error).name).toBe('TimeoutError');
    expect(isStoreUnavailable(error)).toBe(true);
    expect(seen).toHaveLength(2);
    // Two attempts of 150 ms and the SDK's backoff between them; far less than a function's 10 s.
    expect(elapsed).toBeLessThan(3_000);
  }, 5_000);

  it('keeps the connection alive between calls', async () => {
    const client = createDocumentClient({ endpoint });
    await getItem(client);
    await getItem(client);
    expect(seen[1]!.socket).toBe(seen[0]!.socket);
    expect(seen[0]!.headers.connection).toBe('keep-alive');
    client.destroy();
  });

  it('a refused connection is unavailable, after the same attempts', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const error = await getItem(createDocumentClient({ endpoint: `http://127.0.0.1:${port}` })).catch((e: unknown) => e);
    expect((error as { code?: string }).code).toBe('ECONNREFUSED');
    expect(isStoreUnavailable(error)).toBe(true);
  });
});

describe('credentials on AWS Lambda', () => {
  it('signs with the execution role’s keys from the environment, session token included', async () => {
    // As the Lambda runtime sets them; the SDK reaches the loopback server through its endpoint variable.
    vi.stubEnv('AWS_ACCESS_KEY_ID', 'ASIAEXAMPLEKEY');
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'example-secret');
    vi.stubEnv('AWS_SESSION_TOKEN', 'example-session-token');
    vi.stubEnv('AWS_REGION', 'eu-central-1');
    vi.stubEnv('AWS_ENDPOINT_URL_DYNAMODB', endpoint);
    await getItem(createDocumentClient());
    const { headers } = seen[0]!;
    expect(headers.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=ASIAEXAMPLEKEY\/\d{8}\/eu-central-1\/dynamodb\/aws4_request, SignedHeaders=[^,]*x-amz-security-token/);
    expect(headers['x-amz-security-token']).toBe('example-session-token');
  });

  it('fails with a clear error, and sends nothing, when the environment holds no keys', async () => {
    vi.stubEnv('AWS_ACCESS_KEY_ID', '');
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', '');
    vi.stubEnv('AWS_REGION', 'eu-central-1');
    vi.stubEnv('AWS_ENDPOINT_URL_DYNAMODB', endpoint);
    const error = await getItem(createDocumentClient()).catch((e: unknown) => e);
    expect((error as Error).name).toBe('CredentialsProviderError');
    expect(seen).toHaveLength(0);
  });

  it('DynamoDB Local gets fixed keys, never a developer’s own', async () => {
    vi.stubEnv('AWS_ACCESS_KEY_ID', 'AKIAREALDEVELOPERKEY');
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'real-secret');
    await getItem(createDocumentClient({ endpoint }));
    expect(seen[0]!.headers.authorization).toContain('Credential=local/');
  });
});

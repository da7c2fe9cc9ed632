/**
 * DynamoDbClient over a scripted transport: the headers of each attempt, where it sends them, whose
 * credentials sign them, and the retry rules (what is tried again, how often, what is thrown).
 * Math.random is 0, so every backoff is 0 ms.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { backoffMs, DynamoDbClient, type ClientOptions } from '../../lambdas/store/dynamodb/client';
import { DynamoDbError, TimeoutError } from '../../lambdas/store/dynamodb/errors';
import type { HttpAnswer } from '../../lambdas/store/dynamodb/transport';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const ENV = ['AWS_REGION', 'AWS_DEFAULT_REGION', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_ENDPOINT_URL', 'AWS_ENDPOINT_URL_DYNAMODB'];
const saved = Object.fromEntries(ENV.map((name) => [name, process.env[name]]));

interface Sent {
  url: string;
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
}

type Step = HttpAnswer | Error;

const ok = (body: object = {}, headers: Record<string, string> = {}): HttpAnswer => ({ status: 200, headers: { 'x-amzn-requestid': 'OK-ID', ...headers }, body: JSON.stringify(body) });
const failure = (status: number, type: string, message: string, extra: object = {}): HttpAnswer => ({
  status,
  headers: { 'x-amzn-requestid': `REQ-${status}`, 'content-type': 'application/x-amz-json-1.0' },
  body: JSON.stringify({ __type: `com.amazonaws.dynamodb.v20120810#${type}`, message, ...extra }),
});
const networkError = (code: string) => Object.assign(new Error(`connect ${code}`), { code });

/** A client whose transport records each attempt and plays `steps` in order (the last one repeats); `afterSend` runs after each. */
function scripted(steps: Step[], options: ClientOptions = {}, afterSend: () => void = () => {}) {
  const sent: Sent[] = [];
  const client = new DynamoDbClient({
    region: 'eu-west-1',
    credentials: { accessKeyId: 'AKID', secretAccessKey: 'SECRET' },
    ...options,
    transport: async (url, headers, body, timeoutMs) => {
      sent.push({ url: url.href, headers, body, timeoutMs });
      afterSend();
      const step = steps[Math.min(sent.length, steps.length) - 1]!;
      if (step instanceof Error) throw step;
      return step;
    },
  });
  return { client, sent };
}

async function caught(promise: Promise<unknown>): Promise<DynamoDbError> {
  const error = await promise.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(Error);
  return error as DynamoDbError;
}

const getInput = { TableName: 'registry', Key: { PK: 'person#1', SK: 'record' } };
const transactInput = () => ({ TransactItems: [{ Put: { TableName: 'registry', Item: { PK: 'a', SK: 'b' }, ConditionExpression: 'attribute_not_exists(PK)' } }] });

beforeEach(() => {
  for (const name of ENV) delete process.env[name];
  vi.spyOn(Math, 'random').mockReturnValue(0);
});

afterEach(() => {
  vi.restoreAllMocks();
  vi.useRealTimers();
  for (const name of ENV) {
    if (saved[name] === undefined) delete process.env[name];
    else process.env[name] = saved[name];
  }
});

describe('DynamoDbClient: the request', () => {
  it('POSTs signed JSON with the operation in x-amz-target, to the endpoint, with its timeout', async () => {
    const { client, sent } = scripted([ok({ Item: { PK: { S: 'person#1' } } })], { endpoint: 'http://127.0.0.1:8000', timeoutMs: 1_234 });
    await expect(client.get(getInput)).resolves.toStrictEqual({ Item: { PK: 'person#1' } });
    const [request] = sent;
    expect(request!.url).toBe('http://127.0.0.1:8000/');
    expect(request!.timeoutMs).toBe(1_234);
    expect(request!.headers).toMatchObject({ 'x-amz-target': 'DynamoDB_20120810.GetItem', 'content-type': 'application/x-amz-json-1.0', host: '127.0.0.1:8000' });
    expect(request!.headers['x-amz-date']).toMatch(/^\d{8}T\d{6}Z$/);
    expect(request!.headers.authorization).toMatch(
      new RegExp(`^AWS4-HMAC-SHA256 Credential=AKID/${request!.headers['x-amz-date']!.slice(0, 8)}/eu-west-1/dynamodb/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=[0-9a-f]{64}$`),
    );
    expect(JSON.parse(request!.body)).toStrictEqual({ TableName: 'registry', Key: { PK: { S: 'person#1' }, SK: { S: 'record' } } });
  });

  it('names each operation in x-amz-target', async () => {
    const { client, sent } = scripted([ok({ Items: [], Count: 0 })]);
    await client.put({ TableName: 'registry', Item: { PK: 'a', SK: 'b' } });
    await client.query({ TableName: 'registry', KeyConditionExpression: '#pk = :pk', ExpressionAttributeNames: { '#pk': 'PK' }, ExpressionAttributeValues: { ':pk': 'a' } });
    await client.transactWrite(transactInput());
    await client.get(getInput);
    expect(sent.map((request) => request.headers['x-amz-target'])).toStrictEqual([
      'DynamoDB_20120810.PutItem',
      'DynamoDB_20120810.Query',
      'DynamoDB_20120810.TransactWriteItems',
      'DynamoDB_20120810.GetItem',
    ]);
  });

  it('signs each attempt anew, at the time it is sent', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-11-25T23:59:59.000Z'));
    const { client, sent } = scripted([failure(500, 'InternalServerError', 'boom'), ok()], {}, () => vi.setSystemTime(Date.now() + 2_000));
    await client.get(getInput);
    expect(sent.map((request) => request.headers['x-amz-date'])).toStrictEqual(['20261125T235959Z', '20261126T000001Z']);
    expect(sent[1]!.headers.authorization).toContain('Credential=AKID/20261126/eu-west-1/dynamodb/aws4_request');
  });
});

describe('DynamoDbClient: endpoint and region', () => {
  it('uses an explicit endpoint before the environment', async () => {
    process.env.AWS_ENDPOINT_URL_DYNAMODB = 'http://dynamo.env:1';
    process.env.AWS_ENDPOINT_URL = 'http://all.env:2';
    const { client, sent } = scripted([ok()], { endpoint: 'http://localhost:8000' });
    await client.get(getInput);
    expect(sent[0]!.url).toBe('http://localhost:8000/');
    expect(sent[0]!.headers.host).toBe('localhost:8000');
  });

  it('uses AWS_ENDPOINT_URL_DYNAMODB before AWS_ENDPOINT_URL', async () => {
    process.env.AWS_ENDPOINT_URL_DYNAMODB = 'http://dynamo.env:4566';
    process.env.AWS_ENDPOINT_URL = 'http://all.env:4567';
    const { client, sent } = scripted([ok()]);
    await client.get(getInput);
    expect(sent[0]!.url).toBe('http://dynamo.env:4566/');
    expect(sent[0]!.headers.host).toBe('dynamo.env:4566');
  });

  it('uses AWS_ENDPOINT_URL when it is the only one set', async () => {
    process.env.AWS_ENDPOINT_URL = 'https://all.env';
    const { client, sent } = scripted([ok()]);
    await client.get(getInput);
    expect(sent[0]!.url).toBe('https://all.env/');
    expect(sent[0]!.headers.host).toBe('all.env');
  });

  it("otherwise uses the region's public endpoint, from AWS_REGION", async () => {
    process.env.AWS_REGION = 'eu-central-1';
    process.env.AWS_DEFAULT_REGION = 'us-east-1';
    const { client, sent } = scripted([ok()], { region: undefined });
    await client.get(getInput);
    expect(sent[0]!.url).toBe('https://dynamodb.eu-central-1.amazonaws.com/');
    expect(sent[0]!.headers.host).toBe('dynamodb.eu-central-1.amazonaws.com');
    expect(sent[0]!.headers.authorization).toContain('/eu-central-1/dynamodb/aws4_request');
  });

  it('uses AWS_DEFAULT_REGION without AWS_REGION, and the .com.cn domain for a China region', async () => {
    process.env.AWS_DEFAULT_REGION = 'cn-northwest-1';
    const { client, sent } = scripted([ok()], { region: undefined });
    await client.get(getInput);
    expect(sent[0]!.url).toBe('https://dynamodb.cn-northwest-1.amazonaws.com.cn/');
    expect(sent[0]!.headers.authorization).toContain('/cn-northwest-1/dynamodb/aws4_request');
  });

  it('refuses to be made without a region, and says which variable to set', () => {
    expect(() => new DynamoDbClient({ credentials: { accessKeyId: 'a', secretAccessKey: 'b' }, transport: async () => ok() })).toThrow(/No AWS region.*AWS_REGION/);
  });
});

describe('DynamoDbClient: credentials', () => {
  it('reads the credentials from the environment at each call: a rotated session token is used by the next request', async () => {
    process.env.AWS_ACCESS_KEY_ID = 'ASIAFIRST';
    process.env.AWS_SECRET_ACCESS_KEY = 'secret-1';
    process.env.AWS_SESSION_TOKEN = 'token-1';
    const { client, sent } = scripted([ok()], { credentials: undefined });
    await client.get(getInput);
    process.env.AWS_ACCESS_KEY_ID = 'ASIASECOND';
    process.env.AWS_SECRET_ACCESS_KEY = 'secret-2';
    process.env.AWS_SESSION_TOKEN = 'token-2';
    await client.get(getInput);
    delete process.env.AWS_SESSION_TOKEN;
    await client.get(getInput);
    expect(sent.map((request) => request.headers['x-amz-security-token'])).toStrictEqual(['token-1', 'token-2', undefined]);
    expect(sent[0]!.headers.authorization).toContain('Credential=ASIAFIRST/');
    expect(sent[0]!.headers.authorization).toContain('x-amz-security-token');
    expect(sent[1]!.headers.authorization).toContain('Credential=ASIASECOND/');
    expect(sent[2]!.headers.authorization).not.toContain('x-amz-security-token');
  });

  it('uses explicit credentials before the environment', async () => {
    process.env.AWS_ACCESS_KEY_ID = 'ENVKEY';
    process.env.AWS_SECRET_ACCESS_KEY = 'env-secret';
    process.env.AWS_SESSION_TOKEN = 'env-token';
    const { client, sent } = scripted([ok()], { credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
    await client.get(getInput);
    expect(sent[0]!.headers.authorization).toContain('Credential=local/');
    expect(sent[0]!.headers).not.toHaveProperty('x-amz-security-token');
  });

  it('fails clearly, before sending anything, without credentials', async () => {
    process.env.AWS_ACCESS_KEY_ID = 'ONLYTHEKEY';
    const { client, sent } = scripted([ok()], { credentials: undefined });
    await expect(client.get(getInput)).rejects.toThrow(/No AWS credentials.*AWS_SECRET_ACCESS_KEY/);
    expect(sent).toHaveLength(0);
  });
});

describe('DynamoDbClient: retries', () => {
  it('tries again after a 500 and answers the second attempt', async () => {
    const { client, sent } = scripted([failure(500, 'InternalServerError', 'Internal server error'), ok({ Item: { PK: { S: 'a' } } })]);
    await expect(client.get(getInput)).resolves.toStrictEqual({ Item: { PK: 'a' } });
    expect(sent).toHaveLength(2);
    expect(sent[1]!.body).toBe(sent[0]!.body);
  });

  it('gives up after three throttling answers with ProvisionedThroughputExceededException, $metadata.attempts 3', async () => {
    const { client, sent } = scripted([failure(400, 'ProvisionedThroughputExceededException', 'The level of configured provisioned throughput for the table was exceeded.')]);
    const error = await caught(client.query({ TableName: 'registry', KeyConditionExpression: '#pk = :pk', ExpressionAttributeNames: { '#pk': 'PK' }, ExpressionAttributeValues: { ':pk': 'a' } }));
    expect(sent).toHaveLength(3);
    expect(error).toBeInstanceOf(DynamoDbError);
    expect(error.name).toBe('ProvisionedThroughputExceededException');
    expect(error.message).toBe('The level of configured provisioned throughput for the table was exceeded.');
    expect(error.$fault).toBe('client');
    expect(error.$metadata).toStrictEqual({ httpStatusCode: 400, requestId: 'REQ-400', attempts: 3 });
  });

  it('throws ConditionalCheckFailedException after one attempt, with its message and request id', async () => {
    const { client, sent } = scripted([failure(400, 'ConditionalCheckFailedException', 'The conditional request failed'), ok()]);
    const error = await caught(client.put({ TableName: 'registry', Item: { PK: 'a', SK: 'b' }, ConditionExpression: 'attribute_not_exists(PK)' }));
    expect(sent).toHaveLength(1);
    expect(error.name).toBe('ConditionalCheckFailedException');
    expect(error.message).toBe('The conditional request failed');
    expect(error.$fault).toBe('client');
    expect(error.$metadata).toStrictEqual({ httpStatusCode: 400, requestId: 'REQ-400', attempts: 1 });
  });

  it('throws TransactionCanceledException after one attempt, with its CancellationReasons', async () => {
    const reasons = [{ Code: 'None' }, { Code: 'ConditionalCheckFailed', Message: 'The conditional request failed' }, { Code: 'None' }];
    const { client, sent } = scripted([
      { ...failure(400, 'TransactionCanceledException', ''), body: JSON.stringify({ __type: 'com.amazonaws.dynamodb.v20120810#TransactionCanceledException', Message: 'Transaction cancelled, please refer cancellation reasons for specific reasons [None, ConditionalCheckFailed, None]', CancellationReasons: reasons }) },
    ]);
    const error = await caught(client.transactWrite(transactInput()));
    expect(sent).toHaveLength(1);
    expect(error.name).toBe('TransactionCanceledException');
    expect(error.message).toMatch(/^Transaction cancelled/);
    expect(error.CancellationReasons).toStrictEqual(reasons);
  });

  it('does not retry a ValidationException (a 4xx client error), named from its coral type', async () => {
    const { client, sent } = scripted([
      { status: 400, headers: {}, body: JSON.stringify({ __type: 'com.amazon.coral.validate#ValidationException', message: 'One or more parameter values were invalid' }) },
      ok(),
    ]);
    const error = await caught(client.get(getInput));
    expect(sent).toHaveLength(1);
    expect(error.name).toBe('ValidationException');
    expect(error.message).toBe('One or more parameter values were invalid');
  });

  it('drops what follows ":" in an error type, as the SDK does', async () => {
    const { client } = scripted([{ status: 400, headers: {}, body: JSON.stringify({ __type: 'com.amazon.coral.service#UnrecognizedClientException:http://internal.amazon.com/coral/', message: 'The security token included in the request is invalid.' }) }]);
    const error = await caught(client.get(getInput));
    expect(error.name).toBe('UnrecognizedClientException');
  });

  it('retries TransactionInProgressException (the same token while the first attempt still runs), as the SDK does', async () => {
    const { client, sent } = scripted([failure(400, 'TransactionInProgressException', 'Transaction is ongoing for the idempotency token'), ok()]);
    await expect(client.transactWrite(transactInput())).resolves.toStrictEqual({});
    expect(sent).toHaveLength(2);
  });

  it('tries again after ECONNRESET and answers the second attempt', async () => {
    const { client, sent } = scripted([networkError('ECONNRESET'), ok({ Item: { PK: { S: 'a' } } })]);
    await expect(client.get(getInput)).resolves.toStrictEqual({ Item: { PK: 'a' } });
    expect(sent).toHaveLength(2);
  });

  it('tries again after a TimeoutError, and throws the last one when every attempt timed out', async () => {
    const once = scripted([new TimeoutError('DynamoDB did not answer within 3000 ms'), ok()]);
    await expect(once.client.get(getInput)).resolves.toStrictEqual({});
    expect(once.sent).toHaveLength(2);

    const always = scripted([new TimeoutError('DynamoDB did not answer within 3000 ms')]);
    const error = await caught(always.client.get(getInput));
    expect(always.sent).toHaveLength(3);
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error.name).toBe('TimeoutError');
  });

  it('does not retry an error that is neither DynamoDB nor the network', async () => {
    const { client, sent } = scripted([new TypeError('a bug'), ok()]);
    await expect(client.get(getInput)).rejects.toThrow(TypeError);
    expect(sent).toHaveLength(1);
  });

  it('turns a non-JSON 502 (a proxy page) into a server-fault error and retries it', async () => {
    const page: HttpAnswer = { status: 502, headers: { 'content-type': 'text/html' }, body: '<html><body>502 Bad Gateway</body></html>' };
    const once = scripted([page, ok()]);
    await expect(once.client.get(getInput)).resolves.toStrictEqual({});
    expect(once.sent).toHaveLength(2);

    const always = scripted([page]);
    const error = await caught(always.client.get(getInput));
    expect(always.sent).toHaveLength(3);
    expect(error).toBeInstanceOf(DynamoDbError);
    expect(error.$fault).toBe('server');
    expect(error.name).toBe('InternalServerError');
    expect(error.message).toBe('DynamoDB answered HTTP 502');
    expect(error.$metadata).toMatchObject({ httpStatusCode: 502, attempts: 3 });
  });

  it('respects maxAttempts: 1 means no retry, 5 means five attempts, below 1 still sends once', async () => {
    const boom = failure(503, 'ServiceUnavailable', 'Service unavailable');
    const one = scripted([boom], { maxAttempts: 1 });
    expect((await caught(one.client.get(getInput))).$metadata.attempts).toBe(1);
    expect(one.sent).toHaveLength(1);

    const five = scripted([boom], { maxAttempts: 5 });
    expect((await caught(five.client.get(getInput))).$metadata.attempts).toBe(5);
    expect(five.sent).toHaveLength(5);

    const zero = scripted([boom], { maxAttempts: 0 });
    await caught(zero.client.get(getInput));
    expect(zero.sent).toHaveLength(1);
  });

  it('puts x-amzn-requestid in $metadata.requestId', async () => {
    const { client } = scripted([{ status: 400, headers: { 'x-amzn-requestid': 'ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789' }, body: JSON.stringify({ __type: 'com.amazonaws.dynamodb.v20120810#ResourceNotFoundException', message: 'Requested resource not found' }) }]);
    const error = await caught(client.get(getInput));
    expect(error.name).toBe('ResourceNotFoundException');
    expect(error.$metadata.requestId).toBe('ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789');
  });

  it('waits a full-jitter backoff between attempts: throttling longer, both capped', async () => {
    const delays: number[] = [];
    const realSetTimeout = globalThis.setTimeout;
    vi.spyOn(globalThis, 'setTimeout').mockImplementation(((callback: () => void, ms?: number) => {
      delays.push(ms ?? 0);
      return realSetTimeout(callback, 0);
    }) as typeof setTimeout);
    vi.mocked(Math.random).mockReturnValue(0.5);
    const throttled = scripted([failure(400, 'ThrottlingException', 'Rate exceeded')]);
    await caught(throttled.client.get(getInput));
    const server = scripted([failure(500, 'InternalServerError', 'Internal server error')]);
    await caught(server.client.get(getInput));
    expect(delays).toStrictEqual([100, 200, 25, 50]);

    vi.mocked(Math.random).mockReturnValue(0.999);
    expect(backoffMs(1, false)).toBeLessThan(50);
    expect(backoffMs(3, true)).toBeLessThan(800);
    expect(backoffMs(30, true)).toBeLessThan(2_000);
    expect(backoffMs(30, true)).toBeGreaterThan(1_990);
    vi.mocked(Math.random).mockReturnValue(0);
    expect(backoffMs(30, true)).toBe(0);
  });
});

describe('DynamoDbClient: ClientRequestToken', () => {
  const tokens = (sent: Sent[]) => sent.map((request) => (JSON.parse(request.body) as { ClientRequestToken?: string }).ClientRequestToken);

  it('generates one per transactWrite, the same on every attempt, a new one for the next call', async () => {
    const { client, sent } = scripted([failure(500, 'InternalServerError', 'boom'), networkError('ECONNRESET'), ok(), ok()]);
    await client.transactWrite(transactInput());
    expect(sent).toHaveLength(3);
    const [first, ...retries] = tokens(sent);
    expect(first).toMatch(UUID);
    expect(retries).toStrictEqual([first, first]);

    await client.transactWrite(transactInput());
    const next = tokens(sent)[3];
    expect(next).toMatch(UUID);
    expect(next).not.toBe(first);
  });

  it("keeps a caller's own token on every attempt", async () => {
    const { client, sent } = scripted([failure(500, 'InternalServerError', 'boom'), ok()]);
    await client.transactWrite({ ...transactInput(), ClientRequestToken: 'caller-token' });
    expect(tokens(sent)).toStrictEqual(['caller-token', 'caller-token']);
  });

  it('adds none to the other operations', async () => {
    const { client, sent } = scripted([ok()]);
    await client.put({ TableName: 'registry', Item: { PK: 'a', SK: 'b' } });
    expect(tokens(sent)).toStrictEqual([undefined]);
  });
});

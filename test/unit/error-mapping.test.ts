import { ddb, resetDdb } from '../support/ddb-mock';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { APIGatewayProxyResult } from 'aws-lambda';
import { GetCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import {
  ConditionalCheckFailedException,
  InternalServerError,
  ProvisionedThroughputExceededException,
  RequestLimitExceeded,
  ThrottlingException,
  TransactionCanceledException,
  TransactionConflictException,
  TransactionInProgressException,
} from '@aws-sdk/client-dynamodb';
import { handler as readHandler } from '../../lambdas/functions/rounds-read';
import { handler as writeHandler } from '../../lambdas/functions/rounds-write';
import { EARLY_ANSWER_MS } from '../../lambdas/http/lambda-handler';
import { bodyOf, expectErrorShape, header, lambdaContext, restEvent, ROUND_ID, storedRoundItem, validRound } from '../support/unit-events';

const getRound = (requestId?: string) =>
  readHandler(restEvent({ method: 'GET', resource: '/rounds/{id}', pathParameters: { id: ROUND_ID } }), lambdaContext(requestId));
const listRounds = () => readHandler(restEvent({ method: 'GET', resource: '/rounds', query: { status: 'completed' } }), lambdaContext());
const patchRound = (headers: Record<string, string> = {}) =>
  writeHandler(
    restEvent({ method: 'PATCH', resource: '/rounds/{id}', pathParameters: { id: ROUND_ID }, role: 'editor', body: { notes: 'n' }, headers }),
    lambdaContext(),
  );
const postRound = () => writeHandler(restEvent({ method: 'POST', resource: '/rounds', role: 'editor', body: validRound() }), lambdaContext());

const meta = { $metadata: {} };
let logged: string[];

beforeEach(() => {
  resetDdb();
  vi.restoreAllMocks();
  vi.spyOn(Math, 'random').mockReturnValue(0);
  // Powertools (in its development mode, as the tests run) writes WARN to console.warn, ERROR to console.error.
  logged = [];
  for (const method of ['error', 'warn'] as const) vi.spyOn(console, method).mockImplementation((line: unknown) => void logged.push(String(line)));
  vi.spyOn(console, 'log').mockImplementation(() => undefined);
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe('DynamoDB throttling and outages → 503 unavailable with Retry-After', () => {
  it.each([
    ['ProvisionedThroughputExceededException', () => new ProvisionedThroughputExceededException({ message: 'slow down', ...meta })],
    ['ThrottlingException', () => new ThrottlingException({ message: 'slow down', ...meta })],
    ['RequestLimitExceeded', () => new RequestLimitExceeded({ message: 'slow down', ...meta })],
    ['InternalServerError', () => new InternalServerError({ message: 'oops', ...meta })],
    ['a connection refusal', () => Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:8000'), { code: 'ECONNREFUSED' })],
    ['a timeout wrapped as a cause', () => new Error('socket', { cause: Object.assign(new Error('t'), { code: 'ETIMEDOUT' }) })],
    // As @smithy/node-http-handler rejects when requestTimeout passes (throwOnRequestTimeout).
    ['the HTTP handler’s own timeout', () => Object.assign(new Error('Request did not complete within 3000 ms'), { name: 'TimeoutError' })],
    ['a host that cannot be resolved', () => Object.assign(new Error('getaddrinfo ENOTFOUND dynamodb'), { code: 'ENOTFOUND' })],
    ['a 503 answer', () => Object.assign(new Error('Service Unavailable'), { name: 'ServiceUnavailable', $fault: 'server', $metadata: { httpStatusCode: 503 } })],
  ])('GetCommand rejecting with %s', async (_name, make) => {
    ddb.on(GetCommand).rejects(make());
    const result = await getRound();
    expect(result.statusCode).toBe(503);
    expect(expectErrorShape(result).code).toBe('unavailable');
    const retryAfter = header(result, 'retry-after');
    expect(retryAfter).toMatch(/^\d+$/);
    expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
  });

  it('on a list Query too', async () => {
    ddb.on(QueryCommand).rejects(new ProvisionedThroughputExceededException({ message: 'slow down', ...meta }));
    const result = await listRounds();
    expect(result.statusCode).toBe(503);
    expect(header(result, 'retry-after')).toBeDefined();
  });

  it.each([
    ['a connection reset mid-transaction', () => Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' })],
    ['TransactionInProgressException (the same ClientRequestToken still running)', () => new TransactionInProgressException({ message: 'busy', ...meta })],
    ['TransactionConflictException', () => new TransactionConflictException({ message: 'conflict', ...meta })],
  ])('a write failing with %s is 503', async (_name, make) => {
    ddb.on(TransactWriteCommand).rejects(make());
    const result = await postRound();
    expect(result.statusCode).toBe(503);
    expect(header(result, 'retry-after')).toBe('1');
  });

  it('a transaction cancelled for a conflict with another transaction is tried again, then written', async () => {
    ddb.on(TransactWriteCommand)
      .rejectsOnce(new TransactionCanceledException({ message: 'c', ...meta, CancellationReasons: [{ Code: 'TransactionConflict' }, { Code: 'None' }] }))
      .resolves({});
    const result = await postRound();
    expect(result.statusCode).toBe(201);
    expect(ddb).toHaveReceivedCommandTimes(TransactWriteCommand, 2);
  });

  it('logs the SDK error behind a 503 by its type, never its message', async () => {
    ddb.on(GetCommand).rejects(new ProvisionedThroughputExceededException({ message: 'secret table detail', ...meta }));
    await getRound('req-503');
    const line = logged.find((l) => l.includes('req-503'));
    expect(line).toBeDefined();
    expect(JSON.parse(line!)).toMatchObject({ level: 'WARN', status: 503, errorType: 'UnavailableError', causeType: 'ProvisionedThroughputExceededException' });
    expect(line).not.toContain('secret table detail');
  });

  it('a transaction cancelled for throttling is 503, not 412', async () => {
    ddb.on(TransactWriteCommand).rejects(
      new TransactionCanceledException({ message: 'c', ...meta, CancellationReasons: [{ Code: 'ThrottlingError' }, { Code: 'None' }] }),
    );
    const result = await postRound();
    expect(result.statusCode).toBe(503);
    expect(bodyOf(result).error.code).toBe('unavailable');
  });
});

describe('a DynamoDB that does not answer → 503 before the function times out', () => {
  // A Lambda context with 1.3 s left: the early answer comes at 0.3 s, long before the SDK's attempts end.
  const shortContext = () => ({ ...lambdaContext('req-hung'), getRemainingTimeInMillis: () => EARLY_ANSWER_MS + 300 });
  const hang = () => new Promise(() => undefined);

  async function expectEarly503(answer: () => Promise<APIGatewayProxyResult>) {
    const started = Date.now();
    const result = await answer();
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(result.statusCode).toBe(503);
    expect(expectErrorShape(result).code).toBe('unavailable');
    expect(header(result, 'retry-after')).toBe('1');
    expect(header(result, 'x-request-id')).toBe('req-hung');
  }

  it('a read that hangs', async () => {
    ddb.on(GetCommand).callsFake(hang);
    await expectEarly503(() => readHandler(restEvent({ method: 'GET', resource: '/rounds/{id}', pathParameters: { id: ROUND_ID } }), shortContext()));
  });

  it('a write that hangs', async () => {
    ddb.on(TransactWriteCommand).callsFake(hang);
    await expectEarly503(() => writeHandler(restEvent({ method: 'POST', resource: '/rounds', role: 'editor', body: validRound() }), shortContext()));
  });
});

describe('conditional failures → 412 precondition_failed', () => {
  it('PATCH with If-Match that loses a race: re-reads, sees a newer version, answers 412 without a second write', async () => {
    ddb.on(GetCommand)
      .resolvesOnce({ Item: storedRoundItem({ version: 3 }) })
      .resolves({ Item: storedRoundItem({ version: 4 }) });
    ddb.on(TransactWriteCommand).rejects(
      new TransactionCanceledException({ message: 'c', ...meta, CancellationReasons: [{ Code: 'ConditionalCheckFailed' }, { Code: 'None' }] }),
    );
    const result = await patchRound({ 'If-Match': '"3"' });
    expect(result.statusCode).toBe(412);
    expect(expectErrorShape(result).code).toBe('precondition_failed');
    expect(ddb).toHaveReceivedCommandTimes(GetCommand, 2);
    expect(ddb).toHaveReceivedCommandTimes(TransactWriteCommand, 1);
  });

  it('a ConditionalCheckFailedException is 412', async () => {
    ddb.on(GetCommand).resolves({ Item: storedRoundItem({ version: 3 }) });
    ddb.on(TransactWriteCommand).rejects(new ConditionalCheckFailedException({ message: 'failed', ...meta }));
    const result = await patchRound();
    expect(result.statusCode).toBe(412);
    expect(bodyOf(result).error.code).toBe('precondition_failed');
  });
});

describe('anything else → 500 internal', () => {
  it('repeats the request id, reveals neither the message nor a stack', async () => {
    ddb.on(GetCommand).rejects(new Error('boom with secret data'));
    const result = await getRound('req-abc-123');
    expect(result.statusCode).toBe(500);
    const error = expectErrorShape(result);
    expect(error.code).toBe('internal');
    expect(error.message).toContain('req-abc-123');
    expect(header(result, 'x-request-id')).toBe('req-abc-123');
    expect(result.body).not.toMatch(/secret|boom/);
    expect(result.body).not.toMatch(/\bat \S+ \(|\.ts:\d+|node_modules|stack/);
  });

  it('logs one line with the request id and the error type, not the error message', async () => {
    ddb.on(GetCommand).rejects(new Error('boom with secret data'));
    await getRound('req-log-1');
    const lines = logged;
    const line = lines.find((l) => l.includes('req-log-1'));
    expect(line).toBeDefined();
    expect(JSON.parse(line!)).toMatchObject({ level: 'ERROR', requestId: 'req-log-1', errorType: 'Error' });
    expect(lines.join('\n')).not.toContain('secret');
  });

  it('a transaction cancelled for another reason is 500', async () => {
    ddb.on(TransactWriteCommand).rejects(
      new TransactionCanceledException({ message: 'c', ...meta, CancellationReasons: [{ Code: 'ValidationError' }, { Code: 'None' }] }),
    );
    const result = await postRound();
    expect(result.statusCode).toBe(500);
    expect(bodyOf(result).error.code).toBe('internal');
  });

  it('a thrown non-Error value is still a 500 in the contract shape', async () => {
    ddb.on(GetCommand).callsFake(() => {
      throw 'a string';
    });
    const result = await getRound();
    expect(result.statusCode).toBe(500);
    expect(expectErrorShape(result).code).toBe('internal');
  });
});

import { ddb, resetDdb } from '../support/ddb-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { handler as readHandler } from '../../lambdas/functions/rounds-read';
import { handler as writeHandler } from '../../lambdas/functions/rounds-write';
import { expectErrorShape, header, lambdaContext, restEvent, ROUND_ID, validRound, type EventOptions } from '../support/unit-events';

const write = (options: EventOptions) => writeHandler(restEvent(options), lambdaContext('req-http-1'));
const read = (options: Omit<EventOptions, 'method' | 'resource'> & Partial<EventOptions>) =>
  readHandler(restEvent({ method: 'GET', resource: '/rounds', ...options }), lambdaContext('req-http-1'));
const post = (body: unknown, options: Partial<EventOptions> = {}) =>
  write({ method: 'POST', resource: '/rounds', role: 'editor', body, ...options });

/** Asserts the status and code, the exact error shape and that DynamoDB was not touched. */
async function expectRefused(pending: ReturnType<typeof write>, status: number, code: string) {
  const result = await pending;
  expect(result.statusCode).toBe(status);
  const error = expectErrorShape(result);
  expect(error.code).toBe(code);
  expect(header(result, 'content-type')).toMatch(/^application\/json/);
  expect(header(result, 'x-request-id')).toBe('req-http-1');
  expect(ddb.calls()).toHaveLength(0);
  return error;
}

const detailPaths = (error: { details?: { path: string }[] }) => (error.details ?? []).map((d) => d.path).sort();

beforeEach(() => {
  resetDdb();
  ddb.on(TransactWriteCommand).resolves({});
});

describe('roles', () => {
  it('401 unauthorized without claims on POST', async () => {
    await expectRefused(post(validRound(), { role: 'anonymous' }), 401, 'unauthorized');
  });

  it('403 forbidden for a viewer on POST, and for a signed-in user in no group', async () => {
    await expectRefused(post(validRound(), { role: 'viewer' }), 403, 'forbidden');
    await expectRefused(post(validRound(), { role: 'nogroup' }), 403, 'forbidden');
  });

  it('403 for a viewer on PATCH', async () => {
    await expectRefused(write({ method: 'PATCH', resource: '/rounds/{id}', pathParameters: { id: ROUND_ID }, role: 'viewer', body: {} }), 403, 'forbidden');
  });

  it('403 forbidden for an editor on DELETE; 401 for nobody', async () => {
    const del = { method: 'DELETE', resource: '/rounds/{id}', pathParameters: { id: ROUND_ID } };
    await expectRefused(write({ ...del, role: 'editor' }), 403, 'forbidden');
    await expectRefused(write({ ...del, role: 'anonymous' }), 401, 'unauthorized');
  });

  it('checks the role before reading the body: a viewer with bad JSON gets 403, not 400', async () => {
    await expectRefused(post('{not json', { role: 'viewer' }), 403, 'forbidden');
  });
});

describe('routes', () => {
  it.each([
    ['PUT', '/rounds/{id}'],
    ['GET', '/rounds'],
    ['POST', '/rounds/{id}'],
    ['GET', '/repatriations'],
    ['DELETE', '/rounds'],
  ])('404 not_found for %s %s on the write function', async (method, resource) => {
    await expectRefused(write({ method, resource, pathParameters: { id: ROUND_ID }, role: 'admin' }), 404, 'not_found');
  });

  it('404 for a write method on the read function, even unauthenticated', async () => {
    await expectRefused(read({ method: 'POST', body: validRound() }), 404, 'not_found');
    await expectRefused(read({ method: 'GET', resource: '/nothing' }), 404, 'not_found');
  });
});

describe('bodies', () => {
  it('413 payload_too_large over 64 KiB, counted in bytes', async () => {
    await expectRefused(post(JSON.stringify({ ...validRound(), notes: 'x'.repeat(64 * 1024) })), 413, 'payload_too_large');
    // 33 000 Cyrillic letters: under 64 Ki characters, over 64 KiB of UTF-8.
    await expectRefused(post(JSON.stringify({ ...validRound(), notes: 'ж'.repeat(33_000) })), 413, 'payload_too_large');
  });

  it('a body of exactly 64 KiB is read (and then validated)', async () => {
    const base = JSON.stringify({ ...validRound(), notes: '' });
    const exact = base.replace('"notes":""', `"notes":"${'x'.repeat(64 * 1024 - base.length)}"`);
    expect(Buffer.byteLength(exact)).toBe(64 * 1024);
    const result = await post(exact);
    expect(result.statusCode).toBe(400);
    expect(detailPaths(expectErrorShape(result))).toEqual(['notes']);
  });

  it.each([['text/plain'], ['application/x-www-form-urlencoded'], ['application/jsonp']])('415 for content type %s', async (type) => {
    await expectRefused(post(JSON.stringify(validRound()), { headers: { 'Content-Type': type } }), 415, 'unsupported_media_type');
  });

  it('accepts application/json with a charset and any header case', async () => {
    const result = await post(JSON.stringify(validRound()), { headers: { 'CONTENT-TYPE': 'Application/JSON; charset=utf-8' } });
    expect(result.statusCode).toBe(201);
  });

  it('reads a base64-encoded body', async () => {
    const body = Buffer.from(JSON.stringify(validRound())).toString('base64');
    const result = await post(body, { isBase64Encoded: true });
    expect(result.statusCode).toBe(201);
  });

  it.each(['{not json', '{"date":"2025-01-01",}', "{'a':1}"])('400 malformed_json for %j', async (raw) => {
    await expectRefused(post(raw), 400, 'malformed_json');
  });

  it('400 validation_failed when the body is missing', async () => {
    const error = await expectRefused(write({ method: 'POST', resource: '/rounds', role: 'editor' }), 400, 'validation_failed');
    expect(detailPaths(error)).toEqual(['body']);
  });

  it('400 validation_failed for a JSON body that is not an object', async () => {
    await expectRefused(post('[1,2]'), 400, 'validation_failed');
    await expectRefused(post('null'), 400, 'validation_failed');
  });

  it('400 validation_failed with details naming each bad field', async () => {
    const error = await expectRefused(
      post(validRound({ returnedToUkraine: { total: 10, military: 5, civilians: 4 }, colour: 'red', date: '2025-02-30' })),
      400,
      'validation_failed',
    );
    expect(detailPaths(error)).toEqual(['colour', 'date', 'returnedToUkraine.total']);
    for (const detail of error.details!) expect(detail.message.length).toBeGreaterThan(0);
  });

  it('400 naming the count field on a round that is not completed', async () => {
    const error = await expectRefused(post({ date: '2025-07-01', status: 'planned', returnedToUkraine: { total: 1 } }), 400, 'validation_failed');
    expect(detailPaths(error)).toEqual(['returnedToUkraine']);
  });

  it('400 for a PATCH with an unknown or server-set field, before reading the record', async () => {
    const error = await expectRefused(
      write({ method: 'PATCH', resource: '/rounds/{id}', pathParameters: { id: ROUND_ID }, role: 'editor', body: { version: 9, wat: 1 } }),
      400,
      'validation_failed',
    );
    expect(detailPaths(error)).toEqual(['version', 'wat']);
  });

  it('404 for a PATCH or DELETE on an id that is not a ULID, without a DynamoDB call', async () => {
    await expectRefused(write({ method: 'PATCH', resource: '/rounds/{id}', pathParameters: { id: 'abc' }, role: 'editor', body: {} }), 404, 'not_found');
    await expectRefused(write({ method: 'DELETE', resource: '/rounds/{id}', pathParameters: { id: 'abc' }, role: 'admin' }), 404, 'not_found');
  });
});

describe('query parameters', () => {
  it('400 for a parameter the route does not define, naming it', async () => {
    const error = await expectRefused(read({ query: { colour: 'red' } }), 400, 'validation_failed');
    expect(detailPaths(error)).toEqual(['query.colour']);
  });

  it('400 for a parameter given twice', async () => {
    const error = await expectRefused(read({ multiQuery: { status: ['completed', 'planned'] } }), 400, 'validation_failed');
    expect(detailPaths(error)).toEqual(['query.status']);
  });

  it.each(['0', '101', '-1', 'ten', '2.5', ''])('400 for limit=%j', async (limit) => {
    const error = await expectRefused(read({ query: { limit } }), 400, 'validation_failed');
    expect(detailPaths(error)).toEqual(['query.limit']);
  });

  it.each([
    ['status', 'done'],
    ['year', '24'],
    ['year', '2024.5'],
    ['from', '2025-02-30'],
    ['to', '01/02/2025'],
  ])('400 for %s=%j', async (name, value) => {
    const error = await expectRefused(read({ query: { [name]: value } }), 400, 'validation_failed');
    expect(detailPaths(error)).toEqual([`query.${name}`]);
  });

  it('names every bad parameter at once', async () => {
    const error = await expectRefused(read({ query: { limit: '0', status: 'x', foo: '1' } }), 400, 'validation_failed');
    expect(detailPaths(error)).toEqual(['query.foo', 'query.limit', 'query.status']);
  });
});

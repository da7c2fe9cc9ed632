import { ddb, resetDdb, sentCommandNames } from '../support/ddb-mock';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createHash } from 'node:crypto';
import { GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { handler } from '../../lambdas/functions/rounds-write';
import { idPattern } from '../../lambdas/domain/ids';
import { canonicalJson } from '../../lambdas/service/idempotent-create';
import { bodyOf, header, lambdaContext, restEvent, validRound } from '../support/unit-events';

const post = (body: unknown, headers: Record<string, string> = {}) =>
  handler(restEvent({ method: 'POST', resource: '/rounds', role: 'editor', body, headers }), lambdaContext());

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const transactItems = (n = 0): any[] => ddb.commandCalls(TransactWriteCommand)[n]!.args[0].input.TransactItems!;
const hashOf = (body: unknown) => createHash('sha256').update(canonicalJson(body)).digest('base64url');
// Scoped to the route and the caller (the editor of test/support/unit-events.ts).
const IDEMPOTENCY_KEY = { PK: 'IDEMPOTENCY#POST /rounds#user-editor#key-1', SK: 'IDEMPOTENCY' };

beforeEach(() => {
  resetDdb();
  vi.restoreAllMocks();
});

describe('POST /rounds', () => {
  it('sends one TransactWriteCommand: the record with attribute_not_exists(PK), then its audit record', async () => {
    ddb.on(TransactWriteCommand).resolves({});
    const result = await post(validRound());
    expect(result.statusCode).toBe(201);
    expect(sentCommandNames()).toEqual(['TransactWriteCommand']);
    const items = transactItems();
    expect(items).toHaveLength(2);
    const [record, audit] = items;
    const id = bodyOf(result).id as string;
    expect(record.Put).toMatchObject({
      TableName: 'unit-table',
      ConditionExpression: 'attribute_not_exists(PK)',
      Item: {
        PK: `ROUND#${id}`,
        SK: 'ROUND',
        GSI1PK: 'ROUNDS',
        GSI1SK: `2025-06-09#${id}`,
        GSI2PK: 'ROUNDS#STATUS#completed',
        GSI2SK: `2025-06-09#${id}`,
        id,
        version: 1,
        status: 'completed',
      },
    });
    expect(audit.Put.TableName).toBe('unit-table');
    expect(audit.Put.Item.PK).toBe(`AUDIT#rounds#${id}`);
    expect(audit.Put.Item).toMatchObject({ action: 'create', actor: 'user-editor', before: null, after: { id, version: 1 } });
  });

  it('answers 201 with the record, ETag "1" and Location /rounds/<id>', async () => {
    ddb.on(TransactWriteCommand).resolves({});
    const result = await post(validRound({ notes: 'Примітка' }));
    const body = bodyOf(result);
    expect(body.id).toMatch(idPattern);
    expect(header(result, 'location')).toBe(`/rounds/${body.id}`);
    expect(header(result, 'etag')).toBe('"1"');
    expect(body).toMatchObject({ ...validRound({ notes: 'Примітка' }), version: 1 });
    expect(body.createdAt).toBe(body.updatedAt);
    expect(new Date(body.createdAt).toISOString()).toBe(body.createdAt);
    expect(body).not.toHaveProperty('PK');
    expect(body).not.toHaveProperty('GSI1SK');
  });

  it('stores absent counts of a completed round as null', async () => {
    ddb.on(TransactWriteCommand).resolves({});
    const result = await post({ date: '2025-05-23', status: 'completed' });
    expect(bodyOf(result)).toMatchObject({ returnedToUkraine: null, returnedToRussia: null });
    expect(transactItems()[0].Put.Item).toMatchObject({ returnedToUkraine: null, returnedToRussia: null });
  });

  it('retries with a new id when the id is taken, and answers the record it wrote', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0);
    ddb.on(TransactWriteCommand)
      .rejectsOnce(new TransactionCanceledException({ message: 'cancelled', $metadata: {}, CancellationReasons: [{ Code: 'ConditionalCheckFailed' }, { Code: 'None' }] }))
      .resolves({});
    const result = await post(validRound());
    expect(result.statusCode).toBe(201);
    expect(ddb).toHaveReceivedCommandTimes(TransactWriteCommand, 2);
    expect(bodyOf(result).id).toBe(transactItems(1)[0].Put.Item.id);
  });

  it('is 503 unavailable with Retry-After when every attempt loses', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0);
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    ddb.on(TransactWriteCommand).rejects(
      new TransactionCanceledException({ message: 'cancelled', $metadata: {}, CancellationReasons: [{ Code: 'ConditionalCheckFailed' }, { Code: 'None' }] }),
    );
    const result = await post(validRound());
    expect(result.statusCode).toBe(503);
    expect(bodyOf(result).error.code).toBe('unavailable');
    expect(header(result, 'retry-after')).toMatch(/^\d+$/);
    expect(ddb.commandCalls(TransactWriteCommand).length).toBeGreaterThan(1);
  });
});

describe('POST /rounds with Idempotency-Key', () => {
  it('reads the key, then writes a third Put on IDEMPOTENCY#POST /rounds#<caller>#<key> holding the answer, and links the record to it', async () => {
    ddb.on(GetCommand).resolves({});
    ddb.on(TransactWriteCommand).resolves({});
    const result = await post(validRound(), { 'Idempotency-Key': 'key-1' });
    expect(result.statusCode).toBe(201);
    expect(ddb).toHaveReceivedCommandWith(GetCommand, { Key: IDEMPOTENCY_KEY, ConsistentRead: true });
    const items = transactItems();
    expect(items).toHaveLength(3);
    expect(items[0].Put.ConditionExpression).toBe('attribute_not_exists(PK)');
    expect(items[0].Put.Item._storedAnswer).toBe(IDEMPOTENCY_KEY.PK);
    expect(items[1].Put.Item.PK).toMatch(/^AUDIT#rounds#/);
    const idem = items[2].Put;
    expect(idem.Item).toMatchObject({ ...IDEMPOTENCY_KEY, bodyHash: hashOf(validRound()) });
    expect(idem.ConditionExpression).toMatch(/attribute_not_exists\(PK\)/);
    const now = Math.floor(Date.now() / 1000);
    expect(idem.Item.expiresAt).toBeGreaterThanOrEqual(now + 24 * 3600 - 5);
    expect(idem.Item.expiresAt).toBeLessThanOrEqual(now + 24 * 3600 + 5);
    expect(idem.Item.response.status).toBe(201);
    expect(JSON.parse(idem.Item.response.body)).toEqual(bodyOf(result));
    expect(idem.Item.response.headers.location).toBe(header(result, 'location'));
  });

  it('replays the stored answer for the same body, in any key order, writing nothing', async () => {
    const stored = { status: 201, headers: { etag: '"1"', location: '/rounds/01JZ8Y3K4N5P6Q7R8S9T0VWXYZ' }, body: '{"id":"01JZ8Y3K4N5P6Q7R8S9T0VWXYZ","version":1}' };
    ddb.on(GetCommand, { Key: IDEMPOTENCY_KEY }).resolves({
      Item: { ...IDEMPOTENCY_KEY, bodyHash: hashOf(validRound()), response: stored, expiresAt: Math.floor(Date.now() / 1000) + 3600 },
    });
    const reordered = Object.fromEntries(Object.entries(validRound()).reverse());
    const result = await post(reordered, { 'idempotency-key': 'key-1' });
    expect(result.statusCode).toBe(201);
    expect(result.body).toBe(stored.body);
    expect(header(result, 'location')).toBe(stored.headers.location);
    expect(header(result, 'etag')).toBe('"1"');
    expect(ddb).toHaveReceivedCommandTimes(TransactWriteCommand, 0);
  });

  it('is 409 conflict for the same key with another body', async () => {
    ddb.on(GetCommand, { Key: IDEMPOTENCY_KEY }).resolves({
      Item: { ...IDEMPOTENCY_KEY, bodyHash: hashOf(validRound()), response: { status: 201, headers: {}, body: '{}' }, expiresAt: Math.floor(Date.now() / 1000) + 3600 },
    });
    const result = await post(validRound({ notes: 'different' }), { 'Idempotency-Key': 'key-1' });
    expect(result.statusCode).toBe(409);
    expect(bodyOf(result).error.code).toBe('conflict');
    expect(ddb).toHaveReceivedCommandTimes(TransactWriteCommand, 0);
  });

  it('ignores an expired record and creates', async () => {
    ddb.on(GetCommand).resolves({
      Item: { ...IDEMPOTENCY_KEY, bodyHash: 'other', response: { status: 201, headers: {}, body: '{}' }, expiresAt: Math.floor(Date.now() / 1000) - 1 },
    });
    ddb.on(TransactWriteCommand).resolves({});
    const result = await post(validRound(), { 'Idempotency-Key': 'key-1' });
    expect(result.statusCode).toBe(201);
    expect(ddb).toHaveReceivedCommandTimes(TransactWriteCommand, 1);
  });

  it('replays the winner when a concurrent request with the key commits first', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0);
    const winner = { status: 201, headers: { etag: '"1"', location: '/rounds/01JZ8Y3K4N5P6Q7R8S9T0VWXY0' }, body: '{"id":"01JZ8Y3K4N5P6Q7R8S9T0VWXY0"}' };
    ddb.on(GetCommand)
      .resolvesOnce({})
      .resolves({ Item: { ...IDEMPOTENCY_KEY, bodyHash: hashOf(validRound()), response: winner, expiresAt: Math.floor(Date.now() / 1000) + 60 } });
    ddb.on(TransactWriteCommand).rejects(
      new TransactionCanceledException({ message: 'cancelled', $metadata: {}, CancellationReasons: [{ Code: 'None' }, { Code: 'None' }, { Code: 'ConditionalCheckFailed' }] }),
    );
    const result = await post(validRound(), { 'Idempotency-Key': 'key-1' });
    expect(result.statusCode).toBe(201);
    expect(result.body).toBe(winner.body);
    expect(ddb).toHaveReceivedCommandTimes(TransactWriteCommand, 1);
  });

  it.each(['', 'k'.repeat(129)])('is 400 validation_failed for key %j, before any DynamoDB call', async (key) => {
    const result = await post(validRound(), { 'Idempotency-Key': key });
    expect(result.statusCode).toBe(400);
    expect(bodyOf(result).error.code).toBe('validation_failed');
    expect(ddb.calls()).toHaveLength(0);
  });
});

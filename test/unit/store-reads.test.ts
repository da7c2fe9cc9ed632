import { ddb, resetDdb, sentCommandNames } from '../support/ddb-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { GetCommand, QueryCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { handler } from '../../lambdas/functions/rounds-read';
import { bodyOf, header, lambdaContext, restEvent, ROUND_ID, storedRoundItem, type EventOptions } from '../support/unit-events';

const call = (options: Omit<EventOptions, 'method' | 'resource'> & { resource?: string } = {}) =>
  handler(restEvent({ method: 'GET', resource: '/rounds', ...options }), lambdaContext());

const getById = (id: string) => call({ resource: '/rounds/{id}', pathParameters: { id } });

/** A list of stored items with distinct ids, newest date first. */
function items(n: number): Record<string, unknown>[] {
  return Array.from({ length: n }, (_, i) =>
    storedRoundItem({ id: `01JZ8Y3K4N5P6Q7R8S9T0VW${String(100 + i)}`, date: `2024-12-${String(28 - i).padStart(2, '0')}` }),
  );
}

beforeEach(() => {
  resetDdb();
});

describe('GET /rounds/{id}', () => {
  it('issues exactly one consistent GetCommand on the round key', async () => {
    ddb.on(GetCommand).resolves({ Item: storedRoundItem() });
    const result = await getById(ROUND_ID);
    expect(result.statusCode).toBe(200);
    expect(ddb).toHaveReceivedCommandTimes(GetCommand, 1);
    expect(ddb).toHaveReceivedCommandWith(GetCommand, {
      TableName: 'unit-table',
      Key: { PK: `ROUND#${ROUND_ID}`, SK: 'ROUND' },
      ConsistentRead: true,
    });
    expect(sentCommandNames()).toEqual(['GetCommand']);
  });

  it('answers the API record without storage attributes, with ETag "<version>"', async () => {
    ddb.on(GetCommand).resolves({ Item: { ...storedRoundItem({ version: 7 }), _internal: 'x', expiresAt: 1 } });
    const result = await getById(ROUND_ID);
    const body = bodyOf(result);
    expect(header(result, 'etag')).toBe('"7"');
    expect(header(result, 'content-type')).toMatch(/^application\/json/);
    expect(body.id).toBe(ROUND_ID);
    expect(body.version).toBe(7);
    expect(body.returnedToUkraine).toEqual({ total: 300, military: 280, civilians: 20 });
    for (const storage of ['PK', 'SK', 'GSI1PK', 'GSI1SK', 'GSI2PK', 'GSI2SK', '_internal', 'expiresAt']) {
      expect(body).not.toHaveProperty(storage);
    }
  });

  it('is 404 not_found when the item is missing', async () => {
    ddb.on(GetCommand).resolves({});
    const result = await getById(ROUND_ID);
    expect(result.statusCode).toBe(404);
    expect(bodyOf(result).error.code).toBe('not_found');
  });

  it.each(['not-a-ulid', '01jz8y3k4n5p6q7r8s9t0vwxyz', `${ROUND_ID}0`, 'ROUND#X', '01JZ8Y3K4N5P6Q7R8S9T0VWXYI'])(
    'is 404 for id %j without any DynamoDB call',
    async (id) => {
      const result = await getById(id);
      expect(result.statusCode).toBe(404);
      expect(bodyOf(result).error.code).toBe('not_found');
      expect(ddb.calls()).toHaveLength(0);
    },
  );

  it('refuses query parameters on the single-record route', async () => {
    const result = await call({ resource: '/rounds/{id}', pathParameters: { id: ROUND_ID }, query: { limit: '5' } });
    expect(result.statusCode).toBe(400);
    expect(bodyOf(result).error.details).toEqual([expect.objectContaining({ path: 'query.limit' })]);
    expect(ddb.calls()).toHaveLength(0);
  });
});

describe('GET /rounds', () => {
  it('status and year become a GSI2 Query with BETWEEN, newest first, one item over the page', async () => {
    ddb.on(QueryCommand).resolves({ Items: [] });
    const result = await call({ query: { status: 'completed', year: '2024', limit: '10' } });
    expect(result.statusCode).toBe(200);
    expect(ddb).toHaveReceivedCommandTimes(QueryCommand, 1);
    const input = ddb.commandCalls(QueryCommand)[0]!.args[0].input;
    expect(input).toMatchObject({ TableName: 'unit-table', IndexName: 'GSI2', ScanIndexForward: false, Limit: 11 });
    expect(input.KeyConditionExpression).toMatch(/BETWEEN/);
    expect(input.ExclusiveStartKey).toBeUndefined();
    // Resolve the placeholders: the condition must be on GSI2PK = partition and GSI2SK within 2024.
    const names = input.ExpressionAttributeNames!;
    const values = input.ExpressionAttributeValues!;
    const resolved = input.KeyConditionExpression!.replace(/#\w+/g, (n) => names[n]!).replace(/:\w+/g, (v) => JSON.stringify(values[v]));
    expect(resolved).toBe('GSI2PK = "ROUNDS#STATUS#completed" AND GSI2SK BETWEEN "2024-01-01#" AND "2024-12-31#~"');
  });

  it('defaults to 25 per page on GSI1 with no range', async () => {
    ddb.on(QueryCommand).resolves({ Items: [] });
    await call();
    const input = ddb.commandCalls(QueryCommand)[0]!.args[0].input;
    expect(input).toMatchObject({ IndexName: 'GSI1', Limit: 26, ScanIndexForward: false });
    expect(input.KeyConditionExpression).not.toMatch(/BETWEEN/);
    expect(Object.values(input.ExpressionAttributeValues!)).toEqual(['ROUNDS']);
  });

  it('from/to bound the range inclusively', async () => {
    ddb.on(QueryCommand).resolves({ Items: [] });
    await call({ query: { from: '2025-03-01', to: '2025-03-31' } });
    const input = ddb.commandCalls(QueryCommand)[0]!.args[0].input;
    expect(input.IndexName).toBe('GSI1');
    expect(Object.values(input.ExpressionAttributeValues!)).toEqual(['ROUNDS', '2025-03-01#', '2025-03-31#~']);
  });

  it('answers an empty page without a Query when year and from/to are disjoint', async () => {
    const result = await call({ query: { year: '2024', from: '2025-01-01' } });
    expect(result.statusCode).toBe(200);
    expect(bodyOf(result)).toEqual({ items: [], nextCursor: null });
    expect(ddb.calls()).toHaveLength(0);
  });

  it('answers { items, nextCursor: null } on the last page, records without storage keys', async () => {
    ddb.on(QueryCommand).resolves({ Items: items(2) });
    const body = bodyOf(await call({ query: { limit: '5' } }));
    expect(Object.keys(body).sort()).toEqual(['items', 'nextCursor']);
    expect(body.nextCursor).toBeNull();
    expect(body.items).toHaveLength(2);
    for (const item of body.items) {
      expect(item).not.toHaveProperty('PK');
      expect(item).not.toHaveProperty('GSI1SK');
    }
  });

  it('gives a cursor when there is one item more than the limit, and the cursor resumes after the last item shown', async () => {
    const stored = items(3);
    const [a, b, c] = stored as [Record<string, unknown>, Record<string, unknown>, Record<string, unknown>];
    ddb.on(QueryCommand).resolvesOnce({ Items: stored, LastEvaluatedKey: { PK: 'x', SK: 'y', GSI1PK: 'ROUNDS', GSI1SK: 'z' } });
    const first = bodyOf(await call({ query: { limit: '2' } }));
    expect(first.items.map((r: { id: string }) => r.id)).toEqual([a.id, b.id]);
    expect(typeof first.nextCursor).toBe('string');

    ddb.on(QueryCommand).resolves({ Items: [c] });
    const second = bodyOf(await call({ query: { limit: '2', cursor: first.nextCursor } }));
    expect(second.nextCursor).toBeNull();
    const resumed = ddb.commandCalls(QueryCommand)[1]!.args[0].input;
    const shown = b;
    expect(resumed.ExclusiveStartKey).toEqual({ PK: shown.PK, SK: shown.SK, GSI1PK: shown.GSI1PK, GSI1SK: shown.GSI1SK });
  });

  it('keeps querying when DynamoDB cuts a page short, asking only for what is missing', async () => {
    const [a, b, c] = items(3) as [Record<string, unknown>, Record<string, unknown>, Record<string, unknown>];
    ddb.on(QueryCommand)
      .resolvesOnce({ Items: [a], LastEvaluatedKey: { PK: 'a', SK: 'b', GSI1PK: 'ROUNDS', GSI1SK: 'c' } })
      .resolvesOnce({ Items: [b, c] });
    const body = bodyOf(await call({ query: { limit: '2' } }));
    expect(body.items).toHaveLength(2);
    expect(body.nextCursor).not.toBeNull();
    const calls = ddb.commandCalls(QueryCommand).map((c) => c.args[0].input);
    expect(calls).toHaveLength(2);
    expect(calls[0]!.Limit).toBe(3);
    expect(calls[1]!.Limit).toBe(2);
    expect(calls[1]!.ExclusiveStartKey).toEqual({ PK: 'a', SK: 'b', GSI1PK: 'ROUNDS', GSI1SK: 'c' });
  });

  it('is 400 invalid_cursor for a cursor from another filter, before any Query', async () => {
    ddb.on(QueryCommand).resolves({ Items: items(2), LastEvaluatedKey: { PK: 'x', SK: 'y', GSI1PK: 'ROUNDS', GSI1SK: 'z' } });
    const cursor = bodyOf(await call({ query: { limit: '1' } })).nextCursor as string;
    ddb.resetHistory();
    const result = await call({ query: { status: 'completed', cursor } });
    expect(result.statusCode).toBe(400);
    expect(bodyOf(result).error.code).toBe('invalid_cursor');
    expect(ddb.calls()).toHaveLength(0);
  });

  it('is 400 invalid_cursor for a garbage cursor', async () => {
    const result = await call({ query: { cursor: 'garbage.cursor' } });
    expect(result.statusCode).toBe(400);
    expect(bodyOf(result).error.code).toBe('invalid_cursor');
  });

  it('never sends a Scan, whatever the filter', async () => {
    ddb.on(QueryCommand).resolves({ Items: [] });
    for (const query of [{}, { status: 'planned' }, { year: '2023' }, { to: '2020-01-01' }, { status: 'cancelled', from: '2022-02-24' }] as Record<string, string>[]) {
      expect((await call({ query })).statusCode).toBe(200);
    }
    expect(ddb).toHaveReceivedCommandTimes(ScanCommand, 0);
    expect(ddb).toHaveReceivedCommandTimes(QueryCommand, 5);
  });
});

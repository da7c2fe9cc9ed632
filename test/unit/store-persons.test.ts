import { ddb, resetDdb, sentCommandNames } from '../support/ddb-mock';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { GetCommand, QueryCommand, ScanCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { handler as write } from '../../lambdas/functions/persons-write';
import { handler as read } from '../../lambdas/functions/persons-read';
import { decodeCursor } from '../../lambdas/http/cursor';
import { MAX_EVALUATED_PER_PAGE, MAX_QUERIES_PER_PAGE } from '../../lambdas/store/records';
import { personsQuery } from '../../lambdas/store/keys';
import { bodyOf, lambdaContext, OTHER_ID, restEvent, ROUND_ID, storedRoundItem, type EventOptions } from '../support/unit-events';

const PERSON_ID = '01JZ8Y3K4N5P6Q7R8S9T0VWP01';
const [ROUND_A, ROUND_B] = [ROUND_ID, OTHER_ID];
const CREATED = '2025-06-01T08:00:00.000Z';
const personKey = { PK: `PERSON#${PERSON_ID}`, SK: 'PERSON' };
const roundKey = (id: string) => ({ PK: `ROUND#${id}`, SK: 'ROUND' });
const companionKey = (category: string) => ({ PK: `PERSON#${PERSON_ID}`, SK: `CATEGORY#${category}` });

const exchangedBody = (roundId = ROUND_A) => ({
  fullName: 'Олександр Мар’яненко', side: 'ukraine', kind: 'military', status: 'exchanged', roundId, categories: ['women', 'officers'],
});

/** A stored person exchanged in round A, laid out by hand (not by the code under test). */
function storedPerson(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const record = { ...exchangedBody(), id: PERSON_ID, version: 2, createdAt: CREATED, updatedAt: CREATED, ...overrides } as Record<string, unknown>;
  const created = `${CREATED}#${PERSON_ID}`;
  return {
    ...personKey,
    GSI1PK: 'PERSONS', GSI1SK: created,
    GSI2PK: `PERSONS#STATUS#${record.status}`, GSI2SK: created,
    GSI3PK: `PERSONS#SIDE#${record.side}`, GSI3SK: created,
    GSI4PK: `PERSONS#KIND#${record.kind}`, GSI4SK: created,
    ...(record.roundId ? { GSI5PK: `ROUND#${record.roundId}#PERSONS`, GSI5SK: created } : {}),
    ...record,
  };
}

const call = (fn: typeof write, options: EventOptions) => fn(restEvent(options), lambdaContext());
const post = (body: unknown) => call(write, { method: 'POST', resource: '/persons', role: 'editor', body });
const patch = (body: unknown) =>
  call(write, { method: 'PATCH', resource: '/persons/{id}', pathParameters: { id: PERSON_ID }, role: 'editor', body });

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Item = any;
const transactItems = (n = 0): Item[] => ddb.commandCalls(TransactWriteCommand)[n]!.args[0].input.TransactItems!;
const sameKey = (a: object, b: object) => JSON.stringify(Object.entries(a).sort()) === JSON.stringify(Object.entries(b).sort());
const updateOn = (items: Item[], key: object) => items.filter((item) => item.Update && sameKey(item.Update.Key, key));
const resolve = (expression: string, names: Record<string, string>) => expression.replace(/#\w+/g, (name) => names[name] ?? name);

/** Fails the transaction with ConditionalCheckFailed on the item that `pick` chooses. */
function cancelOn(pick: (item: Item) => boolean) {
  ddb.on(TransactWriteCommand).callsFake((input: { TransactItems: Item[] }) => {
    const reasons = input.TransactItems.map((item) => ({ Code: pick(item) ? 'ConditionalCheckFailed' : 'None' }));
    throw new TransactionCanceledException({ message: 'cancelled', $metadata: {}, CancellationReasons: reasons });
  });
}

beforeEach(() => {
  resetDdb();
  vi.restoreAllMocks();
  vi.spyOn(Math, 'random').mockReturnValue(0);
  ddb.on(ScanCommand).rejects(new Error('no list or read is answered by a Scan'));
});
afterEach(() => {
  expect(ddb).toHaveReceivedCommandTimes(ScanCommand, 0);
});

describe('POST /persons', () => {
  it('puts the person, one companion per category, counts the reference on the round and audits, in one transaction', async () => {
    ddb.on(TransactWriteCommand).resolves({});
    const result = await post(exchangedBody());
    expect(result.statusCode).toBe(201);
    expect(sentCommandNames()).toEqual(['TransactWriteCommand']);
    const id = bodyOf(result).id as string;
    const created = `${bodyOf(result).createdAt}#${id}`;
    const items = transactItems();
    expect(items).toHaveLength(5);
    expect(items[0].Put).toMatchObject({
      ConditionExpression: 'attribute_not_exists(PK)',
      Item: { PK: `PERSON#${id}`, SK: 'PERSON', GSI1PK: 'PERSONS', GSI2PK: 'PERSONS#STATUS#exchanged', GSI3PK: 'PERSONS#SIDE#ukraine',
        GSI4PK: 'PERSONS#KIND#military', GSI5PK: `ROUND#${ROUND_A}#PERSONS`, GSI5SK: created, id, version: 1 },
    });
    for (const category of ['women', 'officers']) {
      const companion = items.find((item) => item.Put?.Item.SK === `CATEGORY#${category}`);
      expect(companion?.Put.Item).toMatchObject({ PK: `PERSON#${id}`, GSI1PK: `PERSONS#CATEGORY#${category}`, GSI1SK: created, id, status: 'exchanged' });
      expect(companion.Put.Item).not.toHaveProperty('GSI2PK');
      expect(companion.Put.Item).not.toHaveProperty('GSI5PK');
    }
    const [reference] = updateOn(items, roundKey(ROUND_A));
    const names = reference.Update.ExpressionAttributeNames;
    expect(resolve(reference.Update.UpdateExpression, names)).toBe('SET _references = if_not_exists(_references, :none) + :delta');
    expect(reference.Update.ExpressionAttributeValues).toMatchObject({ ':delta': 1, ':none': 0, ':value': 'completed' });
    expect(resolve(reference.Update.ConditionExpression, names)).toBe('attribute_exists(PK) AND status = :value');
    const audit = items.find((item) => item.Put?.Item.PK === `AUDIT#persons#${id}`);
    expect(audit.Put.Item).toMatchObject({ action: 'create', actor: 'user-editor', before: null, after: { id, roundId: ROUND_A } });
  });

  it('is 422 invalid_reference when the round Update fails its condition, without retrying', async () => {
    cancelOn((item) => item.Update !== undefined && sameKey(item.Update.Key, roundKey(ROUND_A)));
    const result = await post(exchangedBody());
    expect(result.statusCode).toBe(422);
    expect(bodyOf(result).error.code).toBe('invalid_reference');
    expect(ddb).toHaveReceivedCommandTimes(TransactWriteCommand, 1);
  });

  it('writes no round reference and no GSI5 key for a person who is not exchanged', async () => {
    ddb.on(TransactWriteCommand).resolves({});
    const { roundId: _roundId, ...held } = { ...exchangedBody(), status: 'held' };
    expect((await post(held)).statusCode).toBe(201);
    const items = transactItems();
    expect(items.filter((item) => item.Update)).toEqual([]);
    expect(items[0].Put.Item).not.toHaveProperty('GSI5PK');
  });
});

describe('PATCH /persons/{id}', () => {
  it('moves the person from round A to B: −1 on A, +1 on B (conditional), companions follow the categories', async () => {
    ddb.on(GetCommand).resolves({ Item: storedPerson() });
    ddb.on(TransactWriteCommand).resolves({});
    const result = await patch({ roundId: ROUND_B, categories: ['officers', 'medics'] });
    expect(result.statusCode).toBe(200);
    const items = transactItems();
    const [person] = updateOn(items, personKey);
    expect(person.Update.ConditionExpression).toContain('#version = :expected');
    expect(person.Update.ExpressionAttributeValues[':expected']).toBe(2);
    const [toB] = updateOn(items, roundKey(ROUND_B));
    const [fromA] = updateOn(items, roundKey(ROUND_A));
    expect(toB.Update.ExpressionAttributeValues[':delta']).toBe(1);
    expect(resolve(toB.Update.ConditionExpression, toB.Update.ExpressionAttributeNames)).toBe('attribute_exists(PK) AND status = :value');
    expect(fromA.Update.ExpressionAttributeValues[':delta']).toBe(-1);
    expect(fromA.Update.ConditionExpression).toBe('attribute_exists(PK)');
    const puts = items.filter((item) => item.Put?.Item.SK?.startsWith('CATEGORY#'));
    expect(puts.map((item) => item.Put.Item.SK).sort()).toEqual(['CATEGORY#medics', 'CATEGORY#officers']);
    for (const put of puts) expect(put.Put.Item).toMatchObject({ roundId: ROUND_B, version: 3 });
    expect(items.filter((item) => item.Delete).map((item) => item.Delete.Key)).toEqual([companionKey('women')]);
    expect(items).toHaveLength(7);
  });

  it('is 422 when the new round fails its condition', async () => {
    ddb.on(GetCommand).resolves({ Item: storedPerson() });
    cancelOn((item) => item.Update !== undefined && sameKey(item.Update.Key, roundKey(ROUND_B)));
    const result = await patch({ roundId: ROUND_B });
    expect(result.statusCode).toBe(422);
    expect(bodyOf(result).error.code).toBe('invalid_reference');
  });

  it('removing roundId REMOVEs GSI5PK and GSI5SK and decrements the round', async () => {
    ddb.on(GetCommand).resolves({ Item: storedPerson() });
    ddb.on(TransactWriteCommand).resolves({});
    expect((await patch({ status: 'released', roundId: null })).statusCode).toBe(200);
    const items = transactItems();
    const [person] = updateOn(items, personKey);
    const expression = resolve(person.Update.UpdateExpression, person.Update.ExpressionAttributeNames);
    const removed = (/ REMOVE (.*)$/.exec(expression)?.[1] ?? '').split(', ').sort();
    expect(removed).toEqual(['GSI5PK', 'GSI5SK', 'roundId']);
    expect(expression).toContain('GSI2PK = ');
    expect(Object.values(person.Update.ExpressionAttributeValues)).toContain('PERSONS#STATUS#released');
    const [fromA] = updateOn(items, roundKey(ROUND_A));
    expect(fromA.Update.ExpressionAttributeValues[':delta']).toBe(-1);
    expect(items.filter((item) => item.Update)).toHaveLength(2);
  });
});

describe('DELETE /persons/{id}', () => {
  it('deletes the person (on its version) and its companions, and decrements the round', async () => {
    ddb.on(GetCommand).resolves({ Item: storedPerson() });
    ddb.on(TransactWriteCommand).resolves({});
    const result = await call(write, { method: 'DELETE', resource: '/persons/{id}', pathParameters: { id: PERSON_ID }, role: 'admin' });
    expect(result.statusCode).toBe(204);
    const items = transactItems();
    const deletes = items.filter((item) => item.Delete);
    expect(deletes.map((item) => item.Delete.Key)).toEqual([personKey, companionKey('women'), companionKey('officers')]);
    expect(deletes[0].Delete.ExpressionAttributeValues[':expected']).toBe(2);
    const [fromA] = updateOn(items, roundKey(ROUND_A));
    expect(fromA.Update.ExpressionAttributeValues[':delta']).toBe(-1);
    expect(items.find((item) => item.Put)?.Put.Item).toMatchObject({ action: 'delete', actor: 'user-admin', after: null });
  });
});

describe('reading persons', () => {
  it('GET /persons?category=women&status=held queries GSI1 PERSONS#CATEGORY#women with a status filter', async () => {
    ddb.on(QueryCommand).resolves({ Items: [{ ...storedPerson(), PK: `PERSON#${PERSON_ID}`, SK: 'CATEGORY#women' }] });
    const result = await call(read, { method: 'GET', resource: '/persons', role: 'viewer', query: { category: 'women', status: 'held', limit: '5' } });
    expect(result.statusCode).toBe(200);
    expect(sentCommandNames()).toEqual(['QueryCommand']);
    const input = ddb.commandCalls(QueryCommand)[0]!.args[0].input;
    expect(input).toMatchObject({ IndexName: 'GSI1', ScanIndexForward: false, Limit: 6 });
    const names = input.ExpressionAttributeNames!;
    expect(resolve(input.KeyConditionExpression!, names)).toBe('GSI1PK = :pk');
    expect(input.ExpressionAttributeValues![':pk']).toBe('PERSONS#CATEGORY#women');
    const filter = resolve(input.FilterExpression!, names);
    const [, placeholder] = /^status = (:\w+)$/.exec(filter) ?? [];
    expect(input.ExpressionAttributeValues![placeholder!]).toBe('held');
    expect(bodyOf(result).items[0]).not.toHaveProperty('SK');
  });

  it.each([
    [{ roundId: ROUND_A }, 'GSI5', `ROUND#${ROUND_A}#PERSONS`],
    [{ status: 'held', side: 'russia' }, 'GSI2', 'PERSONS#STATUS#held'],
    [{ kind: 'civilian' }, 'GSI4', 'PERSONS#KIND#civilian'],
    [{ side: 'ukraine' }, 'GSI3', 'PERSONS#SIDE#ukraine'],
    [{}, 'GSI1', 'PERSONS'],
  ])('GET /persons?%j is a Query on %s', async (query, index, partition) => {
    ddb.on(QueryCommand).resolves({ Items: [] });
    expect((await call(read, { method: 'GET', resource: '/persons', role: 'viewer', query })).statusCode).toBe(200);
    expect(sentCommandNames()).toEqual(['QueryCommand']);
    expect(ddb).toHaveReceivedCommandWith(QueryCommand, { IndexName: index, ExpressionAttributeValues: expect.objectContaining({ ':pk': partition }) });
  });

  it('GET /rounds/{id}/persons reads the round, then queries GSI5', async () => {
    ddb.on(GetCommand).resolves({ Item: storedRoundItem() });
    ddb.on(QueryCommand).resolves({ Items: [] });
    const result = await call(read, { method: 'GET', resource: '/rounds/{id}/persons', pathParameters: { id: ROUND_ID }, role: 'viewer' });
    expect(result.statusCode).toBe(200);
    expect(sentCommandNames()).toEqual(['GetCommand', 'QueryCommand']);
    expect(ddb).toHaveReceivedCommandWith(QueryCommand, { IndexName: 'GSI5', ExpressionAttributeValues: { ':pk': `ROUND#${ROUND_ID}#PERSONS` } });
  });
});

describe('a selective filter does bounded work per request', () => {
  const position = (n: number) => ({
    PK: `PERSON#01JZ8Y3K4N5P6Q7R8S9T0V${String(n).padStart(4, '0')}`,
    SK: 'PERSON',
    GSI2PK: 'PERSONS#STATUS#held',
    GSI2SK: `2025-06-01T08:00:00.000Z#01JZ8Y3K4N5P6Q7R8S9T0V${String(n).padStart(4, '0')}`,
  });
  const filtered = { status: 'held', side: 'russia', kind: 'civilian', limit: '1' };

  it(`stops after ${MAX_QUERIES_PER_PAGE} Queries and ${MAX_EVALUATED_PER_PAGE} items evaluated, answering the page so far with a cursor where it stopped`, async () => {
    // Every Query evaluates what it was allowed and matches nothing, as over 100k held persons of whom none fit.
    let n = 0;
    ddb.on(QueryCommand).callsFake((input: { Limit: number }) => ({ Items: [], Count: 0, ScannedCount: input.Limit, LastEvaluatedKey: position(++n) }));
    const result = await call(read, { method: 'GET', resource: '/persons', role: 'viewer', query: filtered });
    expect(result.statusCode).toBe(200);
    const calls = ddb.commandCalls(QueryCommand).map((c) => c.args[0].input);
    expect(calls.length).toBeLessThanOrEqual(MAX_QUERIES_PER_PAGE);
    expect(calls.reduce((sum, input) => sum + input.Limit!, 0)).toBeLessThanOrEqual(MAX_EVALUATED_PER_PAGE);
    const body = bodyOf(result);
    expect(body.items).toEqual([]);
    expect(decodeCursor(body.nextCursor, personsQuery({ status: 'held', side: 'russia', kind: 'civilian' }))).toEqual(position(calls.length));
  });

  it('reads ahead after a short first Query, so a sparse match needs few requests', async () => {
    ddb.on(QueryCommand).callsFake((input: { Limit: number }) => ({ Items: [], Count: 0, ScannedCount: input.Limit, LastEvaluatedKey: position(1) }));
    await call(read, { method: 'GET', resource: '/persons', role: 'viewer', query: { ...filtered, limit: '10' } });
    const limits = ddb.commandCalls(QueryCommand).map((c) => c.args[0].input.Limit);
    expect(limits[0]).toBe(11);
    expect(limits[1]).toBe(88);
  });

  it('an unfiltered list still answers a full page from one Query', async () => {
    ddb.on(QueryCommand).resolves({ Items: [storedPerson(), storedPerson()], Count: 2, ScannedCount: 2, LastEvaluatedKey: position(2) });
    const result = await call(read, { method: 'GET', resource: '/persons', role: 'viewer', query: { limit: '1' } });
    expect(bodyOf(result).items).toHaveLength(1);
    expect(ddb.commandCalls(QueryCommand)).toHaveLength(1);
  });
});

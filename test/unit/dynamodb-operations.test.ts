/**
 * What our client puts on the wire and gives back, against the SDK's document client configured as
 * the API's was (lib-dynamodb over client-dynamodb, same marshallOptions): for the same input the
 * request bodies must be the same JSON, and for the same DynamoDB answer the outputs the same values.
 * The SDK's request handler is a fake that records the body and answers a canned response: no network.
 */
import { Readable } from 'node:stream';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { DynamoDbClient } from '../../lambdas/store/dynamodb/client';
import { fromWire, toWire, type Operation, type Operations, type TransactWriteInput } from '../../lambdas/store/dynamodb/operations';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

interface Exchange {
  body: string;
  headers: Record<string, string>;
}

/** The SDK's document client over a request handler that records what is sent and answers `answer`. */
function sdkClient(answer: string) {
  const sent: Exchange[] = [];
  const requestHandler = {
    async handle(request: { headers: Record<string, string>; body?: string | Uint8Array }) {
      const body = request.body === undefined ? '' : typeof request.body === 'string' ? request.body : new TextDecoder().decode(request.body);
      sent.push({ body, headers: { ...request.headers } });
      return {
        response: {
          statusCode: 200,
          headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amzn-requestid': 'REQUEST-ID' },
          body: Readable.from([Buffer.from(answer, 'utf8')]),
        },
      };
    },
  };
  const client = new DynamoDBClient({
    region: 'eu-west-1',
    credentials: { accessKeyId: 'AKID', secretAccessKey: 'SECRET' },
    requestHandler,
    maxAttempts: 1,
  });
  const document = DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  });
  return { document, sent };
}

/** Our client over a transport that records what is sent and answers `answer`. */
function ourClient(answer: string) {
  const sent: Exchange[] = [];
  const client = new DynamoDbClient({
    endpoint: 'https://dynamodb.eu-west-1.amazonaws.com',
    region: 'eu-west-1',
    credentials: { accessKeyId: 'AKID', secretAccessKey: 'SECRET' },
    maxAttempts: 1,
    transport: async (_url, headers, body) => {
      sent.push({ body, headers });
      return { status: 200, headers: { 'x-amzn-requestid': 'REQUEST-ID' }, body: answer };
    },
  });
  return { client, sent };
}

const commands = {
  GetItem: GetCommand,
  PutItem: PutCommand,
  Query: QueryCommand,
  TransactWriteItems: TransactWriteCommand,
} as const;

async function sdkSend<O extends Operation>(operation: O, input: Operations[O]['input'], answer = '{}') {
  const { document, sent } = sdkClient(answer);
  const Command = commands[operation] as unknown as new (input: unknown) => Parameters<typeof document.send>[0];
  const output = (await document.send(new Command(input))) as Record<string, unknown>;
  expect(sent).toHaveLength(1);
  return { output, body: JSON.parse(sent[0]!.body) as Record<string, unknown>, headers: sent[0]!.headers };
}

async function ourSend<O extends Operation>(operation: O, input: Operations[O]['input'], answer = '{}') {
  const { client, sent } = ourClient(answer);
  const output = await client.send(operation, input);
  expect(sent).toHaveLength(1);
  return { output, body: JSON.parse(sent[0]!.body) as Record<string, unknown>, headers: sent[0]!.headers };
}

/**
 * Sends `input()` through both clients (a fresh copy each: neither may see the other's changes) and
 * requires the same request body and the same x-amz-target; answers both bodies.
 */
async function expectSameRequest<O extends Operation>(operation: O, input: () => Operations[O]['input']) {
  const theirs = await sdkSend(operation, input());
  const mine = await ourSend(operation, input());
  expect(mine.headers['x-amz-target']).toBe(theirs.headers['x-amz-target']);
  expect(mine.headers['content-type']).toBe(theirs.headers['content-type']);
  if (operation === 'TransactWriteItems') {
    // Both generate one; they can only be compared by form.
    expect(theirs.body.ClientRequestToken).toMatch(UUID);
    expect(mine.body.ClientRequestToken).toMatch(UUID);
    delete theirs.body.ClientRequestToken;
    delete mine.body.ClientRequestToken;
  }
  expect(mine.body).toStrictEqual(theirs.body);
  // toWire is what the client sends (bar the generated token).
  expect(JSON.parse(JSON.stringify(toWire[operation](input())))).toStrictEqual(mine.body);
  return mine.body;
}

/** The same DynamoDB answer through both clients: our output is the SDK's without `$metadata` (and without `only`'s complement). */
async function expectSameOutput<O extends Operation>(operation: O, input: Operations[O]['input'], answer: object, only?: readonly string[]) {
  const json = JSON.stringify(answer);
  const { $metadata, ...theirs } = (await sdkSend(operation, input, json)).output;
  expect($metadata).toMatchObject({ httpStatusCode: 200, requestId: 'REQUEST-ID' });
  const expected = only ? Object.fromEntries(Object.entries(theirs).filter(([key]) => only.includes(key))) : theirs;
  const mine = (await ourSend(operation, input, json)).output;
  expect(mine).toStrictEqual(expected);
  expect(fromWire[operation](JSON.parse(json) as Record<string, unknown>)).toStrictEqual(expected);
  return mine;
}

// Realistic records, shaped as lambdas/store/records.ts stores them.
const exchange = () => ({
  id: '01JD7Q4M5N6P7Q8R9S0T1V2W3X',
  version: 3,
  updatedAt: '2026-11-25T15:48:03.123Z',
  date: '2026-11-20',
  location: 'Sumy region, the Ukrainian–Belarusian border',
  returnedCount: 84,
  receivedCount: 84,
  confirmed: true,
  mediated: false,
  mediator: null,
  notes: '',
  ratio: 1.5,
  negative: -0.25,
  sources: [
    { url: 'https://example.org/news/1', title: 'Повернення додому', checked: true },
    { url: 'https://example.org/news/2', title: undefined, archived: null },
  ],
  counts: { civilians: 2, military: 82, byBranch: { army: 70, navy: 12, unknown: undefined } },
  tags: [],
  empty: {},
  comment: undefined,
});

const personItem = () => ({
  PK: 'person#01JD7Q4M5N6P7Q8R9S0T1V2W3Y',
  SK: 'record',
  GSI1PK: 'persons',
  GSI1SK: 'Коваленко Олександр#01JD7Q4M5N6P7Q8R9S0T1V2W3Y',
  id: '01JD7Q4M5N6P7Q8R9S0T1V2W3Y',
  version: 1,
  updatedAt: '2026-11-25T15:48:03.123Z',
  fullName: 'Олександр Коваленко 😀',
  birthYear: 1994,
  released: true,
  exchangeIds: ['01JD7Q4M5N6P7Q8R9S0T1V2W3X'],
  notes: '',
  middleName: null,
  nickname: undefined,
});

describe('request bodies: our client against the SDK document client', () => {
  it('GetItem with ConsistentRead (getRecord)', async () => {
    const body = await expectSameRequest('GetItem', () => ({ TableName: 'registry', Key: { PK: 'exchange#01JD7Q4M5N6P7Q8R9S0T1V2W3X', SK: 'record' }, ConsistentRead: true }));
    expect(body.Key).toStrictEqual({ PK: { S: 'exchange#01JD7Q4M5N6P7Q8R9S0T1V2W3X' }, SK: { S: 'record' } });
  });

  it('GetItem without ConsistentRead, and with it undefined (getStats)', async () => {
    await expectSameRequest('GetItem', () => ({ TableName: 'registry', Key: { PK: 'stats', SK: 'stats' } }));
    const body = await expectSameRequest('GetItem', () => ({ TableName: 'registry', Key: { PK: 'stats', SK: 'stats' }, ConsistentRead: undefined }));
    expect(body).not.toHaveProperty('ConsistentRead');
  });

  it('PutItem with a condition and values (putStats)', async () => {
    const stats = { generatedAt: '2026-11-25T15:48:03.123Z', exchanges: 64, persons: 5_000, perYear: { 2024: 20, 2025: 30 } };
    await expectSameRequest('PutItem', () => ({
      TableName: 'registry',
      Item: { PK: 'stats', SK: 'stats', generatedAt: stats.generatedAt, stats: JSON.stringify(stats) },
      ConditionExpression: 'attribute_not_exists(PK) OR generatedAt <= :mine',
      ExpressionAttributeValues: { ':mine': stats.generatedAt },
    }));
  });

  it('PutItem of a whole record: nested maps and lists, numbers, booleans, null, empty strings, undefined left out', async () => {
    const body = await expectSameRequest('PutItem', () => ({
      TableName: 'registry',
      Item: { PK: 'exchange#01JD7Q4M5N6P7Q8R9S0T1V2W3X', SK: 'record', GSI1PK: 'exchanges', GSI1SK: '2026-11-20', ...exchange() },
      ConditionExpression: 'attribute_not_exists(PK)',
      ExpressionAttributeNames: undefined,
      ExpressionAttributeValues: undefined,
    }));
    const item = body.Item as Record<string, unknown>;
    expect(item).not.toHaveProperty('comment');
    expect(item.mediator).toStrictEqual({ NULL: true });
    expect(item.notes).toStrictEqual({ S: '' });
    expect(item.ratio).toStrictEqual({ N: '1.5' });
    expect(body).not.toHaveProperty('ExpressionAttributeValues');
  });

  it('PutItem refuses a class instance (convertClassInstanceToMap false) as the SDK does', async () => {
    const input = () => ({ TableName: 'registry', Item: { PK: 'a', SK: 'b', at: new Date('2026-11-25T00:00:00Z') } });
    const theirs = await sdkSend('PutItem', input()).then(
      () => undefined,
      (error: Error) => error.message,
    );
    const mine = await ourSend('PutItem', input()).then(
      () => undefined,
      (error: Error) => error.message,
    );
    expect(theirs).toMatch(/convertClassInstanceToMap/);
    expect(mine).toBe(theirs);
  });

  it('Query of a list page: index, key range, filter, names, values, ScanIndexForward, Limit, ExclusiveStartKey (queryPage)', async () => {
    const body = await expectSameRequest('Query', () => ({
      TableName: 'registry',
      IndexName: 'GSI1',
      KeyConditionExpression: '#pk = :pk AND #sk BETWEEN :from AND :to',
      FilterExpression: '#a0 = :a0 AND contains(#a1, :a1)',
      ExpressionAttributeNames: { '#pk': 'GSI1PK', '#sk': 'GSI1SK', '#a0': 'released', '#a1': 'fullName' },
      ExpressionAttributeValues: { ':pk': 'persons', ':from': 'А', ':to': 'Я\uffff', ':a0': true, ':a1': 'Коваленко' },
      ScanIndexForward: false,
      Limit: 21,
      ExclusiveStartKey: { PK: 'person#01JD7Q4M5N6P7Q8R9S0T1V2W3Y', SK: 'record', GSI1PK: 'persons', GSI1SK: 'Коваленко Олександр#01JD7Q4M5N6P7Q8R9S0T1V2W3Y' },
    }));
    expect(body.ExclusiveStartKey).toHaveProperty('GSI1SK', { S: 'Коваленко Олександр#01JD7Q4M5N6P7Q8R9S0T1V2W3Y' });
    expect(body.Limit).toBe(21);
  });

  it('Query of a first page: undefined IndexName, FilterExpression and ExclusiveStartKey left out', async () => {
    const body = await expectSameRequest('Query', () => ({
      TableName: 'registry',
      IndexName: undefined,
      KeyConditionExpression: '#pk = :pk',
      FilterExpression: undefined,
      ExpressionAttributeNames: { '#pk': 'PK' },
      ExpressionAttributeValues: { ':pk': 'exchanges' },
      ScanIndexForward: false,
      Limit: 11,
      ExclusiveStartKey: undefined,
    }));
    expect(Object.keys(body).sort()).toStrictEqual(['ExpressionAttributeNames', 'ExpressionAttributeValues', 'KeyConditionExpression', 'Limit', 'ScanIndexForward', 'TableName']);
  });

  it('Query of the stats index with ReturnConsumedCapacity and a ConsistentRead (forEachInPartition)', async () => {
    await expectSameRequest('Query', () => ({
      TableName: 'registry',
      IndexName: 'StatsIndex',
      KeyConditionExpression: '#pk = :pk',
      ExpressionAttributeNames: { '#pk': 'statsPartition' },
      ExpressionAttributeValues: { ':pk': 'person#3' },
      ExclusiveStartKey: { PK: 'person#1', SK: 'record', statsPartition: 'person#3', statsSort: 17 },
      ReturnConsumedCapacity: 'TOTAL',
      ConsistentRead: false,
    }));
  });

  it('TransactWriteItems of a create: record Put with condition, companion Put, reference Update, audit Put, idempotency Put (createRecord)', async () => {
    const record = exchange();
    const body = await expectSameRequest('TransactWriteItems', (): TransactWriteInput => ({
      TransactItems: [
        { Put: { TableName: 'registry', Item: { PK: 'exchange#01JD7Q4M5N6P7Q8R9S0T1V2W3X', SK: 'record', ...exchange() }, ConditionExpression: 'attribute_not_exists(PK)' } },
        { Put: { TableName: 'registry', Item: { PK: 'exchange#01JD7Q4M5N6P7Q8R9S0T1V2W3X', SK: 'date#2026-11-20', GSI2PK: 'dates', ...exchange() } } },
        {
          Update: {
            TableName: 'registry',
            Key: { PK: 'person#01JD7Q4M5N6P7Q8R9S0T1V2W3Y', SK: 'record' },
            UpdateExpression: 'SET #references = if_not_exists(#references, :none) + :delta',
            ConditionExpression: 'attribute_exists(PK) AND #required = :value',
            ExpressionAttributeNames: { '#references': 'referenceCount', '#required': 'released' },
            ExpressionAttributeValues: { ':none': 0, ':delta': 1, ':value': true },
          },
        },
        {
          Put: {
            TableName: 'registry',
            Item: { PK: 'audit#exchange#01JD7Q4M5N6P7Q8R9S0T1V2W3X', SK: 'v00000003', entity: 'exchange', entityId: record.id, action: 'create', actor: 'editor@example.org', at: record.updatedAt, before: null, after: exchange() },
          },
        },
        {
          Put: {
            TableName: 'registry',
            Item: {
              PK: 'idempotency#editor@example.org#POST /exchanges',
              SK: '6f1c1b9e-5b7d-4f53-9b9e-2f1e8d3c4b5a',
              bodyHash: 'sha256:5f0c…',
              response: { status: 201, headers: { location: '/exchanges/01JD7Q4M5N6P7Q8R9S0T1V2W3X', etag: '"3"' }, body: JSON.stringify({ id: record.id }) },
              expiresAt: 1_795_622_883,
            },
            ConditionExpression: 'attribute_not_exists(PK) OR expiresAt <= :now',
            ExpressionAttributeValues: { ':now': 1_795_536_483 },
          },
        },
      ],
    }));
    expect(body.TransactItems).toHaveLength(5);
  });

  it('TransactWriteItems of an update (SET and REMOVE, version condition) and a reference count going down (updateRecord)', async () => {
    await expectSameRequest('TransactWriteItems', (): TransactWriteInput => ({
      TransactItems: [
        {
          Update: {
            TableName: 'registry',
            Key: { PK: 'person#01JD7Q4M5N6P7Q8R9S0T1V2W3Y', SK: 'record' },
            UpdateExpression: 'SET #f0 = :v0, #f1 = :v1, #f2 = :v2, #f3 = :v3 REMOVE #r0, #r1',
            ConditionExpression: '#version = :expected AND (attribute_not_exists(#references) OR #references = :none)',
            ExpressionAttributeNames: { '#version': 'version', '#f0': 'fullName', '#f1': 'version', '#f2': 'sources', '#f3': 'counts', '#r0': 'nickname', '#r1': 'GSI3PK', '#references': 'referenceCount' },
            ExpressionAttributeValues: {
              ':expected': 1,
              ':v0': 'Олександр Коваленко',
              ':v1': 2,
              ':v2': [{ url: 'https://example.org', note: undefined }, null, ''],
              ':v3': { civilians: 0, military: 1.25, unknown: undefined },
              ':none': 0,
            },
          },
        },
        {
          Update: {
            TableName: 'registry',
            Key: { PK: 'exchange#01JD7Q4M5N6P7Q8R9S0T1V2W3X', SK: 'record' },
            UpdateExpression: 'SET #references = if_not_exists(#references, :none) + :delta',
            ConditionExpression: 'attribute_exists(PK)',
            ExpressionAttributeNames: { '#references': 'referenceCount' },
            ExpressionAttributeValues: { ':none': 0, ':delta': -1 },
          },
        },
        { Put: { TableName: 'registry', Item: personItem() } },
      ],
    }));
  });

  it('TransactWriteItems of a delete (version condition, companion Delete) with a ConditionCheck', async () => {
    await expectSameRequest('TransactWriteItems', (): TransactWriteInput => ({
      TransactItems: [
        {
          Delete: {
            TableName: 'registry',
            Key: { PK: 'exchange#01JD7Q4M5N6P7Q8R9S0T1V2W3X', SK: 'record' },
            ConditionExpression: '#version = :expected',
            ExpressionAttributeNames: { '#version': 'version' },
            ExpressionAttributeValues: { ':expected': 3 },
          },
        },
        { Delete: { TableName: 'registry', Key: { PK: 'exchange#01JD7Q4M5N6P7Q8R9S0T1V2W3X', SK: 'date#2026-11-20' } } },
        {
          ConditionCheck: {
            TableName: 'registry',
            Key: { PK: 'person#01JD7Q4M5N6P7Q8R9S0T1V2W3Y', SK: 'record' },
            ConditionExpression: 'attribute_exists(PK)',
          },
        },
      ],
    }));
  });

  it("TransactWriteItems keeps a caller's ClientRequestToken, as the SDK does", async () => {
    const input = () => ({ ClientRequestToken: 'caller-token-1', TransactItems: [{ Delete: { TableName: 'registry', Key: { PK: 'a', SK: 'b' } } }] });
    const theirs = await sdkSend('TransactWriteItems', input());
    const mine = await ourSend('TransactWriteItems', input());
    expect(theirs.body.ClientRequestToken).toBe('caller-token-1');
    expect(mine.body).toStrictEqual(theirs.body);
  });
});

describe('outputs: our client against the SDK document client, for the same DynamoDB answer', () => {
  const getInput = { TableName: 'registry', Key: { PK: 'person#1', SK: 'record' } };

  it('GetItem with an item: nested maps and lists, numbers, booleans, null, empty strings', async () => {
    const mine = await expectSameOutput('GetItem', getInput, {
      Item: {
        PK: { S: 'person#1' },
        SK: { S: 'record' },
        fullName: { S: 'Олександр Коваленко 😀' },
        version: { N: '3' },
        ratio: { N: '-0.125' },
        released: { BOOL: true },
        hidden: { BOOL: false },
        middleName: { NULL: true },
        notes: { S: '' },
        exchangeIds: { L: [{ S: 'x1' }, { S: 'x2' }] },
        counts: { M: { civilians: { N: '2' }, byBranch: { M: { army: { N: '70' } } }, none: { L: [] } } },
        response: { M: { status: { N: '201' }, headers: { M: { etag: { S: '"3"' } } }, body: { S: '{"id":"x"}' } } },
      },
    });
    expect(mine).toHaveProperty('Item.counts.byBranch.army', 70);
  });

  it('GetItem without an item', async () => {
    expect(await expectSameOutput('GetItem', getInput, {})).toStrictEqual({});
  });

  it('Query with Items, Count, LastEvaluatedKey and ConsumedCapacity (ScannedCount, which the API never reads, left out)', async () => {
    const mine = await expectSameOutput(
      'Query',
      { TableName: 'registry', KeyConditionExpression: '#pk = :pk', ExpressionAttributeNames: { '#pk': 'PK' }, ExpressionAttributeValues: { ':pk': 'x' }, ReturnConsumedCapacity: 'TOTAL' },
      {
        Items: [
          { PK: { S: 'person#1' }, SK: { S: 'record' }, statsSort: { N: '17' }, released: { BOOL: true }, tags: { L: [{ S: 'a' }, { NULL: true }] } },
          { PK: { S: 'person#2' }, SK: { S: 'record' }, statsSort: { N: '18.5' }, profile: { M: { city: { S: 'Київ' }, empty: { S: '' } } } },
        ],
        Count: 2,
        ScannedCount: 5,
        LastEvaluatedKey: { PK: { S: 'person#2' }, SK: { S: 'record' }, statsPartition: { S: 'person#3' }, statsSort: { N: '18.5' } },
        ConsumedCapacity: { TableName: 'registry', CapacityUnits: 0.5 },
      },
      ['Items', 'Count', 'LastEvaluatedKey', 'ConsumedCapacity'],
    );
    expect(mine.Count).toBe(2);
    expect(mine.LastEvaluatedKey).toStrictEqual({ PK: 'person#2', SK: 'record', statsPartition: 'person#3', statsSort: 18.5 });
  });

  it('Query of the last, empty page', async () => {
    const mine = await expectSameOutput('Query', { TableName: 'registry', KeyConditionExpression: '#pk = :pk' }, { Items: [], Count: 0, ScannedCount: 0 }, ['Items', 'Count', 'LastEvaluatedKey', 'ConsumedCapacity']);
    expect(mine).toStrictEqual({ Items: [], Count: 0 });
  });

  it('PutItem and TransactWriteItems answer nothing', async () => {
    expect(await expectSameOutput('PutItem', { TableName: 'registry', Item: { PK: 'a', SK: 'b' } }, {})).toStrictEqual({});
    expect(await expectSameOutput('TransactWriteItems', { TransactItems: [{ Delete: { TableName: 'registry', Key: { PK: 'a', SK: 'b' } } }] }, {})).toStrictEqual({});
  });
});

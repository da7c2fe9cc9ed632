/**
 * Reconciliations as the store writes them, through the reconciliations-write handler: the persons
 * of the list's side read from the names index (GSI7, every person segment, filtered to the side),
 * the entries and omitted persons written in batches of at most 25 (what DynamoDB leaves
 * unprocessed sent again, a batch it keeps refusing answered 503 with the written items removed),
 * then ONE transaction with the report item, its audit record and the idempotency record; a
 * transaction lost to a concurrent request with the same key removes the batches and replays the
 * winner's answer; a DELETE removes the report (with its audit, in one transaction) before its
 * entries; and the log line of a run holds counts and times, never a name. Expected items are
 * spelled out by hand, not built with the code under test.
 */
import { ddb, resetDdb, sentCommandNames } from '../support/ddb-mock';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

// Every line the handler may write, for the test that reads them (the logger takes its level when it is built).
vi.hoisted(() => {
  process.env.POWERTOOLS_LOG_LEVEL = 'DEBUG';
});
import { BatchWriteCommand, GetCommand, QueryCommand, ScanCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import type { APIGatewayProxyResult } from 'aws-lambda';
import { handler as reconciliationsWrite } from '../../lambdas/functions/reconciliations-write';
import { statsIndexAttributes } from '../../lambdas/store/keys';
import { bodyOf, expectErrorShape, header, lambdaContext, restEvent, type EventOptions } from '../support/unit-events';

const TABLE = 'unit-table';
const CREATED = '2025-06-08T09:00:00.000Z';
const REPORT_ID = '01JZ8Y3K4N5P6Q7R8S9T0VWC01';
const MARYANENKO = '01JZ8Y3K4N5P6Q7R8S9T0VWP01';
const PETRENKO = '01JZ8Y3K4N5P6Q7R8S9T0VWP02';
const OLIINYK = '01JZ8Y3K4N5P6Q7R8S9T0VWP03';
const SHEVCHUK = '01JZ8Y3K4N5P6Q7R8S9T0VWP04';
const REPLAY_KEY = 'IDEMPOTENCY#POST /reconciliations#user-editor#list-0607';

/** The names index's person segments, as the statistics name them. */
const SEGMENTS = ['STATS#PERSONS', ...Array.from({ length: 31 }, (_, i) => `STATS#PERSONS#${String(i + 1).padStart(2, '0')}`)];

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Item = any;

/** A person as the names index answers it: the table's and the index's keys, and the projected fields only. */
const named = (id: string, fields: Record<string, unknown>): Item => ({
  PK: `PERSON#${id}`, SK: 'PERSON', ...statsIndexAttributes('persons', id), side: 'ukraine', kind: 'military', ...fields,
});
const persons = [
  named(MARYANENKO, { fullName: "Олександр Мар'яненко", dateOfBirth: '1994-03-17', serviceNumber: 'UA-123456', status: 'held' }),
  named(PETRENKO, { fullName: 'Іван Петренко', dateOfBirth: '1985-07-07', status: 'held' }),
  // Missing, and found on the list: counted, never omitted.
  named(OLIINYK, { fullName: 'Сергій Олійник', dateOfBirth: '1990-01-01', status: 'missing' }),
  named(SHEVCHUK, { fullName: 'Тарас Шевчук', dateOfBirth: '1999-09-09', status: 'held', kind: 'civilian' }),
];

/** 3 names the registry knows (more or less), then strangers: 30 entries, 31 items with the one chunk of the 2 omitted persons, so 2 batches. */
const strangers = ['Haruto Sato', 'Liam Murphy', 'Noah Fischer', 'Mateo Rossi', 'Lucas Dubois', 'Hugo Martin', 'Oscar Nilsson', 'Elias Berg', 'Felix Wagner'];
const list = {
  title: 'List handed over on 2025-06-07',
  receivedFrom: 'russia',
  receivedOn: '2025-06-07',
  listOf: 'ukraine',
  entries: [
    { ref: '1', fullName: 'Aleksandr Maryanenko', dateOfBirth: '1994-03-17' },
    { ref: '2', fullName: 'Олейник Сергей', dateOfBirth: '1990-01-01', kind: 'military' },
    { ref: '3', fullName: 'Petrenko Ivan', dateOfBirth: '1971-02-02' },
    ...Array.from({ length: 27 }, (_, i) => ({ ref: String(i + 4), fullName: `${strangers[i % strangers.length]} ${'Jr'.repeat(Math.floor(i / strangers.length))}`.trim() })),
  ],
};
/** Every name the run sees, and each of their words: none may reach a log line. */
const names = [...list.entries.map((entry) => entry.fullName), ...persons.map((person) => person.fullName)];
const nameWords = [...new Set(names.flatMap((name) => name.split(/\s+/)).filter((word) => word.length > 2))];

const call = (options: Omit<EventOptions, 'resource'> & { resource?: string }) =>
  reconciliationsWrite(restEvent({ resource: '/reconciliations', ...options }), lambdaContext()) as Promise<APIGatewayProxyResult>;
const post = (headers: Record<string, string> = {}) => call({ method: 'POST', role: 'editor', body: list, headers });
const deleteReport = (headers: Record<string, string> = {}) =>
  call({ method: 'DELETE', resource: '/reconciliations/{id}', pathParameters: { id: REPORT_ID }, role: 'admin', headers });

/**
 * The table's items that BatchWriteItem reaches, as a map `PK SK` → item: a BatchWrite puts and
 * deletes in it (except what `stuck` holds back, answered as UnprocessedItems), a Query of a
 * report's partition reads it.
 */
const table = new Map<string, Item>();
const idOf = (key: Item) => `${key.PK} ${key.SK}`;
let unprocessed: (request: Item, call: number) => boolean = () => false;

const batchCalls = () => ddb.commandCalls(BatchWriteCommand).map((c) => c.args[0].input.RequestItems![TABLE]! as Item[]);
const putsOf = (requests: Item[]) => requests.filter((r) => r.PutRequest).map((r) => r.PutRequest.Item);
const deletesOf = (requests: Item[]) => requests.filter((r) => r.DeleteRequest).map((r) => r.DeleteRequest.Key);
const queryInputs = () => ddb.commandCalls(QueryCommand).map((c) => c.args[0].input as Item);
const transactItems = (n = 0): Item[] => ddb.commandCalls(TransactWriteCommand)[n]!.args[0].input.TransactItems!;

beforeEach(() => {
  resetDdb();
  vi.restoreAllMocks();
  vi.spyOn(Math, 'random').mockReturnValue(0);
  for (const method of ['debug', 'info'] as const) vi.spyOn(console, method).mockImplementation(() => undefined);
  table.clear();
  unprocessed = () => false;
  ddb.on(ScanCommand).rejects(new Error('a reconciliation reads no Scan'));
  ddb.on(GetCommand).resolves({});
  ddb.on(TransactWriteCommand).resolves({});
  // The names index: a segment with persons answers them on a second page, after a first one that
  // the side filter left empty (persons of the other side), as DynamoDB pages before filtering.
  ddb.on(QueryCommand).callsFake((input: Item) => {
    const partition = input.ExpressionAttributeValues[':pk'];
    if (input.IndexName === 'GSI7') {
      const inSegment = persons.filter((person) => person.GSI6PK === partition);
      if (input.ExclusiveStartKey === undefined && inSegment.length > 0) {
        return { Items: [], LastEvaluatedKey: { PK: 'PERSON#01JZ8Y3K4N5P6Q7R8S9T0VWR99', SK: 'PERSON', GSI6PK: partition, GSI6SK: '01JZ8Y3K4N5P6Q7R8S9T0VWR99' }, ConsumedCapacity: { CapacityUnits: 0.5 } };
      }
      return { Items: inSegment, ConsumedCapacity: { CapacityUnits: 0.5 } };
    }
    if (input.IndexName === undefined) return { Items: [...table.values()].filter((item) => item.PK === partition).map((item) => ({ PK: item.PK, SK: item.SK })) };
    throw new Error(`unexpected Query ${JSON.stringify(input)}`);
  });
  ddb.on(BatchWriteCommand).callsFake(batchFake());
});

/** BatchWriteItem on `table`: each request applied, but those `unprocessed` holds back, which it answers. */
function batchFake() {
  let calls = 0;
  return (input: Item) => {
    const n = calls++;
    const left: Item[] = [];
    for (const request of input.RequestItems[TABLE] as Item[]) {
      if (unprocessed(request, n)) left.push(request);
      else if (request.PutRequest) table.set(idOf(request.PutRequest.Item), request.PutRequest.Item);
      else table.delete(idOf(request.DeleteRequest.Key));
    }
    return { UnprocessedItems: left.length ? { [TABLE]: left } : {} };
  };
}
afterEach(() => {
  expect(ddb).toHaveReceivedCommandTimes(ScanCommand, 0);
  vi.useRealTimers();
});

const entryKey = (id: string, index: number) => ({ PK: `RECONCILIATION#${id}#ENTRIES`, SK: `ENTRY#${String(index).padStart(5, '0')}` });

describe('POST /reconciliations', () => {
  it('reads the side from GSI7, batches the entries and omitted persons (≤ 25), then ONE transaction: report, audit', async () => {
    const result = await post();
    expect(result.statusCode, result.body).toBe(201);
    const report = bodyOf(result);
    const id = report.id as string;
    expect(header(result, 'location')).toBe(`/reconciliations/${id}`);
    expect(report.summary).toEqual({ entries: 30, matched: 2, possible: 1, unknown: 27, omitted: 2, missingFound: 1 });

    // Every person segment of the names index, filtered to the list's side; the paged one read to its end.
    const queries = queryInputs();
    expect(queries.every((q) => q.IndexName === 'GSI7')).toBe(true);
    expect([...new Set(queries.map((q) => q.ExpressionAttributeValues[':pk']))].sort()).toEqual(SEGMENTS);
    for (const query of queries) {
      expect(query).toMatchObject({
        TableName: TABLE,
        IndexName: 'GSI7',
        KeyConditionExpression: '#pk = :pk',
        FilterExpression: '#f = :f',
        ExpressionAttributeNames: { '#pk': 'GSI6PK', '#f': 'side' },
        ExpressionAttributeValues: { ':f': 'ukraine' },
      });
    }
    // One Query per segment, and a second page for each segment that has persons (its first page came back filtered empty).
    const withPersons = new Set(persons.map((person) => person.GSI6PK));
    expect(queries).toHaveLength(SEGMENTS.length + withPersons.size);
    for (const segment of withPersons) {
      expect(queries.filter((q) => q.ExpressionAttributeValues[':pk'] === segment).map((q) => q.ExclusiveStartKey?.GSI6SK)).toEqual([undefined, '01JZ8Y3K4N5P6Q7R8S9T0VWR99']);
    }

    // The reads, then the batches, then the one transaction.
    const order = sentCommandNames();
    expect(order.lastIndexOf('QueryCommand')).toBeLessThan(order.indexOf('BatchWriteCommand'));
    expect(order.filter((name) => name === 'TransactWriteCommand')).toHaveLength(1);
    expect(order[order.length - 1]).toBe('TransactWriteCommand');

    const batches = batchCalls();
    expect(batches.map((batch) => batch.length)).toEqual([25, 6]);
    expect(batches.flat().every((request) => Object.keys(request).join() === 'PutRequest')).toBe(true);
    const written = batches.flatMap(putsOf);
    const entries = written.filter((item) => item.PK === `RECONCILIATION#${id}#ENTRIES`);
    const omitted = written.filter((item) => item.PK === `RECONCILIATION#${id}#OMITTED`);
    expect(entries).toHaveLength(30);
    expect(omitted).toHaveLength(1);
    expect(entries.map((item) => item.SK)).toEqual(Array.from({ length: 30 }, (_, i) => `ENTRY#${String(i).padStart(5, '0')}`));

    expect(entries[0]).toEqual({
      ...entryKey(id, 0),
      GSI1PK: `RECONCILIATION#${id}#MATCHED`,
      GSI1SK: 'ENTRY#00000',
      index: 0,
      ref: '1',
      fullName: 'Aleksandr Maryanenko',
      dateOfBirth: '1994-03-17',
      outcome: 'matched',
      match: { personId: MARYANENKO, score: expect.any(Number), agreed: expect.arrayContaining(['name', 'dateOfBirth']) },
      candidates: expect.any(Array),
    });
    expect(entries[1]).toMatchObject({ ...entryKey(id, 1), GSI1PK: `RECONCILIATION#${id}#MATCHED`, kind: 'military', match: { personId: OLIINYK } });
    expect(entries[2]).toMatchObject({
      ...entryKey(id, 2),
      GSI1PK: `RECONCILIATION#${id}#POSSIBLE`,
      GSI1SK: 'ENTRY#00002',
      outcome: 'possible',
      match: null,
      candidates: [expect.objectContaining({ personId: PETRENKO, fullName: 'Іван Петренко' })],
    });
    expect(entries[29]).toEqual({
      ...entryKey(id, 29),
      GSI1PK: `RECONCILIATION#${id}#UNKNOWN`,
      GSI1SK: 'ENTRY#00029',
      index: 29,
      ref: '30',
      fullName: list.entries[29]!.fullName,
      outcome: 'unknown',
      match: null,
      candidates: [],
    });
    // Each entry is in GSI1 under its own outcome, sorted as in the list.
    for (const item of entries) expect([item.GSI1PK, item.GSI1SK]).toEqual([`RECONCILIATION#${id}#${String(item.outcome).toUpperCase()}`, item.SK]);

    // The held persons nothing matched, in one chunk in person id order; the missing one that was matched is not omitted.
    expect(omitted).toEqual([
      {
        PK: `RECONCILIATION#${id}#OMITTED`,
        SK: 'CHUNK#00000',
        persons: [
          { personId: PETRENKO, fullName: 'Іван Петренко', status: 'held' },
          { personId: SHEVCHUK, fullName: 'Тарас Шевчук', status: 'held' },
        ],
      },
    ]);

    const { summary, ...about } = report;
    expect(transactItems()).toEqual([
      {
        Put: {
          TableName: TABLE,
          Item: {
            PK: `RECONCILIATION#${id}`,
            SK: 'RECONCILIATION',
            GSI1PK: 'RECONCILIATIONS',
            GSI1SK: `${report.createdAt}#${id}`,
            ...about,
            summary,
            updatedAt: report.createdAt,
          },
          ConditionExpression: 'attribute_not_exists(PK)',
        },
      },
      {
        Put: {
          TableName: TABLE,
          Item: {
            PK: `AUDIT#reconciliations#${id}`,
            SK: 'V#0000000001',
            entity: 'reconciliations',
            entityId: id,
            action: 'create',
            actor: 'user-editor',
            at: report.createdAt,
            before: null,
            after: { ...about, summary, updatedAt: report.createdAt },
          },
        },
      },
    ]);
    // The report item holds the summary, not the list: no entry and no name.
    const reportItem = transactItems()[0].Put.Item;
    expect(reportItem.entries).toBeUndefined();
    for (const name of names) expect(JSON.stringify(reportItem)).not.toContain(name);
    expect(ddb).toHaveReceivedCommandTimes(GetCommand, 0);
  });

  it('with an Idempotency-Key: looks the key up first, and stores the answer in the same transaction', async () => {
    const result = await post({ 'Idempotency-Key': 'list-0607' });
    expect(result.statusCode).toBe(201);
    const id = bodyOf(result).id;
    expect(ddb.commandCalls(GetCommand).map((c) => c.args[0].input)).toEqual([
      { TableName: TABLE, Key: { PK: REPLAY_KEY, SK: 'IDEMPOTENCY' }, ConsistentRead: true },
    ]);
    expect(sentCommandNames()[0]).toBe('GetCommand');
    expect(ddb).toHaveReceivedCommandTimes(TransactWriteCommand, 1);
    const items = transactItems();
    expect(items).toHaveLength(3);
    expect(items[0].Put.Item).toMatchObject({ PK: `RECONCILIATION#${id}`, _storedAnswer: REPLAY_KEY });
    expect(items[1].Put.Item).toMatchObject({ PK: `AUDIT#reconciliations#${id}` });
    expect(items[2].Put).toMatchObject({
      TableName: TABLE,
      Item: { PK: REPLAY_KEY, SK: 'IDEMPOTENCY', bodyHash: expect.any(String), response: { status: 201, body: result.body }, expiresAt: expect.any(Number) },
      ConditionExpression: 'attribute_not_exists(PK) OR expiresAt <= :now',
    });
  });

  it('sends again what DynamoDB left unprocessed, until nothing is left', async () => {
    // The first call leaves 3 items; the first resend leaves 1 of them again.
    const heldBack = new Set(['ENTRY#00003', 'ENTRY#00010', 'ENTRY#00024']);
    unprocessed = (request, n) => request.PutRequest && heldBack.has(request.PutRequest.Item.SK) && (n === 0 || (n < 3 && request.PutRequest.Item.SK === 'ENTRY#00010'));
    const result = await post();
    expect(result.statusCode, result.body).toBe(201);
    const id = bodyOf(result).id;
    const batches = batchCalls();
    expect(batches.every((batch) => batch.length <= 25)).toBe(true);
    // The two batches, then the resends of the first: its 3 left-overs, then the 1 left again.
    expect(batches.map((batch) => putsOf(batch).map((item) => item.SK).filter((sk) => heldBack.has(sk)))).toEqual([
      ['ENTRY#00003', 'ENTRY#00010', 'ENTRY#00024'],
      [],
      ['ENTRY#00003', 'ENTRY#00010', 'ENTRY#00024'],
      ['ENTRY#00010'],
    ]);
    expect(batches.slice(2).map((batch) => batch.length)).toEqual([3, 1]);
    // Everything written once the report is stored.
    expect([...table.keys()].filter((key) => key.startsWith(`RECONCILIATION#${id}#ENTRIES `))).toHaveLength(30);
    expect(sentCommandNames().slice(-1)).toEqual(['TransactWriteCommand']);
  });

  it('answers 503 with Retry-After when DynamoDB keeps refusing part of a batch, and deletes what it had written', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    unprocessed = (request) => request.PutRequest?.Item.SK === 'ENTRY#00007';
    const pending = post({ 'Idempotency-Key': 'list-0607' });
    // The resends wait 50, 100, … 3,200 ms; the handler's own early answer comes only after 27 s.
    await vi.advanceTimersByTimeAsync(7_000);
    const result = await pending;
    vi.useRealTimers();

    expect(result.statusCode).toBe(503);
    expect(header(result, 'retry-after')).toBe('1');
    expect(expectErrorShape(result).code).toBe('unavailable');
    // 8 attempts at the refused item, then given up; the report never written.
    expect(batchCalls().filter((batch) => putsOf(batch).some((item) => item.SK === 'ENTRY#00007'))).toHaveLength(8);
    expect(ddb).toHaveReceivedCommandTimes(TransactWriteCommand, 0);
    // The cleanup read the keys of both partitions consistently, and deleted every item written.
    const cleanup = queryInputs().filter((q) => q.IndexName === undefined);
    expect(cleanup.map((q) => q.ExpressionAttributeValues[':pk'])).toEqual([expect.stringMatching(/^RECONCILIATION#\w{26}#ENTRIES$/), expect.stringMatching(/^RECONCILIATION#\w{26}#OMITTED$/)]);
    for (const query of cleanup) expect(query).toMatchObject({ ConsistentRead: true, ProjectionExpression: '#pk, #sk' });
    // 29 entries and the one chunk of omitted persons.
    const deleted = batchCalls().flatMap(deletesOf);
    expect(deleted).toHaveLength(30);
    expect(deleted.filter((key) => String(key.PK).endsWith('#OMITTED'))).toEqual([{ PK: expect.stringMatching(/^RECONCILIATION#\w{26}#OMITTED$/), SK: 'CHUNK#00000' }]);
    for (const key of deleted) expect(Object.keys(key).sort()).toEqual(['PK', 'SK']);
    expect([...table.keys()]).toEqual([]);
  });

  it('deletes only once no batch is in flight: a batch still being written when another is refused is removed too', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    unprocessed = (request) => request.PutRequest?.Item.SK === 'ENTRY#00007';
    // The second batch (from ENTRY#00025 on) takes 8 s to answer: longer than the first one's 8 attempts.
    let slowed = false;
    const defaultFake = batchFake();
    ddb.on(BatchWriteCommand).callsFake(async (input: Item) => {
      const requests = input.RequestItems[TABLE] as Item[];
      if (!slowed && requests.some((request) => request.PutRequest?.Item.SK === 'ENTRY#00025')) {
        slowed = true;
        await new Promise((resolve) => setTimeout(resolve, 8_000));
      }
      return defaultFake(input);
    });
    const pending = post();
    await vi.advanceTimersByTimeAsync(10_000);
    const result = await pending;
    vi.useRealTimers();

    expect(result.statusCode).toBe(503);
    expect(slowed).toBe(true);
    // The slow batch landed before the cleanup read the keys: it is deleted with the rest.
    expect([...table.keys()]).toEqual([]);
    expect(batchCalls().flatMap(deletesOf)).toHaveLength(30);
  });

  it('when the transaction has no answer (the store failed): removes the batches only if the report item is not there', async () => {
    const serverError = () => Object.assign(new Error('Internal server error'), { name: 'InternalServerError', $fault: 'server', $metadata: { httpStatusCode: 500 } });
    ddb.on(TransactWriteCommand).rejects(serverError());
    // It did commit: the entries belong to a stored report and stay.
    ddb.on(GetCommand).callsFake((input: Item) => ({ Item: input.Key.SK === 'RECONCILIATION' ? { ...input.Key, id: String(input.Key.PK).slice('RECONCILIATION#'.length), version: 1 } : undefined }));
    const committed = await post();
    expect(committed.statusCode).toBe(503);
    expect(header(committed, 'retry-after')).toBe('1');
    const id = ddb.commandCalls(TransactWriteCommand)[0]!.args[0].input.TransactItems![0]!.Put!.Item!.id as string;
    expect(ddb.commandCalls(GetCommand).map((c) => c.args[0].input)).toEqual([
      { TableName: TABLE, Key: { PK: `RECONCILIATION#${id}`, SK: 'RECONCILIATION' }, ConsistentRead: true },
    ]);
    expect(batchCalls().flatMap(deletesOf)).toEqual([]);
    expect(table.size).toBe(31);

    // It did not: they are removed.
    resetDdb();
    ddb.on(QueryCommand).callsFake((input: Item) => (input.IndexName ? { Items: [] } : { Items: [...table.values()].filter((item) => item.PK === input.ExpressionAttributeValues[':pk']).map(({ PK, SK }) => ({ PK, SK })) }));
    ddb.on(BatchWriteCommand).callsFake(batchFake());
    ddb.on(TransactWriteCommand).rejects(serverError());
    ddb.on(GetCommand).resolves({});
    table.clear();
    const lost = await post();
    expect(lost.statusCode).toBe(503);
    expect(batchCalls().flatMap(deletesOf)).toHaveLength(30);
    expect([...table.keys()]).toEqual([]);
  });

  it('when a concurrent request took the Idempotency-Key: batch-deletes its entries (nothing left) and replays the stored answer', async () => {
    let winner: Item;
    ddb.on(GetCommand).callsFake((input: Item) => ({ Item: input.Key.PK === REPLAY_KEY ? winner : undefined }));
    ddb.on(TransactWriteCommand).callsFake((input: Item) => {
      const mine = input.TransactItems.find((item: Item) => item.Put.Item.PK === REPLAY_KEY).Put.Item;
      // The winner sent the same body (so the same hash) and got its own report.
      const answer = { id: REPORT_ID, title: list.title, summary: { entries: 30 } };
      winner = { ...mine, response: { status: 201, headers: { location: `/reconciliations/${REPORT_ID}`, etag: '"1"' }, body: JSON.stringify(answer) } };
      throw new TransactionCanceledException({
        message: 'cancelled',
        $metadata: {},
        CancellationReasons: input.TransactItems.map((item: Item) => ({ Code: item.Put.Item.PK === REPLAY_KEY ? 'ConditionalCheckFailed' : 'None' })),
      });
    });

    const result = await post({ 'Idempotency-Key': 'list-0607' });
    expect(result.statusCode).toBe(201);
    expect(header(result, 'idempotent-replayed')).toBe('true');
    expect(header(result, 'location')).toBe(`/reconciliations/${REPORT_ID}`);
    expect(bodyOf(result)).toEqual({ id: REPORT_ID, title: list.title, summary: { entries: 30 } });

    const mine = transactItems()[0].Put.Item.id as string;
    expect(mine).not.toBe(REPORT_ID);
    // Written, then every one of them deleted again: nothing of the lost report is left.
    const puts = batchCalls().flatMap(putsOf);
    const deletes = batchCalls().flatMap(deletesOf);
    expect(puts).toHaveLength(31);
    expect(deletes.map(idOf).sort()).toEqual(puts.map(idOf).sort());
    expect([...table.keys()]).toEqual([]);
    expect(batchCalls().every((batch) => batch.length <= 25)).toBe(true);
    // The look-up, the run, the one transaction, the cleanup, and the look-up of the winner's answer.
    const order = sentCommandNames();
    expect(order[0]).toBe('GetCommand');
    expect(order[order.length - 1]).toBe('GetCommand');
    expect(order.filter((name) => name === 'TransactWriteCommand')).toHaveLength(1);
    const transaction = order.indexOf('TransactWriteCommand');
    expect(order.slice(transaction + 1, -1)).toEqual(['QueryCommand', 'QueryCommand', 'BatchWriteCommand', 'BatchWriteCommand']);
    expect(queryInputs().filter((q) => q.IndexName === undefined).map((q) => q.ExpressionAttributeValues[':pk'])).toEqual([
      `RECONCILIATION#${mine}#ENTRIES`,
      `RECONCILIATION#${mine}#OMITTED`,
    ]);
  });

  it('logs counts and times, and no name from the list or the persons', async () => {
    const lines: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((line: unknown) => void lines.push(String(line)));
    vi.spyOn(console, 'error').mockImplementation((line: unknown) => void lines.push(String(line)));
    vi.spyOn(console, 'warn').mockImplementation((line: unknown) => void lines.push(String(line)));
    vi.spyOn(console, 'info').mockImplementation((line: unknown) => void lines.push(String(line)));
    const result = await post({ 'Idempotency-Key': 'list-0607' });
    expect(result.statusCode).toBe(201);

    const logged = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    const run = logged.filter((line) => line.message === 'reconciliation');
    expect(run).toHaveLength(1);
    // Powertools' own keys (the Lambda context, the correlation id, the route), then the run's figures: nothing else.
    const context = ['cold_start', 'correlation_id', 'function_arn', 'function_memory_size', 'function_name', 'function_request_id', 'level', 'message', 'sampling_rate', 'service', 'timestamp'];
    expect(Object.keys(run[0]!).filter((key) => !context.includes(key)).sort()).toEqual(['entries', 'matchMs', 'personsRead', 'requestId']);
    expect(run[0]).toMatchObject({ level: 'INFO', requestId: 'req-unit-0001', entries: 30, personsRead: persons.length, matchMs: expect.any(Number) });
    const request = logged.filter((line) => line.message === 'request');
    expect(request).toEqual([expect.objectContaining({ route: 'POST /reconciliations', status: 201, function_request_id: 'req-unit-0001' })]);
    expect(Number.isInteger(run[0]!.matchMs)).toBe(true);
    for (const line of lines) {
      for (const word of [...names, ...nameWords, list.title]) expect(line, word).not.toContain(word);
    }
  });
});

describe('DELETE /reconciliations/{id}', () => {
  const storedReport = {
    PK: `RECONCILIATION#${REPORT_ID}`,
    SK: 'RECONCILIATION',
    GSI1PK: 'RECONCILIATIONS',
    GSI1SK: `${CREATED}#${REPORT_ID}`,
    id: REPORT_ID,
    title: list.title,
    receivedFrom: 'russia',
    receivedOn: '2025-06-07',
    listOf: 'ukraine',
    summary: { entries: 30, matched: 2, possible: 1, unknown: 27, omitted: 2, missingFound: 1 },
    version: 1,
    createdAt: CREATED,
    updatedAt: CREATED,
    _storedAnswer: REPLAY_KEY,
  };
  const record = (({ PK: _pk, SK: _sk, GSI1PK: _1, GSI1SK: _2, _storedAnswer: _a, ...rest }) => rest)(storedReport);
  beforeEach(() => {
    ddb.on(GetCommand).resolves({ Item: storedReport });
    for (let i = 0; i < 30; i++) table.set(idOf(entryKey(REPORT_ID, i)), { ...entryKey(REPORT_ID, i), index: i, fullName: list.entries[i]!.fullName });
    table.set(`RECONCILIATION#${REPORT_ID}#OMITTED CHUNK#00000`, {
      PK: `RECONCILIATION#${REPORT_ID}#OMITTED`,
      SK: 'CHUNK#00000',
      persons: [
        { personId: PETRENKO, fullName: 'Іван Петренко', status: 'held' },
        { personId: SHEVCHUK, fullName: 'Тарас Шевчук', status: 'held' },
      ],
    });
  });

  it('deletes the report with its version condition, its stored answer and audit in ONE transaction, then its entries and omitted persons in batches', async () => {
    const result = await deleteReport({ 'If-Match': '"1"' });
    expect(result.statusCode, result.body).toBe(204);
    expect(sentCommandNames()).toEqual(['GetCommand', 'TransactWriteCommand', 'QueryCommand', 'QueryCommand', 'BatchWriteCommand', 'BatchWriteCommand']);
    expect(ddb.commandCalls(GetCommand)[0]!.args[0].input).toEqual({ TableName: TABLE, Key: { PK: `RECONCILIATION#${REPORT_ID}`, SK: 'RECONCILIATION' }, ConsistentRead: true });

    expect(transactItems()).toEqual([
      {
        Delete: {
          TableName: TABLE,
          Key: { PK: `RECONCILIATION#${REPORT_ID}`, SK: 'RECONCILIATION' },
          ConditionExpression: '#version = :expected',
          ExpressionAttributeNames: { '#version': 'version' },
          ExpressionAttributeValues: { ':expected': 1 },
        },
      },
      { Delete: { TableName: TABLE, Key: { PK: REPLAY_KEY, SK: 'IDEMPOTENCY' } } },
      {
        Put: {
          TableName: TABLE,
          Item: {
            PK: `AUDIT#reconciliations#${REPORT_ID}`,
            SK: 'V#0000000002',
            entity: 'reconciliations',
            entityId: REPORT_ID,
            action: 'delete',
            actor: 'user-admin',
            at: expect.any(String),
            before: record,
            after: null,
          },
        },
      },
    ]);

    // The keys of both partitions, read consistently, only the keys.
    expect(queryInputs()).toEqual([
      expect.objectContaining({ TableName: TABLE, KeyConditionExpression: '#pk = :pk', ProjectionExpression: '#pk, #sk', ConsistentRead: true, ExpressionAttributeValues: { ':pk': `RECONCILIATION#${REPORT_ID}#ENTRIES` } }),
      expect.objectContaining({ TableName: TABLE, KeyConditionExpression: '#pk = :pk', ProjectionExpression: '#pk, #sk', ConsistentRead: true, ExpressionAttributeValues: { ':pk': `RECONCILIATION#${REPORT_ID}#OMITTED` } }),
    ]);
    for (const query of queryInputs()) expect(query.IndexName).toBeUndefined();
    const batches = batchCalls();
    expect(batches.map((batch) => batch.length)).toEqual([25, 6]);
    expect(batches.flat().every((request) => Object.keys(request).join() === 'DeleteRequest')).toBe(true);
    expect(batches.flatMap(deletesOf)).toEqual([
      ...Array.from({ length: 30 }, (_, i) => entryKey(REPORT_ID, i)),
      { PK: `RECONCILIATION#${REPORT_ID}#OMITTED`, SK: 'CHUNK#00000' },
    ]);
    expect([...table.keys()]).toEqual([]);
  });

  it('with a stale If-Match: 412, and nothing deleted', async () => {
    const result = await deleteReport({ 'If-Match': '"7"' });
    expect(result.statusCode).toBe(412);
    expect(sentCommandNames()).toEqual(['GetCommand']);
    expect(table.size).toBe(31);
  });
});

/**
 * What links a round to an agreement, as the store writes it: the round's copy in the agreement's
 * partition, its stage claim there, and the agreement's reference counter, all in the round's own
 * transaction (lambdas/store/keys/agreements.ts); how a refusal of one of them is answered; the
 * guarded delete of an agreement; and the progress read of one agreement. Expected items are
 * spelled out by hand, not built with the code under test.
 */
import { ddb, resetDdb, sentCommandNames } from '../support/ddb-mock';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { GetCommand, QueryCommand, ScanCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { handler as roundsWrite } from '../../lambdas/functions/rounds-write';
import { handler as agreementsRead } from '../../lambdas/functions/agreements-read';
import { handler as agreementsWrite } from '../../lambdas/functions/agreements-write';
import { agreement } from '../support/fixtures';
import { bodyOf, expectErrorShape, header, lambdaContext, restEvent, ROUND_ID, storedRoundItem, validRound, type EventOptions } from '../support/unit-events';

const AGREEMENT_A = '01JZ8Y3K4N5P6Q7R8S9T0VWA01';
const AGREEMENT_B = '01JZ8Y3K4N5P6Q7R8S9T0VWA02';
const TABLE = 'unit-table';
const CREATED = '2025-07-23T09:00:00.000Z';

const roundKey = (id: string) => ({ PK: `ROUND#${id}`, SK: 'ROUND' });
const agreementKey = (id: string) => ({ PK: `AGREEMENT#${id}`, SK: 'AGREEMENT' });
const copyKey = (agreementId: string, date: string, id: string) => ({ PK: `AGREEMENT#${agreementId}#LINKS`, SK: `ROUND#${date}#${id}` });
const stageKey = (agreementId: string, stage: string) => ({ PK: `AGREEMENT#${agreementId}#LINKS`, SK: `STAGE#${stage}` });

/** The reference counter on an agreement: +1 when a round starts naming it, −1 when it stops. */
const counter = (agreementId: string, delta: 1 | -1) => ({
  Update: {
    TableName: TABLE,
    Key: agreementKey(agreementId),
    UpdateExpression: 'SET #references = if_not_exists(#references, :none) + :delta',
    ConditionExpression: 'attribute_exists(PK)',
    ExpressionAttributeNames: { '#references': '_references' },
    ExpressionAttributeValues: { ':none': 0, ':delta': delta },
  },
});

/** A stored agreement (the 23 July 2025 fixture), laid out by hand. */
function storedAgreement(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const record = { ...agreement(), id: AGREEMENT_A, version: 2, createdAt: CREATED, updatedAt: CREATED, ...overrides } as Record<string, unknown>;
  const reached = `${record.reachedOn}#${record.id}`;
  return {
    PK: `AGREEMENT#${record.id}`,
    SK: 'AGREEMENT',
    GSI1PK: 'AGREEMENTS',
    GSI1SK: reached,
    GSI2PK: `AGREEMENTS#STATUS#${record.status}`,
    GSI2SK: reached,
    ...record,
  };
}

/** storedRoundItem() without the keys and index attributes: the API record. */
function recordOf(item: Record<string, unknown>): Record<string, unknown> {
  const { PK: _pk, SK: _sk, GSI1PK: _1, GSI1SK: _2, GSI2PK: _3, GSI2SK: _4, _references: _r, ...record } = item;
  return record;
}

const call = (fn: typeof roundsWrite, options: EventOptions) => fn(restEvent(options), lambdaContext());
const postRound = (body: unknown) => call(roundsWrite, { method: 'POST', resource: '/rounds', role: 'editor', body });
const patchRound = (body: unknown) =>
  call(roundsWrite, { method: 'PATCH', resource: '/rounds/{id}', pathParameters: { id: ROUND_ID }, role: 'editor', body });

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Item = any;
const transactItems = (n = 0): Item[] => ddb.commandCalls(TransactWriteCommand)[n]!.args[0].input.TransactItems!;
const sameKey = (a: object, b: object) => JSON.stringify(Object.entries(a).sort()) === JSON.stringify(Object.entries(b).sort());
const resolve = (expression: string, names: Record<string, string>) => expression.replace(/#\w+/g, (name) => names[name] ?? name);

/** The Update's SET clause with the placeholders resolved: attribute → value. */
function setOf(update: Item): Record<string, unknown> {
  const names = update.ExpressionAttributeNames as Record<string, string>;
  const values = update.ExpressionAttributeValues as Record<string, unknown>;
  const [, setPart = ''] = /^SET (.*?)(?: REMOVE .*)?$/.exec(update.UpdateExpression as string) ?? [];
  return Object.fromEntries(setPart.split(', ').map((clause) => {
    const [name, value] = clause.split(' = ');
    return [names[name!]!, values[value!]];
  }));
}

/** Fails every transaction with ConditionalCheckFailed on the item that `pick` chooses (and only on it). */
function cancelOn(pick: (item: Item) => boolean) {
  ddb.on(TransactWriteCommand).callsFake((input: { TransactItems: Item[] }) => {
    const reasons = input.TransactItems.map((item) => ({ Code: pick(item) ? 'ConditionalCheckFailed' : 'None' }));
    if (!reasons.some((reason) => reason.Code !== 'None')) throw new Error('the picked item is not in the transaction');
    throw new TransactionCanceledException({ message: 'cancelled', $metadata: {}, CancellationReasons: reasons });
  });
}
const isStageClaim = (item: Item) => item.Put !== undefined && String(item.Put.Item.SK).startsWith('STAGE#');
const isCounterOn = (agreementId: string) => (item: Item) => item.Update !== undefined && sameKey(item.Update.Key, agreementKey(agreementId));

beforeEach(() => {
  resetDdb();
  vi.restoreAllMocks();
  vi.spyOn(Math, 'random').mockReturnValue(0);
  ddb.on(ScanCommand).rejects(new Error('no list or read is answered by a Scan'));
});
afterEach(() => {
  expect(ddb).toHaveReceivedCommandTimes(ScanCommand, 0);
});

describe('POST /rounds naming an agreement at a stage', () => {
  it('puts the round, its copy in AGREEMENT#<id>#LINKS, claims the stage, counts the reference and audits, in one transaction', async () => {
    ddb.on(TransactWriteCommand).resolves({});
    const result = await postRound(validRound({ agreementId: AGREEMENT_A, stage: 2 }));
    expect(result.statusCode).toBe(201);
    expect(sentCommandNames()).toEqual(['TransactWriteCommand']);
    const { disputed: _disputed, ...record } = bodyOf(result);
    const id = record.id as string;
    expect(record).toMatchObject({ agreementId: AGREEMENT_A, stage: 2, version: 1 });

    expect(transactItems()).toEqual([
      {
        Put: {
          TableName: TABLE,
          Item: {
            PK: `ROUND#${id}`,
            SK: 'ROUND',
            GSI1PK: 'ROUNDS',
            GSI1SK: `2025-06-09#${id}`,
            GSI2PK: 'ROUNDS#STATUS#completed',
            GSI2SK: `2025-06-09#${id}`,
            GSI6PK: 'STATS#ROUNDS',
            GSI6SK: id,
            ...record,
          },
          ConditionExpression: 'attribute_not_exists(PK)',
        },
      },
      // The copy that lists by agreement and progress read: the record, no index attributes.
      { Put: { TableName: TABLE, Item: { ...copyKey(AGREEMENT_A, '2025-06-09', id), ...record } } },
      { Put: { TableName: TABLE, Item: { ...stageKey(AGREEMENT_A, '0002'), holder: id }, ConditionExpression: 'attribute_not_exists(PK)' } },
      counter(AGREEMENT_A, 1),
      {
        Put: {
          TableName: TABLE,
          Item: {
            PK: `AUDIT#rounds#${id}`,
            SK: 'V#0000000001',
            entity: 'rounds',
            entityId: id,
            action: 'create',
            actor: 'user-editor',
            at: record.createdAt,
            before: null,
            after: record,
          },
        },
      },
    ]);
  });

  it('without a stage: the copy and the counter, no claim', async () => {
    ddb.on(TransactWriteCommand).resolves({});
    const { stage: _stage, ...unstaged } = validRound({ agreementId: AGREEMENT_A });
    expect((await postRound(unstaged)).statusCode).toBe(201);
    const items = transactItems();
    expect(items.filter(isStageClaim)).toEqual([]);
    expect(items.filter(isCounterOn(AGREEMENT_A))).toEqual([counter(AGREEMENT_A, 1)]);
    expect(items).toHaveLength(4);
  });

  it('a stage without an agreement claims nothing and counts nothing', async () => {
    ddb.on(TransactWriteCommand).resolves({});
    expect((await postRound(validRound({ stage: 2 }))).statusCode).toBe(201);
    const items = transactItems();
    expect(items.map((item) => Object.keys(item)[0])).toEqual(['Put', 'Put']);
    expect(items.every((item) => !String(item.Put.Item.PK).startsWith('AGREEMENT#'))).toBe(true);
  });
});

describe('PATCH /rounds/{id} and the agreement it names', () => {
  const linked = (overrides: Record<string, unknown> = {}) => storedRoundItem({ agreementId: AGREEMENT_A, stage: 2, version: 3, ...overrides });

  it('moving the round from agreement A (stage 2) to B (stage 2): copy and claim move, −1 on A, +1 on B', async () => {
    ddb.on(GetCommand).resolves({ Item: linked() });
    ddb.on(TransactWriteCommand).resolves({});
    const result = await patchRound({ agreementId: AGREEMENT_B });
    expect(result.statusCode).toBe(200);
    const { disputed: _disputed, ...after } = bodyOf(result);
    expect(after).toMatchObject({ agreementId: AGREEMENT_B, stage: 2, version: 4 });
    const items = transactItems();
    expect(items).toHaveLength(8);

    const [record, ...rest] = items;
    expect(record.Update.Key).toEqual(roundKey(ROUND_ID));
    expect(record.Update.ConditionExpression).toBe('#version = :expected');
    expect(record.Update.ExpressionAttributeValues[':expected']).toBe(3);
    expect(setOf(record.Update)).toMatchObject({ agreementId: AGREEMENT_B, stage: 2, version: 4 });

    expect(rest).toEqual([
      { Put: { TableName: TABLE, Item: { ...copyKey(AGREEMENT_B, '2025-06-09', ROUND_ID), ...after } } },
      { Delete: { TableName: TABLE, Key: copyKey(AGREEMENT_A, '2025-06-09', ROUND_ID) } },
      { Put: { TableName: TABLE, Item: { ...stageKey(AGREEMENT_B, '0002'), holder: ROUND_ID }, ConditionExpression: 'attribute_not_exists(PK)' } },
      // Released unconditionally: the round held it, by the transaction that claimed it.
      { Delete: { TableName: TABLE, Key: stageKey(AGREEMENT_A, '0002') } },
      counter(AGREEMENT_B, 1),
      counter(AGREEMENT_A, -1),
      {
        Put: {
          TableName: TABLE,
          Item: expect.objectContaining({
            PK: `AUDIT#rounds#${ROUND_ID}`,
            SK: 'V#0000000004',
            action: 'update',
            before: recordOf(linked()),
            after,
          }),
        },
      },
    ]);
  });

  it('a change that leaves agreement and stage alone rewrites the copy, and touches neither the claim nor the counter', async () => {
    ddb.on(GetCommand).resolves({ Item: linked() });
    ddb.on(TransactWriteCommand).resolves({});
    const result = await patchRound({ notes: 'confirmed by both sides' });
    expect(result.statusCode).toBe(200);
    const { disputed: _disputed, ...after } = bodyOf(result);
    const items = transactItems();
    expect(items.map((item) => Object.keys(item)[0])).toEqual(['Update', 'Put', 'Put']);
    expect(items[0].Update.Key).toEqual(roundKey(ROUND_ID));
    expect(items[1]).toEqual({ Put: { TableName: TABLE, Item: { ...copyKey(AGREEMENT_A, '2025-06-09', ROUND_ID), ...after } } });
    expect(items[1].Put.Item).toMatchObject({ notes: 'confirmed by both sides', version: 4 });
    expect(items[2].Put.Item.PK).toBe(`AUDIT#rounds#${ROUND_ID}`);
  });

  it('a new date moves the copy within the agreement, and still leaves the claim and the counter alone', async () => {
    ddb.on(GetCommand).resolves({ Item: linked() });
    ddb.on(TransactWriteCommand).resolves({});
    expect((await patchRound({ date: '2025-06-10' })).statusCode).toBe(200);
    const items = transactItems();
    expect(items.filter((item) => item.Put && String(item.Put.Item.SK).startsWith('ROUND#')).map((item) => item.Put.Item.SK)).toEqual([
      `ROUND#2025-06-10#${ROUND_ID}`,
    ]);
    expect(items.filter((item) => item.Delete).map((item) => item.Delete.Key)).toEqual([copyKey(AGREEMENT_A, '2025-06-09', ROUND_ID)]);
    expect(items.filter(isStageClaim)).toEqual([]);
    expect(items.filter((item) => item.Update)).toHaveLength(1);
  });

  it('a new stage in the same agreement claims the new one and releases the old, without counting', async () => {
    ddb.on(GetCommand).resolves({ Item: linked() });
    ddb.on(TransactWriteCommand).resolves({});
    expect((await patchRound({ stage: 3 })).statusCode).toBe(200);
    const items = transactItems();
    expect(items.filter(isStageClaim).map((item) => item.Put.Item)).toEqual([{ ...stageKey(AGREEMENT_A, '0003'), holder: ROUND_ID }]);
    expect(items.filter((item) => item.Delete).map((item) => item.Delete.Key)).toEqual([stageKey(AGREEMENT_A, '0002')]);
    expect(items.filter((item) => item.Update)).toHaveLength(1);
  });
});

describe('refusals of a linked round, through the route handlers', () => {
  it('a stage that another round of the agreement holds is 409 conflict naming `stage`, without retrying', async () => {
    cancelOn(isStageClaim);
    const result = await postRound(validRound({ agreementId: AGREEMENT_A, stage: 2 }));
    expect(result.statusCode).toBe(409);
    expect(expectErrorShape(result)).toEqual({
      code: 'conflict',
      message: 'Another round of this agreement is already stage 2',
      details: [{ path: 'stage', message: 'Another round of this agreement is already stage 2' }],
    });
    expect(ddb).toHaveReceivedCommandTimes(TransactWriteCommand, 1);
  });

  it('an agreement that does not exist is 422 invalid_reference naming `agreementId`, without retrying', async () => {
    cancelOn(isCounterOn(AGREEMENT_A));
    const result = await postRound(validRound({ agreementId: AGREEMENT_A, stage: 2 }));
    expect(result.statusCode).toBe(422);
    expect(expectErrorShape(result)).toEqual({
      code: 'invalid_reference',
      message: 'agreementId must name an existing agreement',
      details: [{ path: 'agreementId', message: 'No agreement has this id' }],
    });
    expect(ddb).toHaveReceivedCommandTimes(TransactWriteCommand, 1);
  });

  it('the same two on a PATCH that moves the round to agreement B', async () => {
    ddb.on(GetCommand).resolves({ Item: storedRoundItem({ agreementId: AGREEMENT_A, stage: 2 }) });
    cancelOn(isStageClaim);
    const taken = await patchRound({ agreementId: AGREEMENT_B });
    expect(taken.statusCode).toBe(409);
    expect(expectErrorShape(taken).details).toEqual([{ path: 'stage', message: 'Another round of this agreement is already stage 2' }]);

    cancelOn(isCounterOn(AGREEMENT_B));
    const missing = await patchRound({ agreementId: AGREEMENT_B });
    expect(missing.statusCode).toBe(422);
    expect(expectErrorShape(missing).details).toEqual([{ path: 'agreementId', message: 'No agreement has this id' }]);
    expect(ddb).toHaveReceivedCommandTimes(TransactWriteCommand, 2);
  });
});

describe('DELETE /agreements/{id}', () => {
  const del = () => agreementsWrite(restEvent({ method: 'DELETE', resource: '/agreements/{id}', pathParameters: { id: AGREEMENT_A }, role: 'admin' }), lambdaContext());

  it('sends a Delete conditional on the version and on nothing naming it (its reference count), plus the audit', async () => {
    ddb.on(GetCommand).resolves({ Item: { ...storedAgreement(), _references: 0 } });
    ddb.on(TransactWriteCommand).resolves({});
    const result = await del();
    expect(result.statusCode).toBe(204);
    expect(ddb).toHaveReceivedCommandWith(GetCommand, { TableName: TABLE, Key: agreementKey(AGREEMENT_A), ConsistentRead: true });
    const items = transactItems();
    expect(items).toHaveLength(2);
    expect(items[0]).toEqual({
      Delete: {
        TableName: TABLE,
        Key: agreementKey(AGREEMENT_A),
        ConditionExpression: '#version = :expected AND (attribute_not_exists(#references) OR #references = :none)',
        ExpressionAttributeNames: { '#version': 'version', '#references': '_references' },
        ExpressionAttributeValues: { ':expected': 2, ':none': 0 },
      },
    });
    expect(items[1].Put.Item).toMatchObject({ PK: `AUDIT#agreements#${AGREEMENT_A}`, SK: 'V#0000000003', action: 'delete', actor: 'user-admin', after: null });
  });

  it('is 409 conflict without writing while a round, repatriation or negotiation event names it', async () => {
    ddb.on(GetCommand).resolves({ Item: { ...storedAgreement(), _references: 1 } });
    const result = await del();
    expect(result.statusCode).toBe(409);
    expect(expectErrorShape(result).code).toBe('conflict');
    expect(ddb).toHaveReceivedCommandTimes(TransactWriteCommand, 0);
  });

  it('when a round names it between the read and the Delete, the condition fails and the retry answers 409', async () => {
    ddb.on(GetCommand).resolvesOnce({ Item: storedAgreement() }).resolves({ Item: { ...storedAgreement(), _references: 1 } });
    cancelOn((item) => item.Delete !== undefined && sameKey(item.Delete.Key, agreementKey(AGREEMENT_A)));
    const result = await del();
    expect(result.statusCode).toBe(409);
    expect(ddb).toHaveReceivedCommandTimes(TransactWriteCommand, 1);
  });
});

describe('GET /agreements/{id}: the progress', () => {
  const get = () => agreementsRead(restEvent({ method: 'GET', resource: '/agreements/{id}', pathParameters: { id: AGREEMENT_A } }), lambdaContext());

  /** What the progress Query's projection leaves of each copy: its sort key and the counted fields. */
  const partition = [
    { SK: `REPATRIATION#2025-07-30#01JZ8Y3K4N5P6Q7R8S9T0VWR01`, date: '2025-07-30', bodiesToUkraine: 1000, bodiesToRussia: 19 },
    {
      SK: `ROUND#2025-07-24#01JZ8Y3K4N5P6Q7R8S9T0VW001`, date: '2025-07-24', status: 'completed', stage: 1,
      returnedToUkraine: { total: 1000, military: 990, civilians: 10 }, returnedToRussia: { total: 1250 },
    },
    // Completed, figures not disclosed: counted, as undisclosed.
    { SK: `ROUND#2025-07-25#01JZ8Y3K4N5P6Q7R8S9T0VW002`, date: '2025-07-25', status: 'completed', stage: 2, returnedToUkraine: null, returnedToRussia: null },
    // Not completed: neither its stage nor its date counts.
    { SK: `ROUND#2025-08-01#01JZ8Y3K4N5P6Q7R8S9T0VW003`, date: '2025-08-01', status: 'planned', stage: 3, returnedToUkraine: null, returnedToRussia: null },
  ];

  it('sends one consistent GetItem and one consistent Query of the agreement partition, repatriations through rounds, projected', async () => {
    ddb.on(GetCommand).resolves({ Item: storedAgreement() });
    ddb.on(QueryCommand).resolves({ Items: partition });
    const result = await get();
    expect(result.statusCode).toBe(200);
    expect(sentCommandNames().sort()).toEqual(['GetCommand', 'QueryCommand']);
    expect(ddb).toHaveReceivedCommandWith(GetCommand, { TableName: TABLE, Key: agreementKey(AGREEMENT_A), ConsistentRead: true });
    const input = ddb.commandCalls(QueryCommand)[0]!.args[0].input;
    expect(input.IndexName).toBeUndefined();
    expect(input.TableName).toBe(TABLE);
    expect(input.ConsistentRead).toBe(true);
    const names = input.ExpressionAttributeNames!;
    expect(resolve(input.KeyConditionExpression!, names)).toBe('PK = :pk AND SK BETWEEN :from AND :to');
    expect(input.ExpressionAttributeValues).toEqual({ ':pk': `AGREEMENT#${AGREEMENT_A}#LINKS`, ':from': 'REPATRIATION#', ':to': 'ROUND#~' });
    const projected = resolve(input.ProjectionExpression!, names).split(', ').sort();
    expect(projected).toEqual(['SK', 'bodiesToRussia', 'bodiesToUkraine', 'date', 'returnedToRussia', 'returnedToUkraine', 'stage', 'status']);
    expect(input.FilterExpression).toBeUndefined();
  });

  it('answers the agreement with the progress of what names it', async () => {
    ddb.on(GetCommand).resolves({ Item: { ...storedAgreement(), _references: 4 } });
    ddb.on(QueryCommand).resolves({ Items: partition });
    const result = await get();
    const body = bodyOf(result);
    expect(header(result, 'etag')).toBe('"2"');
    expect(body).toMatchObject({ id: AGREEMENT_A, title: agreement().title, version: 2 });
    expect(body).not.toHaveProperty('_references');
    expect(body).not.toHaveProperty('PK');
    expect(body.progress).toEqual({
      rounds: 2,
      stages: [1, 2],
      returnedToUkraine: 1000,
      returnedToRussia: 1250,
      roundsUndisclosed: 1,
      repatriations: 1,
      bodiesToUkraine: 1000,
      bodiesToRussia: 19,
      // 1,200 each way in prisoners, 3,000 bodies to Ukraine; no number of bodies to Russia.
      committed: { prisonersToUkraine: 1200, prisonersToRussia: 1200, bodiesToUkraine: 3000, bodiesToRussia: null },
      // More delivered than promised to Russia: 0, never negative; no commitment: null, whatever was delivered.
      remaining: { prisonersToUkraine: 200, prisonersToRussia: 0, bodiesToUkraine: 2000, bodiesToRussia: null },
      firstHandoverOn: '2025-07-24',
      lastHandoverOn: '2025-07-30',
    });
    // Server-computed fields go after the record's own, before the bookkeeping.
    expect(Object.keys(body).slice(-4)).toEqual(['progress', 'version', 'createdAt', 'updatedAt']);
  });

  it('an agreement nothing names: zeros, no stages, no dates, and all of the commitments remaining', async () => {
    ddb.on(GetCommand).resolves({ Item: storedAgreement() });
    ddb.on(QueryCommand).resolves({ Items: [] });
    const { progress } = bodyOf(await get());
    expect(progress).toMatchObject({ rounds: 0, stages: [], roundsUndisclosed: 0, repatriations: 0, firstHandoverOn: null, lastHandoverOn: null });
    expect(progress.remaining).toEqual(progress.committed);
  });

  it('reads a partition past 1 MB page by page, consistently', async () => {
    ddb.on(GetCommand).resolves({ Item: storedAgreement() });
    ddb.on(QueryCommand)
      .resolvesOnce({ Items: partition.slice(0, 2), LastEvaluatedKey: { PK: `AGREEMENT#${AGREEMENT_A}#LINKS`, SK: partition[1]!.SK } })
      .resolves({ Items: partition.slice(2) });
    const { progress } = bodyOf(await get());
    expect(progress).toMatchObject({ rounds: 2, repatriations: 1, stages: [1, 2] });
    const queries = ddb.commandCalls(QueryCommand).map((c) => c.args[0].input);
    expect(queries).toHaveLength(2);
    expect(queries[1]!.ExclusiveStartKey).toEqual({ PK: `AGREEMENT#${AGREEMENT_A}#LINKS`, SK: partition[1]!.SK });
    expect(queries.every((query) => query.ConsistentRead === true)).toBe(true);
  });

  it('is 404 for an unknown agreement, without the progress Query', async () => {
    ddb.on(GetCommand).resolves({});
    const result = await get();
    expect(result.statusCode).toBe(404);
    expect(ddb).toHaveReceivedCommandTimes(QueryCommand, 0);
  });
});

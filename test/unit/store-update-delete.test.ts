import { ddb, resetDdb } from '../support/ddb-mock';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { handler } from '../../lambdas/functions/rounds-write';
import { bodyOf, header, lambdaContext, restEvent, ROUND_ID, storedRoundItem, type TestRole } from '../support/unit-events';

const patch = (body: unknown, headers: Record<string, string> = {}, role: TestRole = 'editor') =>
  handler(
    restEvent({ method: 'PATCH', resource: '/rounds/{id}', pathParameters: { id: ROUND_ID }, role, body, headers }),
    lambdaContext(),
  );
const del = (headers: Record<string, string> = {}, role: TestRole = 'admin') =>
  handler(restEvent({ method: 'DELETE', resource: '/rounds/{id}', pathParameters: { id: ROUND_ID }, role, headers }), lambdaContext());

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const transactItems = (n = 0): any[] => ddb.commandCalls(TransactWriteCommand)[n]!.args[0].input.TransactItems!;

/** The Update's SET and REMOVE clauses with the placeholders resolved: attribute → value, and removed names. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function resolveUpdate(update: any): { set: Record<string, unknown>; remove: string[] } {
  const names = update.ExpressionAttributeNames as Record<string, string>;
  const values = update.ExpressionAttributeValues as Record<string, unknown>;
  const [, setPart = '', removePart = ''] = /^SET (.*?)(?: REMOVE (.*))?$/.exec(update.UpdateExpression as string) ?? [];
  const set: Record<string, unknown> = {};
  for (const clause of setPart.split(', ').filter(Boolean)) {
    const [name, value] = clause.split(' = ');
    set[names[name!]!] = values[value!];
  }
  return { set, remove: removePart.split(', ').filter(Boolean).map((name) => names[name]!) };
}

const cancelled = (...codes: string[]) =>
  new TransactionCanceledException({ message: 'cancelled', $metadata: {}, CancellationReasons: codes.map((Code) => ({ Code })) });

beforeEach(() => {
  resetDdb();
  vi.restoreAllMocks();
  vi.spyOn(Math, 'random').mockReturnValue(0);
});

describe('PATCH /rounds/{id}', () => {
  it('reads the record, then sends an Update conditional on the version it read plus an audit Put', async () => {
    ddb.on(GetCommand).resolves({ Item: storedRoundItem({ version: 3 }) });
    ddb.on(TransactWriteCommand).resolves({});
    const result = await patch({ notes: 'confirmed by both sides' });
    expect(result.statusCode).toBe(200);
    expect(ddb).toHaveReceivedCommandWith(GetCommand, { Key: { PK: `ROUND#${ROUND_ID}`, SK: 'ROUND' }, ConsistentRead: true });
    const [update, audit] = transactItems();
    expect(update.Update.Key).toEqual({ PK: `ROUND#${ROUND_ID}`, SK: 'ROUND' });
    expect(update.Update.ConditionExpression).toBe('#version = :expected');
    expect(update.Update.ExpressionAttributeNames['#version']).toBe('version');
    expect(update.Update.ExpressionAttributeValues[':expected']).toBe(3);
    const { set } = resolveUpdate(update.Update);
    expect(set).toMatchObject({ version: 4, notes: 'confirmed by both sides', createdAt: '2025-06-09T10:00:00.000Z' });
    expect(audit.Put.Item.PK).toBe(`AUDIT#rounds#${ROUND_ID}`);
    expect(audit.Put.Item).toMatchObject({ action: 'update', actor: 'user-editor', before: { version: 3 }, after: { version: 4 } });
  });

  it('answers 200 with the new record and ETag of the new version', async () => {
    ddb.on(GetCommand).resolves({ Item: storedRoundItem({ version: 3 }) });
    ddb.on(TransactWriteCommand).resolves({});
    const result = await patch({ mediator: 'Qatar' });
    const body = bodyOf(result);
    expect(header(result, 'etag')).toBe('"4"');
    expect(body).toMatchObject({ id: ROUND_ID, version: 4, mediator: 'Qatar', agreement: 'Istanbul 2025-06-02' });
    expect(body.updatedAt > '2025-06-10T10:00:00.000Z').toBe(true);
    expect(body).not.toHaveProperty('PK');
  });

  it('null removes an optional field from the item', async () => {
    ddb.on(GetCommand).resolves({ Item: storedRoundItem({ notes: 'old' }) });
    ddb.on(TransactWriteCommand).resolves({});
    const result = await patch({ notes: null, stage: null });
    expect(bodyOf(result)).not.toHaveProperty('notes');
    expect(bodyOf(result)).not.toHaveProperty('stage');
    const { set, remove } = resolveUpdate(transactItems()[0].Update);
    expect(remove.sort()).toEqual(['notes', 'stage']);
    expect(set).not.toHaveProperty('notes');
  });

  it('moves the index attributes when the date or status changes', async () => {
    ddb.on(GetCommand).resolves({ Item: storedRoundItem({ status: 'planned', returnedToUkraine: null, returnedToRussia: null }) });
    ddb.on(TransactWriteCommand).resolves({});
    await patch({ date: '2025-08-24', status: 'completed' });
    const { set } = resolveUpdate(transactItems()[0].Update);
    expect(set).toMatchObject({
      date: '2025-08-24',
      GSI1SK: `2025-08-24#${ROUND_ID}`,
      GSI2PK: 'ROUNDS#STATUS#completed',
      GSI2SK: `2025-08-24#${ROUND_ID}`,
    });
  });

  it('is 400 when the merged round breaks a rule (counts on a planned round), writing nothing', async () => {
    ddb.on(GetCommand).resolves({ Item: storedRoundItem() });
    const result = await patch({ status: 'planned' });
    expect(result.statusCode).toBe(400);
    const error = bodyOf(result).error;
    expect(error.code).toBe('validation_failed');
    expect(error.details.map((d: { path: string }) => d.path).sort()).toEqual(['returnedToRussia', 'returnedToUkraine']);
    expect(ddb).toHaveReceivedCommandTimes(TransactWriteCommand, 0);
  });

  it.each(['"3"', 'W/"3"', '"1", "3"', '*'])('If-Match %s on version 3 writes', async (ifMatch) => {
    ddb.on(GetCommand).resolves({ Item: storedRoundItem({ version: 3 }) });
    ddb.on(TransactWriteCommand).resolves({});
    expect((await patch({ notes: 'x' }, { 'If-Match': ifMatch })).statusCode).toBe(200);
    expect(ddb).toHaveReceivedCommandTimes(TransactWriteCommand, 1);
  });

  it('a stale If-Match is 412 precondition_failed and writes nothing', async () => {
    ddb.on(GetCommand).resolves({ Item: storedRoundItem({ version: 3 }) });
    const result = await patch({ notes: 'x' }, { 'If-Match': '"2"' });
    expect(result.statusCode).toBe(412);
    expect(bodyOf(result).error.code).toBe('precondition_failed');
    expect(ddb).toHaveReceivedCommandTimes(TransactWriteCommand, 0);
  });

  it('on a lost race it reads again and retries without If-Match, conditional on the newer version', async () => {
    ddb.on(GetCommand)
      .resolvesOnce({ Item: storedRoundItem({ version: 3 }) })
      .resolves({ Item: storedRoundItem({ version: 4, mediator: 'Türkiye' }) });
    ddb.on(TransactWriteCommand).rejectsOnce(cancelled('ConditionalCheckFailed', 'None')).resolves({});
    const result = await patch({ notes: 'x' });
    expect(result.statusCode).toBe(200);
    expect(header(result, 'etag')).toBe('"5"');
    expect(bodyOf(result)).toMatchObject({ mediator: 'Türkiye', notes: 'x' });
    expect(transactItems(1)[0].Update.ExpressionAttributeValues[':expected']).toBe(4);
  });

  it('is 404 when the record does not exist', async () => {
    ddb.on(GetCommand).resolves({});
    const result = await patch({ notes: 'x' });
    expect(result.statusCode).toBe(404);
    expect(ddb).toHaveReceivedCommandTimes(TransactWriteCommand, 0);
  });
});

describe('DELETE /rounds/{id}', () => {
  it('sends a Delete conditional on the version and on no person naming the round, plus a delete audit Put; 204 with no body', async () => {
    ddb.on(GetCommand).resolves({ Item: storedRoundItem({ version: 6 }) });
    ddb.on(TransactWriteCommand).resolves({});
    const result = await del();
    expect(result.statusCode).toBe(204);
    expect(result.body).toBe('');
    expect(header(result, 'content-type')).toBeUndefined();
    const [removal, audit] = transactItems();
    expect(removal.Delete).toMatchObject({
      TableName: 'unit-table',
      Key: { PK: `ROUND#${ROUND_ID}`, SK: 'ROUND' },
      ConditionExpression: '#version = :expected AND (attribute_not_exists(#references) OR #references = :none)',
      ExpressionAttributeNames: { '#version': 'version', '#references': '_references' },
      ExpressionAttributeValues: { ':expected': 6, ':none': 0 },
    });
    expect(audit.Put.Item).toMatchObject({ PK: `AUDIT#rounds#${ROUND_ID}`, action: 'delete', actor: 'user-admin', after: null, before: { version: 6 } });
  });

  it('is 409 without writing while persons name the round', async () => {
    ddb.on(GetCommand).resolves({ Item: { ...storedRoundItem({ version: 6 }), _references: 2 } });
    const result = await del();
    expect(result.statusCode).toBe(409);
    expect(JSON.parse(result.body).error.code).toBe('conflict');
    expect(ddb).toHaveReceivedCommandTimes(TransactWriteCommand, 0);
  });

  it('a stale If-Match is 412 and deletes nothing', async () => {
    ddb.on(GetCommand).resolves({ Item: storedRoundItem({ version: 6 }) });
    const result = await del({ 'If-Match': '"5"' });
    expect(result.statusCode).toBe(412);
    expect(ddb).toHaveReceivedCommandTimes(TransactWriteCommand, 0);
  });

  it('is 404 for a missing record', async () => {
    ddb.on(GetCommand).resolves({});
    expect((await del()).statusCode).toBe(404);
  });

  it('is 404 when the record went while retrying', async () => {
    ddb.on(GetCommand).resolvesOnce({ Item: storedRoundItem() }).resolves({});
    ddb.on(TransactWriteCommand).rejects(cancelled('ConditionalCheckFailed', 'None'));
    const result = await del();
    expect(result.statusCode).toBe(404);
    expect(ddb).toHaveReceivedCommandTimes(TransactWriteCommand, 1);
  });
});

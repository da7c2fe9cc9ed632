/**
 * Injected DynamoDB faults on the agreements functions (test/support/fault-suites.ts has the
 * matrix). An agreement's answer carries its progress, read from its links partition after the
 * record: a read that can fail on its own, on the read routes and after a PATCH.
 */
// First: it points the store at the mocked client before the handlers load.
import { ddb } from '../support/ddb-mock';
import { describe, expect, it } from 'vitest';
import { GetCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { handler as write } from '../../lambdas/functions/agreements-write';
import { handler as read } from '../../lambdas/functions/agreements-read';
import { agreement } from '../support/fixtures';
import { restEvent } from '../support/unit-events';
import { faultContext, onRecord, transientFaults, writesSent } from '../support/faults';
import { describeReadFaults, describeWriteFaults, failGet, failQuery, getThenFailQuery, queryThenFail, resetFaultMocks, type Refusal, type WriteRoute } from '../support/fault-suites';

const A = '01JZ8Y3K4N5P6Q7R8S9T0VWA01';
const CREATED = '2025-07-23T09:00:00.000Z';

function stored(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const record = { ...agreement(), id: A, version: 2, createdAt: CREATED, updatedAt: CREATED, ...overrides } as Record<string, unknown>;
  const reached = `${record.reachedOn}#${A}`;
  return { PK: `AGREEMENT#${A}`, SK: 'AGREEMENT', GSI1PK: 'AGREEMENTS', GSI1SK: reached, GSI2PK: `AGREEMENTS#STATUS#${record.status}`, GSI2SK: reached, _references: 0, ...record };
}

const send = (method: string, resource: string, role: 'editor' | 'admin', payload?: unknown, headers: Record<string, string> = {}) => () =>
  write(restEvent({ method, resource, role, body: payload, headers, ...(resource.includes('{id}') ? { pathParameters: { id: A } } : {}) }), faultContext());
const onThis = onRecord('AGREEMENT', A);

const post: WriteRoute = { name: 'POST /agreements', send: send('POST', '/agreements', 'editor', agreement()), ok: 201, record: onRecord('AGREEMENT') };
const keyedPost: WriteRoute = { ...post, name: 'POST /agreements (Idempotency-Key)', send: send('POST', '/agreements', 'editor', agreement(), { 'Idempotency-Key': 'k-1' }), keyed: true };
const patch: WriteRoute = { name: 'PATCH /agreements/{id} (If-Match)', send: send('PATCH', '/agreements/{id}', 'editor', { status: 'stalled' }, { 'If-Match': '"2"' }), ok: 200, stored, record: onThis };
const remove: WriteRoute = { name: 'DELETE /agreements/{id}', send: send('DELETE', '/agreements/{id}', 'admin'), ok: 204, stored, record: onThis };
const conditionalDelete: WriteRoute = { ...remove, name: 'DELETE /agreements/{id} (If-Match)', send: send('DELETE', '/agreements/{id}', 'admin', undefined, { 'If-Match': '"2"' }) };

const rereads = (after: Record<string, unknown> | undefined) => () => void ddb.on(GetCommand).resolvesOnce({ Item: stored() }).resolves({ Item: after });
const stale = { status: 412, code: 'precondition_failed' };

const refusals: Refusal[] = [
  { name: 'PATCH (If-Match), ConditionalCheckFailed on the record, re-read at v3 → 412', route: patch, arrange: rereads(stored({ version: 3 })), pick: onThis, answer: stale, transactions: 1 },
  { name: 'DELETE, ConditionalCheckFailed on the record (a round began naming it) → 409', route: remove, arrange: rereads(stored({ _references: 1 })), pick: onThis, answer: { status: 409, code: 'conflict' }, transactions: 1 },
  { name: 'DELETE (If-Match), ConditionalCheckFailed on the record, re-read at v3 → 412', route: conditionalDelete, arrange: rereads(stored({ version: 3 })), pick: onThis, answer: stale, transactions: 1 },
];

describeWriteFaults('agreements', [post, keyedPost, patch, remove], refusals);

const get = (resource: string, id?: string) => () => read(restEvent({ method: 'GET', resource, ...(id ? { pathParameters: { id } } : {}) }), faultContext());
describeReadFaults('agreements', [
  { name: 'GET /agreements/{id} (the record’s Get)', send: get('/agreements/{id}', A), inject: failGet },
  { name: 'GET /agreements/{id} (the progress Query after it)', send: get('/agreements/{id}', A), inject: getThenFailQuery(stored) },
  { name: 'GET /agreements (the list Query)', send: get('/agreements'), inject: failQuery },
  { name: 'GET /agreements (the progress Query of a listed agreement)', send: get('/agreements'), inject: queryThenFail(() => [stored()]) },
]);

/**
 * A PATCH reads the agreement's progress before its transaction (record-routes' `beforeUpdate`):
 * a failed read answers 503 with nothing written, never 503 for a change already committed.
 */
describe('PATCH /agreements/{id} reads its progress before it writes', () => {
  it('answers 503 and writes nothing when the progress read fails', async () => {
    resetFaultMocks();
    ddb.on(GetCommand).resolves({ Item: stored() });
    ddb.on(TransactWriteCommand).resolves({});
    ddb.on(QueryCommand).rejects(transientFaults[0]![1]());
    const result = await patch.send();
    expect(writesSent()).toEqual([]);
    expect(result.statusCode).toBe(503);
  });

  it('answers the change with its progress when the write goes through after the read', async () => {
    resetFaultMocks();
    ddb.on(GetCommand).resolves({ Item: stored() });
    ddb.on(TransactWriteCommand).resolves({});
    ddb.on(QueryCommand).resolves({ Items: [] });
    const result = await patch.send();
    expect(writesSent()).toEqual(['TransactWriteCommand']);
    expect(result.statusCode).toBe(200);
    expect(JSON.parse(result.body).progress).toBeDefined();
  });
});

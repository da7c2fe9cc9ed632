/**
 * Injected DynamoDB faults on the persons functions (test/support/fault-suites.ts has the matrix).
 * An exchanged person carries a companion per category and the counter on its round, which must
 * exist and be completed: the refusal that is only theirs, 422.
 */
// First: it points the store at the mocked client before the handlers load.
import { ddb } from '../support/ddb-mock';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { handler as write } from '../../lambdas/functions/persons-write';
import { handler as read } from '../../lambdas/functions/persons-read';
import { OTHER_ID, restEvent, ROUND_ID, storedRoundItem } from '../support/unit-events';
import { faultContext, onCounter, onRecord } from '../support/faults';
import { describeReadFaults, describeWriteFaults, failGet, failQuery, getThenFailQuery, type Refusal, type WriteRoute } from '../support/fault-suites';

const PERSON_ID = '01JZ8Y3K4N5P6Q7R8S9T0VWP01';
const CREATED = '2025-06-01T08:00:00.000Z';
const body = (roundId = ROUND_ID) => ({ fullName: 'Олександр Мар’яненко', side: 'ukraine', kind: 'military', status: 'exchanged', roundId, categories: ['women', 'officers'] });

/** A person exchanged in ROUND_ID, laid out by hand (not by the code under test). */
function storedPerson(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const record = { ...body(), id: PERSON_ID, version: 2, createdAt: CREATED, updatedAt: CREATED, ...overrides } as Record<string, unknown>;
  const created = `${CREATED}#${PERSON_ID}`;
  return {
    PK: `PERSON#${PERSON_ID}`, SK: 'PERSON',
    GSI1PK: 'PERSONS', GSI1SK: created, GSI2PK: `PERSONS#STATUS#${record.status}`, GSI2SK: created,
    GSI3PK: `PERSONS#SIDE#${record.side}`, GSI3SK: created, GSI4PK: `PERSONS#KIND#${record.kind}`, GSI4SK: created,
    GSI5PK: `ROUND#${record.roundId}#PERSONS`, GSI5SK: created,
    ...record,
  };
}

const send = (method: string, resource: string, role: 'editor' | 'admin', payload?: unknown, headers: Record<string, string> = {}) => () =>
  write(restEvent({ method, resource, role, body: payload, headers, ...(resource.includes('{id}') ? { pathParameters: { id: PERSON_ID } } : {}) }), faultContext());
const onThisPerson = onRecord('PERSON', PERSON_ID);

const post: WriteRoute = { name: 'POST /persons', send: send('POST', '/persons', 'editor', body()), ok: 201, record: onRecord('PERSON') };
const keyedPost: WriteRoute = { ...post, name: 'POST /persons (Idempotency-Key)', send: send('POST', '/persons', 'editor', body(), { 'Idempotency-Key': 'k-1' }), keyed: true };
const patch: WriteRoute = {
  name: 'PATCH /persons/{id} (If-Match, to round B)',
  send: send('PATCH', '/persons/{id}', 'editor', { roundId: OTHER_ID }, { 'If-Match': '"2"' }),
  ok: 200,
  stored: storedPerson,
  record: onThisPerson,
};
const remove: WriteRoute = { name: 'DELETE /persons/{id}', send: send('DELETE', '/persons/{id}', 'admin'), ok: 204, stored: storedPerson, record: onThisPerson };

const rereads = (after: Record<string, unknown> | undefined) => () =>
  void ddb.on(GetCommand).resolvesOnce({ Item: storedPerson() }).resolves({ Item: after });
const invalidReference = { status: 422, code: 'invalid_reference' };

const refusals: Refusal[] = [
  { name: 'POST /persons, ConditionalCheckFailed on the round counter (missing or not completed) → 422', route: post, pick: onCounter('ROUND', ROUND_ID), answer: invalidReference, transactions: 1 },
  { name: 'PATCH to round B, ConditionalCheckFailed on the counter of B → 422', route: patch, pick: onCounter('ROUND', OTHER_ID), answer: invalidReference, transactions: 1 },
  { name: 'PATCH (If-Match), ConditionalCheckFailed on the record, re-read at v3 → 412', route: patch, arrange: rereads(storedPerson({ version: 3 })), pick: onThisPerson, answer: { status: 412, code: 'precondition_failed' }, transactions: 1 },
  { name: 'DELETE, ConditionalCheckFailed on the record, re-read at v3 → deleted on v3, 204', route: remove, arrange: rereads(storedPerson({ version: 3 })), pick: onThisPerson, once: true, answer: 204, transactions: 2 },
  { name: 'DELETE, ConditionalCheckFailed on the record, re-read finds it gone → 404', route: remove, arrange: rereads(undefined), pick: onThisPerson, answer: { status: 404, code: 'not_found' }, transactions: 1 },
];

describeWriteFaults('persons', [post, keyedPost, patch, remove], refusals);

const get = (resource: string, options: { query?: Record<string, string>; id?: string } = {}) => () =>
  read(restEvent({ method: 'GET', resource, role: 'viewer', query: options.query, ...(options.id ? { pathParameters: { id: options.id } } : {}) }), faultContext());
describeReadFaults('persons', [
  { name: 'GET /persons/{id}', send: get('/persons/{id}', { id: PERSON_ID }), inject: failGet },
  { name: 'GET /persons?status=held&side=ukraine', send: get('/persons', { query: { status: 'held', side: 'ukraine' } }), inject: failQuery },
  { name: 'GET /rounds/{id}/persons (the Query after the round’s Get)', send: get('/rounds/{id}/persons', { id: ROUND_ID }), inject: getThenFailQuery(() => storedRoundItem()) },
]);

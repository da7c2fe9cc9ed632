/**
 * Injected DynamoDB faults on the repatriations functions (test/support/fault-suites.ts has the
 * matrix). A repatriation that names an agreement has its copy there and counts on the agreement,
 * which must exist: 422 otherwise.
 */
// First: it points the store at the mocked client before the handlers load.
import { ddb } from '../support/ddb-mock';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { handler as write } from '../../lambdas/functions/repatriations-write';
import { handler as read } from '../../lambdas/functions/repatriations-read';
import { repatriation } from '../support/fixtures';
import { restEvent } from '../support/unit-events';
import { faultContext, onCounter, onRecord } from '../support/faults';
import { describeReadFaults, describeWriteFaults, failGet, failQuery, type Refusal, type WriteRoute } from '../support/fault-suites';

const ID = '01JZ8Y3K4N5P6Q7R8S9T0VWR01';
const A = '01JZ8Y3K4N5P6Q7R8S9T0VWA01';
const B = '01JZ8Y3K4N5P6Q7R8S9T0VWA02';
const CREATED = '2025-06-11T08:00:00.000Z';

function stored(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const record = { ...repatriation({ agreementId: A }), id: ID, version: 2, createdAt: CREATED, updatedAt: CREATED, ...overrides } as Record<string, unknown>;
  return { PK: `REPATRIATION#${ID}`, SK: 'REPATRIATION', GSI1PK: 'REPATRIATIONS', GSI1SK: `${record.date}#${ID}`, ...record };
}

const send = (method: string, resource: string, role: 'editor' | 'admin', payload?: unknown, headers: Record<string, string> = {}) => () =>
  write(restEvent({ method, resource, role, body: payload, headers, ...(resource.includes('{id}') ? { pathParameters: { id: ID } } : {}) }), faultContext());
const onThis = onRecord('REPATRIATION', ID);

const post: WriteRoute = { name: 'POST /repatriations', send: send('POST', '/repatriations', 'editor', repatriation({ agreementId: A })), ok: 201, record: onRecord('REPATRIATION') };
const keyedPost: WriteRoute = { ...post, name: 'POST /repatriations (Idempotency-Key)', send: send('POST', '/repatriations', 'editor', repatriation({ agreementId: A }), { 'Idempotency-Key': 'k-1' }), keyed: true };
const patch: WriteRoute = {
  name: 'PATCH /repatriations/{id} (If-Match, to agreement B)',
  send: send('PATCH', '/repatriations/{id}', 'editor', { agreementId: B }, { 'If-Match': '"2"' }),
  ok: 200,
  stored,
  record: onThis,
};
const remove: WriteRoute = { name: 'DELETE /repatriations/{id}', send: send('DELETE', '/repatriations/{id}', 'admin'), ok: 204, stored, record: onThis };

const rereads = (after: Record<string, unknown> | undefined) => () => void ddb.on(GetCommand).resolvesOnce({ Item: stored() }).resolves({ Item: after });
const invalidReference = { status: 422, code: 'invalid_reference' };

const refusals: Refusal[] = [
  { name: 'POST /repatriations, ConditionalCheckFailed on the agreement counter → 422', route: post, pick: onCounter('AGREEMENT', A), answer: invalidReference, transactions: 1 },
  { name: 'PATCH to B, ConditionalCheckFailed on the counter of B → 422', route: patch, pick: onCounter('AGREEMENT', B), answer: invalidReference, transactions: 1 },
  { name: 'PATCH (If-Match), ConditionalCheckFailed on the record, re-read at v3 → 412', route: patch, arrange: rereads(stored({ version: 3 })), pick: onThis, answer: { status: 412, code: 'precondition_failed' }, transactions: 1 },
  { name: 'DELETE, ConditionalCheckFailed on the record, re-read finds it gone → 404', route: remove, arrange: rereads(undefined), pick: onThis, answer: { status: 404, code: 'not_found' }, transactions: 1 },
];

describeWriteFaults('repatriations', [post, keyedPost, patch, remove], refusals);

describeReadFaults('repatriations', [
  { name: 'GET /repatriations/{id}', send: () => read(restEvent({ method: 'GET', resource: '/repatriations/{id}', pathParameters: { id: ID } }), faultContext()), inject: failGet },
  { name: 'GET /repatriations?year=2025', send: () => read(restEvent({ method: 'GET', resource: '/repatriations', query: { year: '2025' } }), faultContext()), inject: failQuery },
]);

/**
 * Injected DynamoDB faults on the negotiations functions (test/support/fault-suites.ts has the
 * matrix). An event that names an agreement has its copy there and counts on the agreement, which
 * must exist: 422 otherwise.
 */
// First: it points the store at the mocked client before the handlers load.
import { ddb } from '../support/ddb-mock';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { handler as write } from '../../lambdas/functions/negotiations-write';
import { handler as read } from '../../lambdas/functions/negotiations-read';
import { negotiationEvent } from '../support/fixtures';
import { restEvent } from '../support/unit-events';
import { faultContext, onCounter, onRecord } from '../support/faults';
import { describeReadFaults, describeWriteFaults, failGet, failQuery, type Refusal, type WriteRoute } from '../support/fault-suites';

const ID = '01JZ8Y3K4N5P6Q7R8S9T0VWN01';
const A = '01JZ8Y3K4N5P6Q7R8S9T0VWA01';
const CREATED = '2025-08-06T08:00:00.000Z';

function stored(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const record = { ...negotiationEvent({ agreementId: A }), id: ID, version: 2, createdAt: CREATED, updatedAt: CREATED, ...overrides } as Record<string, unknown>;
  const dated = `${record.date}#${ID}`;
  return { PK: `NEGOTIATION#${ID}`, SK: 'NEGOTIATION', GSI1PK: 'NEGOTIATIONS', GSI1SK: dated, GSI2PK: `NEGOTIATIONS#KIND#${record.kind}`, GSI2SK: dated, ...record };
}

const send = (method: string, resource: string, role: 'editor' | 'admin', payload?: unknown, headers: Record<string, string> = {}) => () =>
  write(restEvent({ method, resource, role, body: payload, headers, ...(resource.includes('{id}') ? { pathParameters: { id: ID } } : {}) }), faultContext());
const onThis = onRecord('NEGOTIATION', ID);

const post: WriteRoute = { name: 'POST /negotiations', send: send('POST', '/negotiations', 'editor', negotiationEvent({ agreementId: A })), ok: 201, record: onRecord('NEGOTIATION') };
const keyedPost: WriteRoute = { ...post, name: 'POST /negotiations (Idempotency-Key)', send: send('POST', '/negotiations', 'editor', negotiationEvent({ agreementId: A }), { 'Idempotency-Key': 'k-1' }), keyed: true };
const patch: WriteRoute = {
  name: 'PATCH /negotiations/{id} (If-Match)',
  send: send('PATCH', '/negotiations/{id}', 'editor', { outcome: 'Postponed again' }, { 'If-Match': '"2"' }),
  ok: 200,
  stored,
  record: onThis,
};
const remove: WriteRoute = { name: 'DELETE /negotiations/{id}', send: send('DELETE', '/negotiations/{id}', 'admin'), ok: 204, stored, record: onThis };

const rereads = (after: Record<string, unknown> | undefined) => () => void ddb.on(GetCommand).resolvesOnce({ Item: stored() }).resolves({ Item: after });

const refusals: Refusal[] = [
  { name: 'POST /negotiations, ConditionalCheckFailed on the agreement counter → 422', route: post, pick: onCounter('AGREEMENT', A), answer: { status: 422, code: 'invalid_reference' }, transactions: 1 },
  { name: 'PATCH (If-Match), ConditionalCheckFailed on the record, re-read at v3 → 412', route: patch, arrange: rereads(stored({ version: 3 })), pick: onThis, answer: { status: 412, code: 'precondition_failed' }, transactions: 1 },
  { name: 'DELETE, ConditionalCheckFailed on the record, re-read at v3 → deleted on v3, 204', route: remove, arrange: rereads(stored({ version: 3 })), pick: onThis, once: true, answer: 204, transactions: 2 },
];

describeWriteFaults('negotiations', [post, keyedPost, patch, remove], refusals);

describeReadFaults('negotiations', [
  { name: 'GET /negotiations/{id}', send: () => read(restEvent({ method: 'GET', resource: '/negotiations/{id}', pathParameters: { id: ID } }), faultContext()), inject: failGet },
  { name: 'GET /negotiations?kind=talks', send: () => read(restEvent({ method: 'GET', resource: '/negotiations', query: { kind: 'talks' } }), faultContext()), inject: failQuery },
  { name: 'GET /negotiations?agreementId=…', send: () => read(restEvent({ method: 'GET', resource: '/negotiations', query: { agreementId: A } }), faultContext()), inject: failQuery },
]);

/**
 * Injected DynamoDB faults on the rounds functions (test/support/fault-suites.ts has the matrix).
 * A round that names an agreement at a stage carries every kind of item a transaction can hold:
 * the record, its copy in the agreement's partition, the stage claim, the agreement's counter and
 * the audit record. GET /rounds/{id} is left to error-mapping.test.ts, which covers it already.
 */
// First: it points the store at the mocked client before the handlers load.
import { ddb } from '../support/ddb-mock';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { handler as write } from '../../lambdas/functions/rounds-write';
import { handler as read } from '../../lambdas/functions/rounds-read';
import { restEvent, ROUND_ID, storedRoundItem, validRound } from '../support/unit-events';
import { faultContext, onCounter, onRecord, onStageClaim } from '../support/faults';
import { describeReadFaults, describeWriteFaults, failQuery, type Refusal, type WriteRoute } from '../support/fault-suites';

const A = '01JZ8Y3K4N5P6Q7R8S9T0VWA01';
const B = '01JZ8Y3K4N5P6Q7R8S9T0VWA02';

const linked = (overrides: Record<string, unknown> = {}) => storedRoundItem({ agreementId: A, stage: 2, _references: 0, ...overrides });
const send = (method: string, resource: string, role: 'editor' | 'admin', body?: unknown, headers: Record<string, string> = {}) => () =>
  write(restEvent({ method, resource, role, body, headers, ...(resource.includes('{id}') ? { pathParameters: { id: ROUND_ID } } : {}) }), faultContext());
const isRound = onRecord('ROUND');
const onThisRound = onRecord('ROUND', ROUND_ID);

const post: WriteRoute = { name: 'POST /rounds', send: send('POST', '/rounds', 'editor', validRound({ agreementId: A, stage: 2 })), ok: 201, record: isRound };
const keyedPost: WriteRoute = { ...post, name: 'POST /rounds (Idempotency-Key)', send: send('POST', '/rounds', 'editor', validRound({ agreementId: A, stage: 2 }), { 'Idempotency-Key': 'k-1' }), keyed: true };
const patch: WriteRoute = {
  name: 'PATCH /rounds/{id} (If-Match, to agreement B)',
  send: send('PATCH', '/rounds/{id}', 'editor', { agreementId: B }, { 'If-Match': '"3"' }),
  ok: 200,
  stored: linked,
  record: onThisRound,
};
const remove: WriteRoute = { name: 'DELETE /rounds/{id}', send: send('DELETE', '/rounds/{id}', 'admin'), ok: 204, stored: linked, record: onThisRound };

const unconditionalPatch: WriteRoute = { ...patch, name: 'PATCH /rounds/{id} (no If-Match)', send: send('PATCH', '/rounds/{id}', 'editor', { notes: 'n' }) };
const uncomplete: WriteRoute = {
  ...patch,
  name: 'PATCH /rounds/{id} (completed → planned)',
  send: send('PATCH', '/rounds/{id}', 'editor', { status: 'planned', returnedToUkraine: null, returnedToRussia: null }),
};
const conditionalDelete: WriteRoute = { ...remove, name: 'DELETE /rounds/{id} (If-Match)', send: send('DELETE', '/rounds/{id}', 'admin', undefined, { 'If-Match': '"3"' }) };

/** What a retry re-reads after the first read: the round as a concurrent writer left it. */
const rereads = (after: Record<string, unknown> | undefined) => () =>
  void ddb.on(GetCommand).resolvesOnce({ Item: linked() }).resolves({ Item: after });

const conflict = { status: 409, code: 'conflict' };
const invalidReference = { status: 422, code: 'invalid_reference' };
const stale = { status: 412, code: 'precondition_failed' };

const refusals: Refusal[] = [
  { name: 'POST /rounds, ConditionalCheckFailed on the stage claim → 409', route: post, pick: onStageClaim(A), answer: conflict, transactions: 1 },
  { name: 'POST /rounds, ConditionalCheckFailed on the agreement counter → 422', route: post, pick: onCounter('AGREEMENT', A), answer: invalidReference, transactions: 1 },
  { name: 'POST /rounds, ConditionalCheckFailed on the record (its new id taken) → written under another id, 201', route: post, pick: isRound, once: true, answer: 201, transactions: 2 },
  { name: 'PATCH to B, ConditionalCheckFailed on the stage claim of B → 409', route: patch, pick: onStageClaim(B), answer: conflict, transactions: 1 },
  { name: 'PATCH to B, ConditionalCheckFailed on the counter of B → 422', route: patch, pick: onCounter('AGREEMENT', B), answer: invalidReference, transactions: 1 },
  { name: 'PATCH (If-Match), ConditionalCheckFailed on the record, re-read at v4 → 412', route: patch, arrange: rereads(linked({ version: 4 })), pick: onThisRound, answer: stale, transactions: 1 },
  { name: 'PATCH (no If-Match), ConditionalCheckFailed on the record, re-read at v4 → written on v4, 200', route: unconditionalPatch, arrange: rereads(linked({ version: 4 })), pick: onThisRound, once: true, answer: 200, transactions: 2 },
  { name: 'PATCH completed → planned, ConditionalCheckFailed on the record (a person began naming it) → 409', route: uncomplete, arrange: rereads(linked({ _references: 1 })), pick: onThisRound, answer: conflict, transactions: 1 },
  { name: 'DELETE, ConditionalCheckFailed on the record (a person began naming it) → 409', route: remove, arrange: rereads(linked({ _references: 1 })), pick: onThisRound, answer: conflict, transactions: 1 },
  { name: 'DELETE (If-Match), ConditionalCheckFailed on the record, re-read at v4 → 412', route: conditionalDelete, arrange: rereads(linked({ version: 4 })), pick: onThisRound, answer: stale, transactions: 1 },
  { name: 'DELETE, ConditionalCheckFailed on the record, re-read finds it gone → 404', route: remove, arrange: rereads(undefined), pick: onThisRound, answer: { status: 404, code: 'not_found' }, transactions: 1 },
];

describeWriteFaults('rounds', [post, keyedPost, patch, remove], refusals);

describeReadFaults('rounds', [
  { name: 'GET /rounds?status=completed', send: () => read(restEvent({ method: 'GET', resource: '/rounds', query: { status: 'completed' } }), faultContext()), inject: failQuery },
  { name: 'GET /rounds?agreementId=…', send: () => read(restEvent({ method: 'GET', resource: '/rounds', query: { agreementId: A } }), faultContext()), inject: failQuery },
]);

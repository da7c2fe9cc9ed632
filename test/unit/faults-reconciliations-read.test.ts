/**
 * Injected DynamoDB faults on the reconciliations-read function (test/support/fault-suites.ts has
 * the matrix): the list, the report, and the entries and omitted persons read after the report.
 */
// First: it points the store at the mocked client before the handlers load.
import '../support/ddb-mock';
import { handler as read } from '../../lambdas/functions/reconciliations-read';
import { restEvent } from '../support/unit-events';
import { faultContext } from '../support/faults';
import { describeReadFaults, failGet, failQuery, getThenFailQuery } from '../support/fault-suites';

const REPORT_ID = '01JZ8Y3K4N5P6Q7R8S9T0VWC01';
const CREATED = '2025-06-08T09:00:00.000Z';
const report = () => ({
  PK: `RECONCILIATION#${REPORT_ID}`, SK: 'RECONCILIATION', id: REPORT_ID, title: 'List', receivedFrom: 'russia', receivedOn: '2025-06-07', listOf: 'ukraine',
  summary: { entries: 3, matched: 1, possible: 1, unknown: 1, omitted: 0, missingFound: 0 }, version: 1, createdAt: CREATED, updatedAt: CREATED,
});
const get = (resource: string, query?: Record<string, string>) => () =>
  read(restEvent({ method: 'GET', resource, role: 'viewer', query, ...(resource.includes('{id}') ? { pathParameters: { id: REPORT_ID } } : {}) }), faultContext());

describeReadFaults('reconciliations', [
  { name: 'GET /reconciliations', send: get('/reconciliations'), inject: failQuery },
  { name: 'GET /reconciliations/{id}', send: get('/reconciliations/{id}'), inject: failGet },
  { name: 'GET /reconciliations/{id}/entries?outcome=possible (after the report’s Get)', send: get('/reconciliations/{id}/entries', { outcome: 'possible' }), inject: getThenFailQuery(report) },
  { name: 'GET /reconciliations/{id}/omitted (after the report’s Get)', send: get('/reconciliations/{id}/omitted'), inject: getThenFailQuery(report) },
]);

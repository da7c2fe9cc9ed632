/**
 * Injected DynamoDB faults on the CSV exports and the audit trail (test/support/fault-suites.ts
 * has the matrix). An export that fails answers the contract's JSON error, never a CSV.
 */
// First: it points the store at the mocked client before the handlers load.
import '../support/ddb-mock';
import { describe, expect, it } from 'vitest';
import { handler as exportsRead } from '../../lambdas/functions/exports-read';
import { handler as auditRead } from '../../lambdas/functions/audit-read';
import { agreement } from '../support/fixtures';
import { header, restEvent, ROUND_ID } from '../support/unit-events';
import { faultContext, transientFaults } from '../support/faults';
import { describeReadFaults, failGet, failQuery, queryThenFail, resetFaultMocks } from '../support/fault-suites';

const A = '01JZ8Y3K4N5P6Q7R8S9T0VWA01';
const storedAgreement = () => ({ PK: `AGREEMENT#${A}`, SK: 'AGREEMENT', GSI1PK: 'AGREEMENTS', GSI1SK: `2025-07-23#${A}`, ...agreement(), id: A, version: 1, createdAt: '2025-07-23T09:00:00.000Z', updatedAt: '2025-07-23T09:00:00.000Z' });
const csv = (name: string) => () => exportsRead(restEvent({ method: 'GET', resource: `/exports/${name}.csv`, headers: { Accept: 'text/csv' } }), faultContext());

describeReadFaults('exports', [
  ...['rounds', 'repatriations', 'agreements', 'negotiations'].map((name) => ({ name: `GET /exports/${name}.csv`, send: csv(name), inject: failQuery })),
  { name: 'GET /exports/agreements.csv (the progress Query of an agreement)', send: csv('agreements'), inject: queryThenFail(() => [storedAgreement()]) },
  { name: 'GET /exports/stats.csv', send: csv('stats'), inject: failGet },
]);

describe('a failed export', () => {
  it('is not offered as a file to save', async () => {
    resetFaultMocks();
    failQuery(transientFaults[0]![1]());
    const result = await csv('rounds')();
    expect(result.statusCode).toBe(503);
    expect(header(result, 'content-disposition')).toBeUndefined();
  });
});

describeReadFaults('audit', [
  {
    name: 'GET /audit?entity=rounds&id=…',
    send: () => auditRead(restEvent({ method: 'GET', resource: '/audit', role: 'admin', query: { entity: 'rounds', id: ROUND_ID } }), faultContext()),
    inject: failQuery,
  },
]);

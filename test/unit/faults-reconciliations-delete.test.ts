/**
 * Injected DynamoDB faults on DELETE /reconciliations/{id}. The report item goes first, in one
 * transaction with its audit record and stored answer; only once it is gone are its entries and
 * omitted persons swept in batches (service/reconcile.ts). So a failed transaction must leave the
 * entries with their report, and a failed sweep is finished by the next DELETE (which answers 404).
 */
// First: it points the store at the mocked client before the handlers load.
import { ddb } from '../support/ddb-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { handler as write } from '../../lambdas/functions/reconciliations-write';
import { restEvent } from '../support/unit-events';
import { cancelOn, expectFaultAnswer, expectOwnTokens, faultContext, internal, onRecord, transientFaults, unavailable, writesSent, type Expected } from '../support/faults';
import { resetFaultMocks } from '../support/fault-suites';
import { deletedKeys, mockReportTable, reportItems, type Item } from '../support/report-table';
import { MAX_WRITE_ATTEMPTS } from '../../lambdas/service/retry';

const REPORT_ID = '01JZ8Y3K4N5P6Q7R8S9T0VWC01';
const CREATED = '2025-06-08T09:00:00.000Z';
const report = {
  PK: `RECONCILIATION#${REPORT_ID}`, SK: 'RECONCILIATION', GSI1PK: 'RECONCILIATIONS', GSI1SK: `${CREATED}#${REPORT_ID}`,
  id: REPORT_ID, title: 'List handed over on 2025-06-07', receivedFrom: 'russia', receivedOn: '2025-06-07', listOf: 'ukraine',
  summary: { entries: 30, matched: 0, possible: 0, unknown: 30, omitted: 1, missingFound: 0 }, version: 1, createdAt: CREATED, updatedAt: CREATED,
};
const ITEMS = 31;
const onReport = onRecord('RECONCILIATION', REPORT_ID);

const remove = () => write(restEvent({ method: 'DELETE', resource: '/reconciliations/{id}', pathParameters: { id: REPORT_ID }, role: 'admin' }), faultContext());

/** The report's 30 entries and its chunk of omitted persons, as its POST left them. */
function storeEntries(): void {
  for (let i = 0; i < 30; i++) {
    const SK = `ENTRY#${String(i).padStart(5, '0')}`;
    reportItems.set(`RECONCILIATION#${REPORT_ID}#ENTRIES ${SK}`, { PK: `RECONCILIATION#${REPORT_ID}#ENTRIES`, SK, index: i, fullName: `Name ${i}` });
  }
  reportItems.set(`RECONCILIATION#${REPORT_ID}#OMITTED CHUNK#00000`, { PK: `RECONCILIATION#${REPORT_ID}#OMITTED`, SK: 'CHUNK#00000', persons: [] });
}

beforeEach(() => {
  resetFaultMocks();
  mockReportTable([]);
  storeEntries();
  ddb.on(GetCommand).resolves({ Item: report });
  ddb.on(TransactWriteCommand).resolves({});
});

describe('DELETE /reconciliations/{id}: a failure before the report is gone', () => {
  it.each(transientFaults)('the read of the report fails with %s → 503, nothing written', async (_name, make) => {
    const fault = make();
    ddb.on(GetCommand).rejects(fault);
    expectFaultAnswer(await remove(), unavailable, fault);
    expect(writesSent()).toEqual([]);
    expect(reportItems.size).toBe(ITEMS);
  });

  it.each(transientFaults)('the transaction fails with %s → 503, the entries left with their report', async (_name, make) => {
    const fault = make();
    ddb.on(TransactWriteCommand).rejects(fault);
    expectFaultAnswer(await remove(), unavailable, fault);
    expect(writesSent()).toEqual(['TransactWriteCommand']);
    expectOwnTokens();
    expect(reportItems.size).toBe(ITEMS);
  });

  const reasons: (readonly [string, Expected, number])[] = [
    ['ThrottlingError', unavailable, 1],
    ['ProvisionedThroughputExceeded', unavailable, 1],
    ['ValidationError', internal, 1],
    ['ItemCollectionSizeLimitExceeded', internal, 1],
    ['TransactionConflict', unavailable, MAX_WRITE_ATTEMPTS],
  ];
  it.each(reasons)('cancelled for %s on the report → its answer, the entries left with their report', async (code, answer, transactions) => {
    ddb.on(TransactWriteCommand).callsFake(cancelOn(onReport, code));
    const result = await remove();
    expectFaultAnswer(result, answer);
    expect(writesSent()).toEqual(Array.from({ length: transactions }, () => 'TransactWriteCommand'));
    expectOwnTokens();
    expect(reportItems.size).toBe(ITEMS);
  });

  it('cancelled once for TransactionConflict → tried again with a new token, 204, everything swept', async () => {
    ddb.on(TransactWriteCommand).callsFakeOnce(cancelOn(onReport, 'TransactionConflict')).resolves({});
    const result = await remove();
    expect(result.statusCode).toBe(204);
    expect(ddb).toHaveReceivedCommandTimes(TransactWriteCommand, 2);
    expectOwnTokens();
    expect(reportItems.size).toBe(0);
  });

  it('ConditionalCheckFailed on the report (deleted meanwhile) → re-read finds nothing, 404, its entries swept', async () => {
    ddb.on(GetCommand).resolvesOnce({ Item: report }).resolves({});
    ddb.on(TransactWriteCommand).callsFake(cancelOn(onReport, 'ConditionalCheckFailed'));
    expectFaultAnswer(await remove(), { status: 404, code: 'not_found' });
    expect(ddb).toHaveReceivedCommandTimes(TransactWriteCommand, 1);
    expect(reportItems.size).toBe(0);
  });
});

describe('DELETE /reconciliations/{id}: the sweep after the report fails', () => {
  it.each(transientFaults)('%s on a delete batch → 503; the next DELETE sweeps the rest and answers 404', async (_name, make) => {
    const fault = make();
    let failing = true;
    mockReportTable([], (requests: Item[]) => (failing && requests.some((request) => request.DeleteRequest?.Key.SK === 'ENTRY#00000') ? fault : undefined));
    storeEntries();
    expectFaultAnswer(await remove(), unavailable, fault);
    expect(ddb).toHaveReceivedCommandTimes(TransactWriteCommand, 1);
    // The first batch was refused; the second (5 entries and the chunk) went.
    expect(reportItems.size).toBe(25);

    failing = false;
    ddb.on(GetCommand).resolves({});
    expectFaultAnswer(await remove(), { status: 404, code: 'not_found' });
    expect(ddb).toHaveReceivedCommandTimes(TransactWriteCommand, 1);
    expect(reportItems.size).toBe(0);
    expect(new Set(deletedKeys()).size).toBe(ITEMS);
  });
});

/**
 * Injected DynamoDB faults on POST /reconciliations. The report's entries and omitted persons go
 * in batches before the one transaction that stores the report item (and its audit record), so
 * "no partial write" here means: whatever the failure, the batches written are deleted again,
 * except when the transaction may have committed and a consistent read finds the report stored
 * (service/reconcile.ts). store-reconciliations.test.ts has the unprocessed-items and race cases.
 */
// First: it points the store at the mocked client before the handlers load.
import { ddb } from '../support/ddb-mock';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { BatchWriteCommand, GetCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { handler as write } from '../../lambdas/functions/reconciliations-write';
import { statsIndexAttributes } from '../../lambdas/store/keys';
import { restEvent } from '../support/unit-events';
import { cancelOn, expectFaultAnswer, expectOwnTokens, faultContext, internal, onRecord, transientFaults, unavailable, writesSent, type Expected, type TransactItem } from '../support/faults';
import { resetFaultMocks } from '../support/fault-suites';
import { deletedKeys, expectNothingLeft, mockReportTable, reportItems, type Item } from '../support/report-table';

const HELD = '01JZ8Y3K4N5P6Q7R8S9T0VWP02';
const persons: Item[] = [{ PK: `PERSON#${HELD}`, SK: 'PERSON', ...statsIndexAttributes('persons', HELD), fullName: 'Іван Петренко', status: 'held', side: 'ukraine', kind: 'military' }];
const strangers = ['Haruto Sato', 'Liam Murphy', 'Noah Fischer', 'Mateo Rossi', 'Lucas Dubois', 'Hugo Martin'];
/** 30 entries and the chunk of the one omitted person: 31 items, two batches. */
const list = {
  title: 'List handed over on 2025-06-07',
  receivedFrom: 'russia',
  receivedOn: '2025-06-07',
  listOf: 'ukraine',
  entries: Array.from({ length: 30 }, (_, i) => ({ ref: String(i + 1), fullName: `${strangers[i % strangers.length]} ${'Jr'.repeat(Math.floor(i / strangers.length))}`.trim() })),
};
const ITEMS = 31;

const post = (headers: Record<string, string> = {}) =>
  write(restEvent({ method: 'POST', resource: '/reconciliations', role: 'editor', body: list, headers }), faultContext());

/** The report item, as a consistent read finds it when the transaction did commit. */
const reportGet = (committed: boolean) => (input: Item) =>
  ({ Item: committed && input.Key.SK === 'RECONCILIATION' ? { ...input.Key, id: String(input.Key.PK).slice('RECONCILIATION#'.length), version: 1 } : undefined });
const reportChecks = () => ddb.commandCalls(GetCommand).map((call) => call.args[0].input).filter((input) => input.Key?.SK === 'RECONCILIATION');

beforeEach(() => {
  resetFaultMocks();
  mockReportTable(persons);
  ddb.on(GetCommand).callsFake(reportGet(false));
  ddb.on(TransactWriteCommand).resolves({});
});

/** Only batches and the one transaction change the table. */
function expectBatchesAndOneTransaction(): void {
  expect(writesSent().every((name) => name === 'BatchWriteCommand' || name === 'TransactWriteCommand')).toBe(true);
  expect(writesSent().filter((name) => name === 'TransactWriteCommand').length).toBeLessThanOrEqual(1);
  expectOwnTokens();
}

describe('POST /reconciliations: the transaction fails after the batches', () => {
  it.each(transientFaults)('%s, the report not stored → 503, every batch deleted', async (_name, make) => {
    const fault = make();
    ddb.on(TransactWriteCommand).rejects(fault);
    expectFaultAnswer(await post(), unavailable, fault);
    expectBatchesAndOneTransaction();
    // Without an answer the transaction may have committed: a consistent read of the report decides.
    expect(reportChecks()).toEqual([expect.objectContaining({ ConsistentRead: true })]);
    expect(deletedKeys()).toHaveLength(ITEMS);
    expectNothingLeft();
  });

  it.each(transientFaults)('%s, yet the report did commit → 503, its entries kept', async (_name, make) => {
    const fault = make();
    ddb.on(TransactWriteCommand).rejects(fault);
    ddb.on(GetCommand).callsFake(reportGet(true));
    expectFaultAnswer(await post(), unavailable, fault);
    expect(deletedKeys()).toEqual([]);
    expect(reportItems.size).toBe(ITEMS);
  });

  const reasons: (readonly [string, Expected])[] = [
    ['ThrottlingError', unavailable],
    ['ProvisionedThroughputExceeded', unavailable],
    // A report has no retry loop: a fresh id meets no other writer but the same key's.
    ['TransactionConflict', unavailable],
    // Its fresh id taken: cannot happen, and is not retried.
    ['ConditionalCheckFailed', unavailable],
    ['ValidationError', internal],
    ['ItemCollectionSizeLimitExceeded', internal],
  ];
  it.each(reasons)('cancelled for %s on the report item → its answer, every batch deleted', async (code, answer) => {
    let thrown: unknown;
    const cancel = cancelOn(onRecord('RECONCILIATION'), code);
    ddb.on(TransactWriteCommand).callsFake((input: { TransactItems: TransactItem[] }) => {
      try {
        cancel(input);
      } catch (error) {
        thrown = error;
        throw error;
      }
    });
    expectFaultAnswer(await post(), answer, thrown);
    expectBatchesAndOneTransaction();
    expect(deletedKeys()).toHaveLength(ITEMS);
    expectNothingLeft();
  });

  it('with an Idempotency-Key, cancelled for TransactionConflict → looked for a winner, none: 503, every batch deleted', async () => {
    ddb.on(TransactWriteCommand).callsFake(cancelOn(onRecord('RECONCILIATION'), 'TransactionConflict'));
    expectFaultAnswer(await post({ 'Idempotency-Key': 'list-0607' }), unavailable);
    // The key's look-up before the run, and again after the lost transaction: nothing to replay.
    const lookUps = ddb.commandCalls(GetCommand).filter((call) => call.args[0].input.Key?.SK === 'IDEMPOTENCY');
    expect(lookUps).toHaveLength(2);
    expectBatchesAndOneTransaction();
    expect(deletedKeys()).toHaveLength(ITEMS);
    expectNothingLeft();
  });

  it('the clean-up failing too still answers the transaction’s 503, and logs the report id of what it left', async () => {
    const logged: string[] = [];
    vi.spyOn(console, 'error').mockImplementation((line: unknown) => void logged.push(String(line)));
    const [, throttled] = transientFaults[0]!;
    ddb.on(TransactWriteCommand).rejects(throttled());
    // The keys Query of the clean-up fails; the names index still answers.
    ddb.on(QueryCommand).callsFake((input: Item) => {
      if (input.IndexName === undefined) throw throttled();
      return { Items: persons.filter((person) => person.GSI6PK === input.ExpressionAttributeValues[':pk']) };
    });
    expectFaultAnswer(await post(), unavailable, throttled());
    expect(deletedKeys()).toEqual([]);
    // These items (names from the list) stay with no report pointing at them: the log names their report, and only that.
    expect(reportItems.size).toBe(ITEMS);
    const line = logged.map((text) => JSON.parse(text) as Record<string, unknown>).find((entry) => entry.message === 'reconciliation clean-up failed: entries left without a report');
    expect(line).toMatchObject({ level: 'ERROR', reconciliationId: expect.stringMatching(/^[0-9A-Z]{26}$/), errorType: expect.any(String) });
    vi.restoreAllMocks();
  });
});

describe('POST /reconciliations: a batch fails', () => {
  const secondBatch = (requests: Item[]) => requests.some((request) => request.PutRequest?.Item.SK === 'ENTRY#00025');
  it.each(transientFaults)('the second batch fails with %s → 503, no transaction, the first batch deleted', async (_name, make) => {
    const fault = make();
    mockReportTable(persons, (requests) => (secondBatch(requests) ? fault : undefined));
    expectFaultAnswer(await post(), unavailable, fault);
    expect(ddb).toHaveReceivedCommandTimes(TransactWriteCommand, 0);
    // The batch refused was never applied; the one that went through is removed, and nothing else was written.
    expect(deletedKeys()).toHaveLength(25);
    expectNothingLeft();
    expect(writesSent().every((name) => name === 'BatchWriteCommand')).toBe(true);
  });
});

describe('POST /reconciliations: a read before any write fails', () => {
  it.each(transientFaults)('the names index fails with %s → 503, nothing written', async (_name, make) => {
    const fault = make();
    ddb.on(QueryCommand).rejects(fault);
    expectFaultAnswer(await post(), unavailable, fault);
    expect(writesSent()).toEqual([]);
  });

  it.each(transientFaults)('the Idempotency-Key look-up fails with %s → 503, nothing written', async (_name, make) => {
    const fault = make();
    ddb.on(GetCommand).rejects(fault);
    expectFaultAnswer(await post({ 'Idempotency-Key': 'list-0607' }), unavailable, fault);
    expect(writesSent()).toEqual([]);
    expect(ddb).toHaveReceivedCommandTimes(BatchWriteCommand, 0);
  });
});

/**
 * The part of the table that a reconciliation writes outside its transaction, for the fault tests:
 * its entries and omitted persons, put and deleted by BatchWriteItem and read back (keys only) by
 * the clean-up's Query. Kept in a map so a test can tell what a failure left behind.
 */
import { BatchWriteCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { expect } from 'vitest';
import { ddb } from './ddb-mock';

export const TABLE = 'unit-table';
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Item = any;

export const reportItems = new Map<string, Item>();
const idOf = (key: Item) => `${key.PK} ${key.SK}`;

/**
 * BatchWriteItem applies its requests to `reportItems`, unless `fail` answers an error for the
 * call; a Query of the names index answers `persons` of its segment; a base-table Query answers
 * the keys of a partition. Every other read is the test's to mock.
 */
export function mockReportTable(persons: readonly Item[], fail: (requests: Item[]) => Error | undefined = () => undefined): void {
  reportItems.clear();
  ddb.on(BatchWriteCommand).callsFake((input: Item) => {
    const requests = input.RequestItems[TABLE] as Item[];
    const error = fail(requests);
    if (error) throw error;
    for (const request of requests) {
      if (request.PutRequest) reportItems.set(idOf(request.PutRequest.Item), request.PutRequest.Item);
      else reportItems.delete(idOf(request.DeleteRequest.Key));
    }
    return { UnprocessedItems: {} };
  });
  ddb.on(QueryCommand).callsFake((input: Item) => {
    const partition = input.ExpressionAttributeValues[':pk'];
    if (input.IndexName === 'GSI7') return { Items: persons.filter((person) => person.GSI6PK === partition) };
    if (input.IndexName === undefined) {
      return { Items: [...reportItems.values()].filter((item) => item.PK === partition).map(({ PK, SK }) => ({ PK, SK })) };
    }
    throw new Error(`unexpected Query ${JSON.stringify(input)}`);
  });
}

const batches = (): Item[][] => ddb.commandCalls(BatchWriteCommand).map((call) => call.args[0].input.RequestItems![TABLE]! as Item[]);
export const putKeys = () => batches().flat().filter((r) => r.PutRequest).map((r) => idOf(r.PutRequest.Item));
export const deletedKeys = () => batches().flat().filter((r) => r.DeleteRequest).map((r) => idOf(r.DeleteRequest.Key));

/** Nothing of the report is left: every item a batch wrote was deleted again, and only those. */
export function expectNothingLeft(): void {
  expect([...reportItems.keys()]).toEqual([]);
  expect(new Set(deletedKeys()).size).toBe(deletedKeys().length);
  for (const key of deletedKeys()) expect(putKeys()).toContain(key);
}

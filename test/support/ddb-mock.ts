/**
 * The document client mocked with aws-sdk-client-mock, for unit tests. Import this before the handler modules: it points
 * the store at a table name and away from any real endpoint, and registers the
 * aws-sdk-client-mock matchers with vitest's `expect`.
 */
import 'aws-sdk-client-mock-vitest/extend';
import { mockClient } from 'aws-sdk-client-mock';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { resetTableClient } from '../../lambdas/store/client';

process.env.TABLE_NAME = 'unit-table';
process.env.AWS_REGION ??= 'eu-central-1';
process.env.AWS_ACCESS_KEY_ID ??= 'unit';
process.env.AWS_SECRET_ACCESS_KEY ??= 'unit';
delete process.env.DYNAMODB_ENDPOINT;

export const ddb = mockClient(DynamoDBDocumentClient);

/** Call in beforeEach: no stubs or recorded calls survive a test, and the client is rebuilt. */
export function resetDdb(): void {
  ddb.reset();
  process.env.TABLE_NAME = 'unit-table';
  delete process.env.DYNAMODB_ENDPOINT;
  resetTableClient();
}

/** Every command the document client was sent, by command class name, in order. */
export function sentCommandNames(): string[] {
  return ddb.calls().map((call) => (call.args[0] as object).constructor.name);
}

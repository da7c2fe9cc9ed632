/**
 * Creates the single table on DynamoDB Local from the same definition the CDK stack uses, and
 * brings a table made by an earlier version up to it: an index that is missing is added, and one
 * whose projection changed is rebuilt (DynamoDB fills both from the items already there), so data
 * kept in `.local/` survives an upgrade.
 */
import {
  CreateTableCommand,
  DescribeTableCommand,
  ResourceInUseException,
  UpdateTableCommand,
  UpdateTimeToLiveCommand,
  type DynamoDBClient,
  type GlobalSecondaryIndexDescription,
} from '@aws-sdk/client-dynamodb';
import { createDynamoDbClient } from '../../lambdas/store/client';
import { tableSchema, TTL_ATTRIBUTE } from '../../lambdas/store/table-definition';

export type TableState = 'created' | 'existed' | 'updated';

type WantedIndex = ReturnType<typeof tableSchema>['GlobalSecondaryIndexes'][number];

const sameProjection = (have: GlobalSecondaryIndexDescription, want: WantedIndex) =>
  have.Projection?.ProjectionType === want.Projection.ProjectionType &&
  JSON.stringify([...(have.Projection?.NonKeyAttributes ?? [])].sort()) === JSON.stringify([...(want.Projection.NonKeyAttributes ?? [])].sort());

async function waitForIndexes(client: DynamoDBClient, tableName: string): Promise<GlobalSecondaryIndexDescription[]> {
  for (;;) {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    const indexes = Table?.GlobalSecondaryIndexes ?? [];
    if (indexes.every((index) => index.IndexStatus === 'ACTIVE')) return indexes;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** One index change per UpdateTable, as DynamoDB allows, each waited for. */
async function migrateIndexes(client: DynamoDBClient, tableName: string): Promise<boolean> {
  const schema = tableSchema();
  let changed = false;
  for (const want of schema.GlobalSecondaryIndexes) {
    const have = (await waitForIndexes(client, tableName)).find((index) => index.IndexName === want.IndexName);
    if (have && sameProjection(have, want)) continue;
    if (have) {
      await client.send(new UpdateTableCommand({ TableName: tableName, GlobalSecondaryIndexUpdates: [{ Delete: { IndexName: want.IndexName } }] }));
      while ((await waitForIndexes(client, tableName)).some((index) => index.IndexName === want.IndexName)) {
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    }
    await client.send(
      new UpdateTableCommand({ TableName: tableName, AttributeDefinitions: schema.AttributeDefinitions, GlobalSecondaryIndexUpdates: [{ Create: want }] }),
    );
    changed = true;
  }
  if (changed) await waitForIndexes(client, tableName);
  return changed;
}

export async function ensureTable(endpoint: string, tableName: string): Promise<TableState> {
  const client = createDynamoDbClient({ endpoint });
  try {
    try {
      await client.send(new DescribeTableCommand({ TableName: tableName }));
      return (await migrateIndexes(client, tableName)) ? 'updated' : 'existed';
    } catch (error) {
      if ((error as Error).name !== 'ResourceNotFoundException') throw error;
    }
    try {
      await client.send(new CreateTableCommand({ TableName: tableName, BillingMode: 'PAY_PER_REQUEST', ...tableSchema() }));
    } catch (error) {
      if (error instanceof ResourceInUseException) return 'existed';
      throw error;
    }
    await client.send(
      new UpdateTimeToLiveCommand({ TableName: tableName, TimeToLiveSpecification: { AttributeName: TTL_ATTRIBUTE, Enabled: true } }),
    );
    return 'created';
  } finally {
    client.destroy();
  }
}

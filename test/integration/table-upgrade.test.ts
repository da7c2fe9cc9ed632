/**
 * A table kept in `.local/` by an earlier version: `npm start` brings its indexes up to the
 * current definition (a missing index added, a changed projection rebuilt), and the items already
 * there are found through them.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CreateTableCommand, DescribeTableCommand, PutItemCommand, QueryCommand } from '@aws-sdk/client-dynamodb';
import { ensureTable } from '../../bin/local/create-table';
import { startDynamoDbLocal, type RunningDynamoDb } from '../../bin/local/dynamodb-local';
import { createDynamoDbClient } from '../../lambdas/store/client';
import { STATS_INDEX, tableSchema } from '../../lambdas/store/table-definition';

// A DynamoDB Local of its own: an index build waits behind the other test files' work on the shared
// one (minutes in a full run, seconds alone), and this test is about the build, not the wait.
let dynamo: RunningDynamoDb;
beforeAll(async () => {
  dynamo = await startDynamoDbLocal();
});
afterAll(() => dynamo?.stop());

describe('an older table', () => {
  it('gets the missing and changed indexes, filled from its items; a current one is left as it is', async () => {
    const endpoint = dynamo.endpoint;
    const client = createDynamoDbClient({ endpoint });
    const TableName = `test-upgrade-${randomUUID()}`;
    const current = tableSchema();
    // As an earlier version made it: the stats index with fewer projected attributes, another index missing.
    const dropped = current.GlobalSecondaryIndexes.find((index) => index.IndexName !== STATS_INDEX && index.IndexName !== 'GSI1')!;
    const older = current.GlobalSecondaryIndexes.filter((index) => index !== dropped).map((index) =>
      index.IndexName === STATS_INDEX ? { ...index, Projection: { ProjectionType: 'INCLUDE' as const, NonKeyAttributes: ['date', 'status'] } } : index,
    );
    const keyNames = new Set([...current.KeySchema, ...older.flatMap((index) => index.KeySchema)].map((key) => key.AttributeName));
    await client.send(new CreateTableCommand({
      TableName,
      BillingMode: 'PAY_PER_REQUEST',
      KeySchema: current.KeySchema,
      AttributeDefinitions: current.AttributeDefinitions.filter((a) => keyNames.has(a.AttributeName)),
      GlobalSecondaryIndexes: older,
    }));
    await client.send(new PutItemCommand({
      TableName,
      Item: { PK: { S: 'ROUND#1' }, SK: { S: 'ROUND' }, GSI6PK: { S: 'STATS#ROUNDS' }, GSI6SK: { S: '1' }, date: { S: '2025-05-23' }, agreementId: { S: 'A' }, [dropped.KeySchema[0]!.AttributeName]: { S: 'P' }, [dropped.KeySchema[1]!.AttributeName]: { S: 'S' } },
    }));

    expect(await ensureTable(endpoint, TableName)).toBe('updated');
    const { Table } = await client.send(new DescribeTableCommand({ TableName }));
    const projections = Object.fromEntries((Table!.GlobalSecondaryIndexes ?? []).map((i) => [i.IndexName, [...(i.Projection?.NonKeyAttributes ?? [])].sort()]));
    expect(Object.keys(projections).sort()).toEqual(current.GlobalSecondaryIndexes.map((i) => i.IndexName).sort());
    expect(projections[STATS_INDEX]).toEqual([...current.GlobalSecondaryIndexes.find((i) => i.IndexName === STATS_INDEX)!.Projection.NonKeyAttributes!].sort());
    const counted = await client.send(new QueryCommand({
      TableName,
      IndexName: STATS_INDEX,
      KeyConditionExpression: 'GSI6PK = :p',
      ExpressionAttributeValues: { ':p': { S: 'STATS#ROUNDS' } },
    }));
    expect(counted.Items, JSON.stringify(counted.Items)).toHaveLength(1);
    expect(counted.Items?.[0]?.agreementId).toEqual({ S: "A" });
    const added = await client.send(new QueryCommand({
      TableName,
      IndexName: dropped.IndexName,
      KeyConditionExpression: '#p = :p',
      ExpressionAttributeNames: { '#p': dropped.KeySchema[0]!.AttributeName },
      ExpressionAttributeValues: { ':p': { S: 'P' } },
    }));
    expect(added.Items).toHaveLength(1);

    expect(await ensureTable(endpoint, TableName)).toBe('existed');
    client.destroy();
  }, 120_000);
});

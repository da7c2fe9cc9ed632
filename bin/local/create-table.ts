/** Creates the single table on DynamoDB Local from the same definition the CDK stack uses. */
import { CreateTableCommand, DescribeTableCommand, ResourceInUseException, UpdateTimeToLiveCommand } from '@aws-sdk/client-dynamodb';
import { createDynamoDbClient } from '../../lambdas/store/client';
import { tableSchema, TTL_ATTRIBUTE } from '../../lambdas/store/table-definition';

export async function ensureTable(endpoint: string, tableName: string): Promise<'created' | 'existed'> {
  const client = createDynamoDbClient({ endpoint });
  try {
    try {
      await client.send(new DescribeTableCommand({ TableName: tableName }));
      return 'existed';
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

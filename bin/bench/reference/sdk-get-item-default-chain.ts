/**
 * Lever (bin/bench/levers.ts): sdk-get-item.ts with no `credentials`, so the SDK's default
 * credential chain (@aws-sdk/credential-provider-node) finds them; on Lambda its first link reads
 * the same environment variables.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { MAX_ATTEMPTS, marshallOptions } from '../../../lambdas/store/client';

let client: DynamoDBDocumentClient | undefined;

export async function handler(event: { pathParameters: { id: string } }) {
  client ??= DynamoDBDocumentClient.from(new DynamoDBClient({ maxAttempts: MAX_ATTEMPTS }), { marshallOptions: { ...marshallOptions } });
  const { Item } = await client.send(
    new GetCommand({ TableName: process.env.TABLE_NAME, Key: { PK: `ROUND#${event.pathParameters.id}`, SK: 'ROUND' }, ConsistentRead: true }),
  );
  return { statusCode: Item ? 200 : 404, body: JSON.stringify(Item ?? null) };
}

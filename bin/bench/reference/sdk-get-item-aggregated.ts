/**
 * Lever (bin/bench/levers.ts): sdk-get-item.ts written with the SDK's aggregated classes, `DynamoDB`
 * and `DynamoDBDocument`, whose methods name every operation of the service, instead of the
 * modular DynamoDBClient with the one command used.
 */
import { DynamoDB } from '@aws-sdk/client-dynamodb';
import { fromEnv } from '@aws-sdk/credential-provider-env';
import { DynamoDBDocument } from '@aws-sdk/lib-dynamodb';
import { MAX_ATTEMPTS, marshallOptions } from '../../../lambdas/store/client';

let client: DynamoDBDocument | undefined;

export async function handler(event: { pathParameters: { id: string } }) {
  client ??= DynamoDBDocument.from(new DynamoDB({ maxAttempts: MAX_ATTEMPTS, credentials: fromEnv() }), { marshallOptions: { ...marshallOptions } });
  const { Item } = await client.get({ TableName: process.env.TABLE_NAME, Key: { PK: `ROUND#${event.pathParameters.id}`, SK: 'ROUND' }, ConsistentRead: true });
  return { statusCode: Item ? 200 : 404, body: JSON.stringify(Item ?? null) };
}

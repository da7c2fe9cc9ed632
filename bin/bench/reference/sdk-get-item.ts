/**
 * Cold-init reference: the AWS SDK's GetItem alone, bundled as the functions were while they used
 * the SDK's client (docs/benchmarks.md, change 3), with none of the project's code (no routing,
 * middleware, validation or zod). What the SDK's client costs by itself.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';

let client: DynamoDBDocumentClient | undefined;

export async function handler(event: { pathParameters: { id: string } }) {
  client ??= DynamoDBDocumentClient.from(new DynamoDBClient({ maxAttempts: 3 }));
  const { Item } = await client.send(
    new GetCommand({ TableName: process.env.TABLE_NAME, Key: { PK: `ROUND#${event.pathParameters.id}`, SK: 'ROUND' }, ConsistentRead: true }),
  );
  return { statusCode: Item ? 200 : 404, body: JSON.stringify(Item ?? null) };
}

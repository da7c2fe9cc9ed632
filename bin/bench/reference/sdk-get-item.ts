/**
 * Cold-init reference: the AWS SDK's GetItem and nothing else (no routing, middleware, validation,
 * zod, logger), bundled with the functions' esbuild options and run with their environment. The
 * cold-init budget is relative to it: a function may take at most so much longer than this.
 *
 * A plain document client over a plain DynamoDBClient, as the SDK's documentation builds one, with
 * the settings of the project's client that change what a cold request does: the marshall
 * options, the attempts and the credentials (the environment provider, as lambdas/store/client.ts
 * gives the functions). Its request handler, timeouts and agents stay the SDK's defaults.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { fromEnv } from '@aws-sdk/credential-provider-env';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { MAX_ATTEMPTS, marshallOptions } from '../../../lambdas/store/client';

let client: DynamoDBDocumentClient | undefined;

export async function handler(event: { pathParameters: { id: string } }) {
  client ??= DynamoDBDocumentClient.from(new DynamoDBClient({ maxAttempts: MAX_ATTEMPTS, credentials: fromEnv() }), {
    marshallOptions: { ...marshallOptions },
  });
  const { Item } = await client.send(
    new GetCommand({ TableName: process.env.TABLE_NAME, Key: { PK: `ROUND#${event.pathParameters.id}`, SK: 'ROUND' }, ConsistentRead: true }),
  );
  return { statusCode: Item ? 200 : 404, body: JSON.stringify(Item ?? null) };
}

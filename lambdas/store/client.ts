/**
 * The DynamoDB client, created once per process (outside the handler) from the environment:
 * TABLE_NAME always; DYNAMODB_ENDPOINT only off AWS (DynamoDB Local). Handlers never know which.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

let cached: { client: DynamoDBDocumentClient; tableName: string } | undefined;

export function createDocumentClient(endpoint = process.env.DYNAMODB_ENDPOINT): DynamoDBDocumentClient {
  const local = endpoint
    ? {
        endpoint,
        region: process.env.AWS_REGION ?? 'local',
        // DynamoDB Local accepts any credentials; fixed ones keep a developer's real keys out of it.
        credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      }
    : {};
  const client = new DynamoDBClient({ maxAttempts: 3, ...local });
  return DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  });
}

export function table(): { client: DynamoDBDocumentClient; tableName: string } {
  if (!cached) {
    const tableName = process.env.TABLE_NAME;
    if (!tableName) throw new Error('TABLE_NAME is not set');
    cached = { client: createDocumentClient(), tableName };
  }
  return cached;
}

/** Tests and the local server point the module at another table or endpoint. */
export function resetTableClient(): void {
  cached = undefined;
}

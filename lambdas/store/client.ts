/**
 * The DynamoDB client, created once per process (outside the handler) from the environment:
 * TABLE_NAME always; DYNAMODB_ENDPOINT only off AWS (DynamoDB Local). Handlers never know which.
 */
import { DynamoDbClient } from './dynamodb/client';

let cached: { client: DynamoDbClient; tableName: string } | undefined;

function createClient(endpoint = process.env.DYNAMODB_ENDPOINT): DynamoDbClient {
  if (!endpoint) return new DynamoDbClient();
  return new DynamoDbClient({
    endpoint,
    region: process.env.AWS_REGION ?? 'local',
    // DynamoDB Local accepts any credentials; fixed ones keep a developer's real keys out of it.
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
}

export function table(): { client: DynamoDbClient; tableName: string } {
  if (!cached) {
    const tableName = process.env.TABLE_NAME;
    if (!tableName) throw new Error('TABLE_NAME is not set');
    cached = { client: createClient(), tableName };
  }
  return cached;
}

/** Tests and the local server point the module at another table or endpoint. */
export function resetTableClient(): void {
  cached = undefined;
}

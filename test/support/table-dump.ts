/** Every item of a test table, in key order: to prove that a refused write changed nothing. */
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { createDocumentClient } from '../../lambdas/store/client';

export async function dumpTable(tableName: string): Promise<string> {
  const client = createDocumentClient({ endpoint: process.env.DYNAMODB_ENDPOINT! });
  const items: Record<string, unknown>[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    // A test may scan: only request paths may not.
    const page = await client.send(new ScanCommand({ TableName: tableName, ExclusiveStartKey: startKey, ConsistentRead: true }));
    items.push(...(page.Items ?? []));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  client.destroy();
  const key = (item: Record<string, unknown>) => `${item.PK}\u0000${item.SK}`;
  return JSON.stringify(items.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0)));
}

/** Every item of a test table, in key order: to prove that a refused write changed nothing. */
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { createDocumentClient } from '../../lambdas/store/client';

const key = (item: Record<string, unknown>) => `${item.PK}\u0000${item.SK}`;

/**
 * A dump function over one client kept open, for a suite that dumps after every write (the fuzz
 * suite: a client per call doubled the dump's cost). `close` releases the client.
 */
export function tableDumper(tableName: string, endpoint = process.env.DYNAMODB_ENDPOINT!): { dump: () => Promise<string>; close: () => void } {
  const client = createDocumentClient({ endpoint });
  const dump = async () => {
    const items: Record<string, unknown>[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      // A test may scan: only request paths may not.
      const page = await client.send(new ScanCommand({ TableName: tableName, ExclusiveStartKey: startKey, ConsistentRead: true }));
      items.push(...(page.Items ?? []));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return JSON.stringify(items.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0)));
  };
  return { dump, close: () => client.destroy() };
}

export async function dumpTable(tableName: string): Promise<string> {
  const { dump, close } = tableDumper(tableName);
  try {
    return await dump();
  } finally {
    close();
  }
}

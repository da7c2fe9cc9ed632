/**
 * DynamoDB Local for the benchmark: one instance for the whole run (in memory, on a free port,
 * started by the project's own launcher), one table per section made by the project's own
 * bootstrap, and bulk loading with BatchWriteItem through the SDK's document client.
 */
import { BatchWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { startDynamoDbLocal } from '../local/dynamodb-local';
import { ensureTable } from '../local/create-table';
import { createDocumentClient, resetTableClient } from '../../lambdas/store/client';
import { onCleanup } from './child';

export interface BenchDynamo {
  readonly endpoint: string;
  /** A document client of its own for bulk loading (BatchWriteItem), built as the API builds its own. */
  readonly client: DynamoDBDocumentClient;
}

let running: Promise<BenchDynamo> | undefined;

function benchDynamo(): Promise<BenchDynamo> {
  running ??= (async () => {
    const dynamo = await startDynamoDbLocal();
    const client = createDocumentClient({ endpoint: dynamo.endpoint });
    onCleanup(async () => {
      client.destroy();
      await dynamo.stop();
    });
    return { endpoint: dynamo.endpoint, client };
  })();
  return running;
}

/** Creates `name` (from lambdas/store/table-definition.ts) and points the store's client at it. */
export async function useTable(name: string): Promise<BenchDynamo> {
  const dynamo = await benchDynamo();
  await ensureTable(dynamo.endpoint, name);
  process.env.DYNAMODB_ENDPOINT = dynamo.endpoint;
  process.env.TABLE_NAME = name;
  resetTableClient();
  return dynamo;
}

/** Puts items 25 at a time, `concurrency` batches in flight, retrying what DynamoDB leaves unprocessed. */
export async function batchPut(
  client: DynamoDBDocumentClient,
  tableName: string,
  items: readonly Record<string, unknown>[],
  concurrency = 8,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    for (;;) {
      const start = next;
      next += 25;
      if (start >= items.length) return;
      let request: Record<string, { PutRequest: { Item: Record<string, unknown> } }[]> | undefined = {
        [tableName]: items.slice(start, start + 25).map((Item) => ({ PutRequest: { Item } })),
      };
      for (let attempt = 0; request && Object.keys(request).length > 0; attempt++) {
        if (attempt > 20) throw new Error('BatchWriteItem kept leaving items unprocessed');
        const result = await client.send(new BatchWriteCommand({ RequestItems: request }));
        request = result.UnprocessedItems as typeof request;
        if (request && Object.keys(request).length > 0) await new Promise((r) => setTimeout(r, 10 * attempt));
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}

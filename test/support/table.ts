/** A fresh table on the run's DynamoDB Local, wired into the handlers' store through the environment. */
import { inject } from 'vitest';
import { randomUUID } from 'node:crypto';
import { ensureTable } from '../../bin/local/create-table';
import { resetTableClient } from '../../lambdas/store/client';

export async function useFreshTable(): Promise<{ endpoint: string; tableName: string }> {
  const endpoint = inject('dynamoEndpoint');
  const tableName = `test-${randomUUID()}`;
  await ensureTable(endpoint, tableName);
  process.env.DYNAMODB_ENDPOINT = endpoint;
  process.env.TABLE_NAME = tableName;
  resetTableClient();
  return { endpoint, tableName };
}

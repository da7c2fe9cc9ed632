/** Reading the counted fields page by page, and storing the statistics as one item. */
import { GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { table } from './client';
import { isConditionFailed, storeCall } from './errors';
import { statsKey, statsSourceQueries, type CountedKind, type ListQuery } from './keys';
import type { Stats } from '../domain/stats';

export interface ReadCost {
  items: number;
  pages: number;
  capacityUnits: number;
}

/**
 * Segments of one kind read at once. DynamoDB serves them in parallel; a few in flight keep a
 * refresh's latency near one segment's while leaving the table (and DynamoDB Local, which
 * materializes a partition's remaining items for every page) room for the API's own requests.
 */
export const STATS_READ_CONCURRENCY = 8;

/**
 * Streams every item of a kind from the sparse stats index (eventually consistent, 1 MB pages of
 * projected fields only) into `visit`: the kind's segments, up to STATS_READ_CONCURRENCY at a time,
 * each page by page. Answers what it read and what it cost.
 */
export function forEachCounted<T>(kind: CountedKind, visit: (item: T) => void): Promise<ReadCost> {
  return forEachInSegments(statsSourceQueries(kind), visit);
}

/** Every item of the segments' queries, up to STATS_READ_CONCURRENCY at a time, each page by page (with an equality filter, if given). */
export async function forEachInSegments<T>(
  queries: readonly ListQuery[],
  visit: (item: T) => void,
  filter?: { name: string; value: string },
  concurrency = STATS_READ_CONCURRENCY,
): Promise<ReadCost> {
  const cost: ReadCost = { items: 0, pages: 0, capacityUnits: 0 };
  let next = 0;
  const reader = async () => {
    while (next < queries.length) {
      const read = await forEachInPartition(queries[next++]!, visit, filter);
      cost.items += read.items;
      cost.pages += read.pages;
      cost.capacityUnits += read.capacityUnits;
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, queries.length) }, reader));
  return cost;
}

/** Every item of one Query's partition, page by page (its range and filters are not applied; `filter` is). */
export async function forEachInPartition<T>(query: ListQuery, visit: (item: T) => void, filter?: { name: string; value: string }): Promise<ReadCost> {
  const { client, tableName } = table();
  const cost: ReadCost = { items: 0, pages: 0, capacityUnits: 0 };
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await storeCall(client.send(
      new QueryCommand({
        TableName: tableName,
        IndexName: query.indexName,
        KeyConditionExpression: '#pk = :pk',
        FilterExpression: filter ? '#f = :f' : undefined,
        ExpressionAttributeNames: { '#pk': query.partition.name, ...(filter ? { '#f': filter.name } : {}) },
        ExpressionAttributeValues: { ':pk': query.partition.value, ...(filter ? { ':f': filter.value } : {}) },
        ExclusiveStartKey: startKey,
        ReturnConsumedCapacity: 'TOTAL',
      }),
    ));
    const items = page.Items ?? [];
    for (const item of items) visit(item as T);
    cost.items += items.length;
    cost.pages += 1;
    cost.capacityUnits += page.ConsumedCapacity?.CapacityUnits ?? 0;
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return cost;
}

export async function getStats(): Promise<Stats | undefined> {
  const { client, tableName } = table();
  const { Item } = await storeCall(client.send(new GetCommand({ TableName: tableName, Key: statsKey })));
  return typeof Item?.stats === 'string' ? (JSON.parse(Item.stats) as Stats) : undefined;
}

/**
 * Replaces the stored statistics whole, unless a refresh that started later already stored its own:
 * two refreshes at once never leave the older picture. Answers false when this one was too late.
 */
export async function putStats(stats: Stats): Promise<boolean> {
  const { client, tableName } = table();
  try {
    await storeCall(client.send(
      new PutCommand({
        TableName: tableName,
        // A JSON string, not a map: read back in the order it was written, and parsed in one go.
        Item: { ...statsKey, generatedAt: stats.generatedAt, stats: JSON.stringify(stats) },
        ConditionExpression: 'attribute_not_exists(PK) OR generatedAt <= :mine',
        ExpressionAttributeValues: { ':mine': stats.generatedAt },
      }),
    ));
    return true;
  } catch (error) {
    if (isConditionFailed(error)) return false;
    throw error;
  }
}

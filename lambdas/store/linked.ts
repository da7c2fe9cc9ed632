/** What names an agreement, read from the partition of its links (keys/agreements.ts). */
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { table } from './client';
import { storeCall } from './errors';
import { progressSourceQuery } from './keys';
import { PARTITION_KEY, SORT_KEY } from './table-definition';
import type { CountedRepatriation, CountedRound } from '../domain/stats';

/**
 * Only what progress counts comes back: a smaller answer to parse. DynamoDB still reads (and
 * charges, and counts toward the 1 MB page) the whole copies.
 */
const COUNTED = ['date', 'status', 'stage', 'returnedToUkraine', 'returnedToRussia', 'bodiesToUkraine', 'bodiesToRussia'] as const;

// The same for every agreement: made once per process, not per read (a list page reads 25).
const NAMES: Record<string, string> = { '#pk': PARTITION_KEY, '#sk': SORT_KEY, ...Object.fromEntries(COUNTED.map((field, i) => [`#c${i}`, field])) };
const PROJECTION = ['#sk', ...COUNTED.map((_, i) => `#c${i}`)].join(', ');

export interface LinkedRecords {
  readonly rounds: CountedRound[];
  readonly repatriations: CountedRepatriation[];
  /** DynamoDB requests it took: one, unless the copies pass 1 MB. */
  readonly requests: number;
}

/** The rounds and repatriations that name the agreement, read consistently (one sort-key range, page by page). */
export async function linkedRecords(agreementId: string): Promise<LinkedRecords> {
  const { client, tableName } = table();
  const query = progressSourceQuery(agreementId);
  const rounds: CountedRound[] = [];
  const repatriations: CountedRepatriation[] = [];
  let startKey: Record<string, unknown> | undefined;
  let requests = 0;
  do {
    const page = await storeCall(client.send(
      new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: '#pk = :pk AND #sk BETWEEN :from AND :to',
        ProjectionExpression: PROJECTION,
        ExpressionAttributeNames: NAMES,
        ExpressionAttributeValues: { ':pk': query.partition.value, ':from': query.range!.from, ':to': query.range!.to },
        ConsistentRead: true,
        ExclusiveStartKey: startKey,
      }),
    ));
    requests += 1;
    for (const item of page.Items ?? []) {
      if (String(item[SORT_KEY]).startsWith('ROUND#')) rounds.push(item as CountedRound);
      else repatriations.push(item as CountedRepatriation);
    }
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return { rounds, repatriations, requests };
}

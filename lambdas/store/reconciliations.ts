/**
 * What a reconciliation reads and keeps beside its report item (keys/reconciliations.ts): the
 * persons of one side from the names index, and the entries and omitted persons, written and
 * removed in batches (BatchWriteItem: 25 items a request, no conditions, each one idempotent).
 */
import { BatchWriteCommand, QueryCommand, type BatchWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { table } from './client';
import { storeCall } from './errors';
import { forEachInSegments, type ReadCost } from './stats';
import { entriesPartition, entryItemKeys, nameSourceQueries, OMITTED_PER_CHUNK, omittedChunkKey, omittedChunksQuery, omittedPartition } from './keys';
import { PARTITION_KEY, SORT_KEY } from './table-definition';
import { RETRY_AFTER_SECONDS, UnavailableError } from '../domain/errors';
import type { CandidatePerson } from '../domain/matching';
import type { EntryReport, OmittedPerson } from '../domain/reconciliation';

/** Every person of a side with what matching compares: 32 segments of the names index, 8 at a time, filtered to the side. */
export async function personsOfSide(side: string): Promise<{ persons: CandidatePerson[]; read: ReadCost }> {
  const persons: CandidatePerson[] = [];
  const read = await forEachInSegments<Record<string, unknown>>(
    nameSourceQueries(),
    (item) => {
      persons.push({
        id: String(item.GSI6SK),
        fullName: String(item.fullName),
        status: String(item.status),
        kind: item.kind as CandidatePerson['kind'],
        ...(typeof item.dateOfBirth === 'string' ? { dateOfBirth: item.dateOfBirth } : {}),
        ...(typeof item.serviceNumber === 'string' ? { serviceNumber: item.serviceNumber } : {}),
      });
    },
    { name: 'side', value: side },
  );
  return { persons, read };
}

const BATCH = 25;
/** Batches in flight at once: a list of 2,000 entries is 80 batches, written in ten rounds. */
const CONCURRENT_BATCHES = 8;
/** Rounds of resending what DynamoDB left unprocessed (throttled), with a growing pause. */
const UNPROCESSED_ROUNDS = 8;

type WriteRequest = NonNullable<BatchWriteCommandInput['RequestItems']>[string][number];

async function writeBatch(requests: WriteRequest[]): Promise<void> {
  const { client, tableName } = table();
  let pending = requests;
  for (let round = 0; pending.length > 0; round++) {
    if (round === UNPROCESSED_ROUNDS) throw new UnavailableError(RETRY_AFTER_SECONDS, 'The data store kept refusing part of the report');
    if (round > 0) await new Promise((resolve) => setTimeout(resolve, 25 * 2 ** round));
    const { UnprocessedItems } = await storeCall(client.send(new BatchWriteCommand({ RequestItems: { [tableName]: pending } })));
    pending = (UnprocessedItems?.[tableName] ?? []) as WriteRequest[];
  }
}

/**
 * Every batch, CONCURRENT_BATCHES at a time. When one fails the others take no new batch, and this
 * answers only once none is in flight: a cleanup that runs after it then finds every item written.
 */
async function writeAll(requests: WriteRequest[]): Promise<void> {
  const batches: WriteRequest[][] = [];
  for (let i = 0; i < requests.length; i += BATCH) batches.push(requests.slice(i, i + BATCH));
  let next = 0;
  let failed = false;
  const worker = async () => {
    try {
      while (!failed && next < batches.length) await writeBatch(batches[next++]!);
    } catch (error) {
      failed = true;
      throw error;
    }
  };
  const outcomes = await Promise.allSettled(Array.from({ length: Math.min(CONCURRENT_BATCHES, batches.length) }, worker));
  const refused = outcomes.find((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
  if (refused) throw refused.reason;
}

function chunksOf<T>(list: readonly T[]): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < list.length; i += OMITTED_PER_CHUNK) chunks.push(list.slice(i, i + OMITTED_PER_CHUNK));
  return chunks;
}

/** Stores the entries and omitted persons; the report item, written after, makes them visible. */
export async function putReportItems(id: string, entries: readonly EntryReport[], omitted: readonly OmittedPerson[]): Promise<void> {
  await writeAll([
    ...entries.map((entry) => ({ PutRequest: { Item: { ...entryItemKeys(id, entry.index, entry.outcome), ...entry } } })),
    ...chunksOf([...omitted].sort((a, b) => (a.personId < b.personId ? -1 : 1))).map((persons, chunk) => ({
      PutRequest: { Item: { ...omittedChunkKey(id, chunk), persons } },
    })),
  ]);
}

async function keysIn(partition: string): Promise<Record<string, string>[]> {
  const { client, tableName } = table();
  const keys: Record<string, string>[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await storeCall(client.send(
      new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: '#pk = :pk',
        ProjectionExpression: '#pk, #sk',
        ExpressionAttributeNames: { '#pk': PARTITION_KEY, '#sk': SORT_KEY },
        ExpressionAttributeValues: { ':pk': partition },
        // A cleanup right after the batches that wrote them must see every one.
        ConsistentRead: true,
        ExclusiveStartKey: startKey,
      }),
    ));
    for (const item of page.Items ?? []) keys.push({ [PARTITION_KEY]: String(item[PARTITION_KEY]), [SORT_KEY]: String(item[SORT_KEY]) });
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return keys;
}

/** Removes the entries and omitted persons of a report whose item is gone (or never came). */
export async function deleteReportItems(id: string): Promise<void> {
  const keys = [...(await keysIn(entriesPartition(id))), ...(await keysIn(omittedPartition(id)))];
  await writeAll(keys.map((Key) => ({ DeleteRequest: { Key } })));
}

/** Where a page of omitted persons starts: a chunk, and a person in it. */
export interface OmittedPosition {
  readonly chunk: number;
  readonly offset: number;
}

/** One page of omitted persons from `from` (the start when absent), and where the next starts (none at the end). */
export async function omittedPage(id: string, limit: number, from: OmittedPosition = { chunk: 0, offset: 0 }): Promise<{ persons: OmittedPerson[]; next?: OmittedPosition }> {
  const { client, tableName } = table();
  const query = omittedChunksQuery(id, from.chunk);
  const { Items = [] } = await storeCall(client.send(
    new QueryCommand({
      TableName: tableName,
      KeyConditionExpression: '#pk = :pk AND #sk BETWEEN :from AND :to',
      ExpressionAttributeNames: { '#pk': PARTITION_KEY, '#sk': SORT_KEY },
      ExpressionAttributeValues: { ':pk': query.partition.value, ':from': query.range!.from, ':to': query.range!.to },
      ConsistentRead: true,
      // A page (≤ 100) never spans more than two chunks of OMITTED_PER_CHUNK.
      Limit: 2,
    }),
  ));
  const chunks = Items.map((item) => item.persons as OmittedPerson[]);
  const persons: OmittedPerson[] = [];
  let chunk = from.chunk;
  let offset = from.offset;
  for (const people of chunks) {
    const taken = people.slice(offset, offset + limit - persons.length);
    persons.push(...taken);
    offset += taken.length;
    if (persons.length === limit) break;
    chunk += 1;
    offset = 0;
  }
  // The page ends where it stopped; the next page exists if that chunk has more, or another chunk follows.
  const more = (chunks[chunk - from.chunk]?.length ?? 0) > offset || Items.length > chunk - from.chunk + 1;
  return { persons, ...(more ? { next: { chunk, offset } } : {}) };
}

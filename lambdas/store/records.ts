/**
 * Record storage: the only code that issues DynamoDB commands for the API's records. Every write
 * is one transaction holding the change, its audit record and (for a POST with a key) the
 * idempotency record, so a failed write leaves none of them.
 */
import { GetCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { table } from './client';
import { auditKey, idempotencyKey, itemToRecord, keyOf, recordKey, type EntityName, type Key, type ListQuery } from './keys';
import { newId } from '../domain/ids';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];
/** Any API record: the store reads only its server-set fields. */
type StoredRecord = { id: string; version: number; updatedAt: string };

export interface Actor {
  readonly subject: string;
}

export interface StoredResponse {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: string;
}

export interface IdempotentWrite {
  readonly scope: string;
  readonly key: string;
  readonly bodyHash: string;
  readonly response: StoredResponse;
  readonly ttlSeconds: number;
}

export interface IdempotencyRecord {
  readonly bodyHash: string;
  readonly response: StoredResponse;
}

/** `record`: the record's own condition failed (exists, or version moved); `conflict`: a concurrent transaction. */
export type WriteOutcome = { ok: true } | { ok: false; reason: 'record' | 'idempotency' | 'conflict' };

export async function getRecord<T>(entity: EntityName, id: string): Promise<T | undefined> {
  const { client, tableName } = table();
  const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: recordKey(entity, id), ConsistentRead: true }));
  return Item ? itemToRecord<T>(Item) : undefined;
}

export interface Page<T> {
  readonly items: T[];
  readonly lastKey?: Key;
}

/**
 * One page of a Query, newest first. Reads one item past the page so the last page reports no
 * cursor, and keeps reading when DynamoDB's 1 MB response limit cuts a page short.
 */
export async function queryPage<T>(query: ListQuery, limit: number, startKey?: Key): Promise<Page<T>> {
  const { client, tableName } = table();
  const names: Record<string, string> = { '#pk': query.partition.name };
  const values: Record<string, string> = { ':pk': query.partition.value };
  let condition = '#pk = :pk';
  if (query.range) {
    names['#sk'] = query.range.name;
    values[':from'] = query.range.from;
    values[':to'] = query.range.to;
    condition += ' AND #sk BETWEEN :from AND :to';
  }
  const items: Record<string, unknown>[] = [];
  let exclusiveStartKey: Key | undefined = startKey;
  do {
    const page = await client.send(
      new QueryCommand({
        TableName: tableName,
        IndexName: query.indexName,
        KeyConditionExpression: condition,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
        ScanIndexForward: false,
        Limit: limit + 1 - items.length,
        ExclusiveStartKey: exclusiveStartKey,
      }),
    );
    items.push(...(page.Items ?? []));
    exclusiveStartKey = page.LastEvaluatedKey as Key | undefined;
  } while (exclusiveStartKey && items.length <= limit);

  const hasMore = items.length > limit;
  const pageItems = items.slice(0, limit);
  return {
    items: pageItems.map((item) => itemToRecord<T>(item)),
    lastKey: hasMore ? keyOf(pageItems[pageItems.length - 1]!, query.keyAttributes) : undefined,
  };
}

export async function getIdempotencyRecord(scope: string, key: string, nowSeconds: number): Promise<IdempotencyRecord | undefined> {
  const { client, tableName } = table();
  const { Item } = await client.send(
    new GetCommand({ TableName: tableName, Key: idempotencyKey(scope, key), ConsistentRead: true }),
  );
  if (!Item || (Item.expiresAt as number) <= nowSeconds) return undefined;
  return { bodyHash: Item.bodyHash as string, response: Item.response as StoredResponse };
}

interface WriteContext {
  readonly entity: EntityName;
  readonly actor: Actor;
  /** Index attributes of the record: the sort and filter keys it is listed under. */
  readonly indexAttributes: Key;
}

export function createRecord(
  context: WriteContext,
  record: StoredRecord,
  idempotency?: IdempotentWrite,
): Promise<WriteOutcome> {
  const { tableName } = table();
  const items: TransactItem[] = [
    {
      Put: {
        TableName: tableName,
        Item: { ...recordKey(context.entity, record.id), ...context.indexAttributes, ...record },
        ConditionExpression: 'attribute_not_exists(PK)',
      },
    },
    auditItem(context, 'create', record.id, null, record, record.updatedAt),
  ];
  if (idempotency) items.push(idempotencyItem(idempotency));
  return transact(items, idempotency ? ['record', undefined, 'idempotency'] : ['record']);
}

/** Replaces the record's fields if its version is still `before.version`; bookkeeping attributes survive. */
export function updateRecord(context: WriteContext, before: StoredRecord, after: StoredRecord): Promise<WriteOutcome> {
  const { tableName } = table();
  const names: Record<string, string> = { '#version': 'version' };
  const values: Record<string, unknown> = { ':expected': before.version };
  const sets: string[] = [];
  const removes: string[] = [];
  const next: Record<string, unknown> = { ...after, ...context.indexAttributes };
  for (const field of Object.keys(next)) if (next[field] === undefined) delete next[field];
  delete next.id;
  Object.keys(next).forEach((field, i) => {
    names[`#f${i}`] = field;
    values[`:v${i}`] = next[field];
    sets.push(`#f${i} = :v${i}`);
  });
  Object.keys(before)
    .filter((field) => !(field in next) && field !== 'id')
    .forEach((field, i) => {
      names[`#r${i}`] = field;
      removes.push(`#r${i}`);
    });
  const update = `SET ${sets.join(', ')}${removes.length ? ` REMOVE ${removes.join(', ')}` : ''}`;
  return transact(
    [
      {
        Update: {
          TableName: tableName,
          Key: recordKey(context.entity, before.id),
          UpdateExpression: update,
          ConditionExpression: '#version = :expected',
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
        },
      },
      auditItem(context, 'update', before.id, before, after, after.updatedAt),
    ],
    ['record'],
  );
}

export function deleteRecord(context: Omit<WriteContext, 'indexAttributes'>, before: StoredRecord, at: string): Promise<WriteOutcome> {
  const { tableName } = table();
  return transact(
    [
      {
        Delete: {
          TableName: tableName,
          Key: recordKey(context.entity, before.id),
          ConditionExpression: '#version = :expected',
          ExpressionAttributeNames: { '#version': 'version' },
          ExpressionAttributeValues: { ':expected': before.version },
        },
      },
      auditItem(context, 'delete', before.id, before, null, at),
    ],
    ['record'],
  );
}

function auditItem(
  context: Omit<WriteContext, 'indexAttributes'>,
  action: 'create' | 'update' | 'delete',
  id: string,
  before: StoredRecord | null,
  after: StoredRecord | null,
  at: string,
): TransactItem {
  const { tableName } = table();
  return {
    Put: {
      TableName: tableName,
      Item: { ...auditKey(context.entity, id, at, newId()), entity: context.entity, entityId: id, action, actor: context.actor.subject, at, before, after },
    },
  };
}

function idempotencyItem(write: IdempotentWrite): TransactItem {
  const { tableName } = table();
  const nowSeconds = Math.floor(Date.now() / 1000);
  return {
    Put: {
      TableName: tableName,
      Item: {
        ...idempotencyKey(write.scope, write.key),
        bodyHash: write.bodyHash,
        response: write.response,
        expiresAt: nowSeconds + write.ttlSeconds,
      },
      // An expired record that TTL has not removed yet no longer holds the key.
      ConditionExpression: 'attribute_not_exists(PK) OR expiresAt <= :now',
      ExpressionAttributeValues: { ':now': nowSeconds },
    },
  };
}

/** Runs a transaction and names which condition stopped it; `labels[i]` names item i's condition. */
async function transact(items: TransactItem[], labels: readonly ('record' | 'idempotency' | undefined)[]): Promise<WriteOutcome> {
  const { client } = table();
  try {
    await client.send(new TransactWriteCommand({ TransactItems: items }));
    return { ok: true };
  } catch (error) {
    if (!(error instanceof TransactionCanceledException) && (error as Error).name !== 'TransactionCanceledException') throw error;
    const reasons = (error as TransactionCanceledException).CancellationReasons ?? [];
    const failed = reasons.findIndex((reason) => reason.Code === 'ConditionalCheckFailed');
    if (failed >= 0 && labels[failed]) return { ok: false, reason: labels[failed]! };
    if (reasons.some((reason) => reason.Code === 'TransactionConflict')) return { ok: false, reason: 'conflict' };
    throw error;
  }
}

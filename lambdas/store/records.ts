/**
 * Record storage: reads, pages and writes of the API's records (with transaction-plan.ts, the only
 * DynamoDB code for them). Every write is one transaction holding the change, its audit record and
 * (for a POST with a key) the idempotency record, so a failed write leaves none of them.
 */
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { table } from './client';
import { storeCall } from './errors';
import { TransactionPlan, type StoredRecord, type TransactItem, type WriteOutcome } from './transaction-plan';
import {
  auditKey,
  idempotencyKey,
  itemToRecord,
  keyOf,
  recordKey,
  REFERENCE_COUNT,
  STORED_ANSWER,
  storedAnswerKey,
  type EntityName,
  type Key,
  type ListQuery,
  type RecordLayout,
} from './keys';

export type { WriteOutcome };

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
  /** Who sent it: keys are the caller's own. */
  readonly caller: string;
  readonly key: string;
  readonly bodyHash: string;
  readonly response: StoredResponse;
  readonly ttlSeconds: number;
}

export interface IdempotencyRecord {
  readonly bodyHash: string;
  readonly response: StoredResponse;
}

export interface Stored<T> {
  readonly record: T;
  /** How many other records name this one. */
  readonly referenceCount: number;
  /** The partition key of the answer stored when an idempotent POST created the record. */
  readonly storedAnswer?: string;
}

export async function getRecord<T>(entity: EntityName, id: string): Promise<Stored<T> | undefined> {
  const { client, tableName } = table();
  const { Item } = await storeCall(client.send(new GetCommand({ TableName: tableName, Key: recordKey(entity, id), ConsistentRead: true })));
  if (!Item) return undefined;
  const storedAnswer = typeof Item[STORED_ANSWER] === 'string' ? { storedAnswer: Item[STORED_ANSWER] } : {};
  return { record: itemToRecord<T>(Item), referenceCount: Number(Item[REFERENCE_COUNT] ?? 0), ...storedAnswer };
}

export interface Page<T> {
  readonly items: T[];
  readonly lastKey?: Key;
}

/**
 * The work one list request may do, so that a selective filter costs a bounded time, whatever the
 * size of the partition it narrows: at most this many Queries, evaluating (reading before the
 * filter) at most this many items in all. A page that is still short then ends with a cursor at
 * the position reached, as DynamoDB's own Limit does: the client follows it as any other.
 */
export const MAX_QUERIES_PER_PAGE = 3;
export const MAX_EVALUATED_PER_PAGE = 1_000;
/** A filtered Query after the first asks for this many times what is still missing: filters drop items. */
const FILTERED_READ_AHEAD = 8;

/**
 * One page of a Query, newest first (or oldest first, as the query says). Reads one item past the page so the last page reports no
 * cursor, and keeps reading, within the bounds above, when DynamoDB's 1 MB limit or a filter
 * leaves a page short.
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
  const filters = (query.filters ?? []).map((filter, i) => {
    names[`#a${i}`] = filter.name;
    values[`:a${i}`] = filter.value;
    return filter.op === 'equals' ? `#a${i} = :a${i}` : `contains(#a${i}, :a${i})`;
  });
  const items: Record<string, unknown>[] = [];
  let exclusiveStartKey: Key | undefined = startKey;
  let evaluated = 0;
  for (let queries = 0; queries < MAX_QUERIES_PER_PAGE && evaluated < MAX_EVALUATED_PER_PAGE; queries++) {
    const missing = limit + 1 - items.length;
    const wanted = filters.length && queries > 0 ? missing * FILTERED_READ_AHEAD : missing;
    const page = await storeCall(client.send(
      new QueryCommand({
        TableName: tableName,
        IndexName: query.indexName,
        KeyConditionExpression: condition,
        FilterExpression: filters.length ? filters.join(' AND ') : undefined,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
        ScanIndexForward: query.ascending === true,
        // The table's own partitions (an agreement's linked records, audit trails) read what was just written.
        ConsistentRead: query.indexName === undefined ? true : undefined,
        Limit: Math.min(wanted, MAX_EVALUATED_PER_PAGE - evaluated),
        ExclusiveStartKey: exclusiveStartKey,
      }),
    ));
    items.push(...(page.Items ?? []));
    evaluated += page.ScannedCount ?? page.Items?.length ?? 0;
    exclusiveStartKey = page.LastEvaluatedKey as Key | undefined;
    if (!exclusiveStartKey || items.length > limit) break;
  }

  const pageItems = items.slice(0, limit);
  // More matched than the page holds: resume after its last item. Fewer, with the partition not
  // read to its end: resume where the reading stopped (DynamoDB's own last evaluated key).
  const lastKey =
    items.length > limit
      ? keyOf(pageItems[pageItems.length - 1]!, query.keyAttributes)
      : exclusiveStartKey && keyOf(exclusiveStartKey, query.keyAttributes);
  return { items: pageItems.map((item) => itemToRecord<T>(item)), lastKey };
}

export async function getIdempotencyRecord(scope: string, caller: string, key: string, nowSeconds: number): Promise<IdempotencyRecord | undefined> {
  const { client, tableName } = table();
  const { Item } = await storeCall(client.send(new GetCommand({ TableName: tableName, Key: idempotencyKey(scope, caller, key), ConsistentRead: true })));
  if (!Item || (Item.expiresAt as number) <= nowSeconds) return undefined;
  return { bodyHash: Item.bodyHash as string, response: Item.response as StoredResponse };
}

export interface WriteOptions {
  readonly actor: Actor;
  /** Refuse the write if other records still name this one (its reference count is not zero). */
  readonly requireUnreferenced?: boolean;
  /** On delete: the stored answer that holds a copy of the record, deleted with it. */
  readonly storedAnswer?: string;
}

/**
 * Puts a new record with its companions, counts its references on the records it names (each of
 * which must exist and hold the required value), and stores the audit and idempotency records.
 */
export function createRecord<R extends StoredRecord>(layout: RecordLayout<R>, record: R, options: WriteOptions, idempotency?: IdempotentWrite): Promise<WriteOutcome> {
  const { tableName } = table();
  const plan = new TransactionPlan();
  plan.add({ reason: 'record' }, {
    Put: {
      TableName: tableName,
      Item: {
        ...recordKey(layout.entity, record.id),
        ...layout.indexAttributes(record),
        ...layout.storedAttributes?.(record),
        ...record,
        ...(idempotency ? { [STORED_ANSWER]: idempotencyKey(idempotency.scope, idempotency.caller, idempotency.key).PK } : {}),
      },
      ConditionExpression: 'attribute_not_exists(PK)',
    },
  });
  plan.putCompanions(layout, null, record);
  plan.claimUniques(layout, null, record);
  plan.countReferences(layout, null, record);
  plan.add(undefined, auditItem(layout.entity, options.actor, 'create', record.id, null, record, record.updatedAt));
  if (idempotency) plan.add({ reason: 'idempotency' }, idempotencyItem(idempotency));
  return plan.run();
}

/** Replaces the record's fields if its version is still `before.version`; bookkeeping attributes survive. */
export function updateRecord<R extends StoredRecord>(layout: RecordLayout<R>, before: R, after: R, options: WriteOptions): Promise<WriteOutcome> {
  const { tableName } = table();
  const names: Record<string, string> = { '#version': 'version' };
  const values: Record<string, unknown> = { ':expected': before.version };
  const sets: string[] = [];
  const removes: string[] = [];
  const next: Record<string, unknown> = { ...after, ...layout.indexAttributes(after), ...layout.storedAttributes?.(after) };
  delete next.id;
  for (const field of Object.keys(next)) if (next[field] === undefined) delete next[field];
  Object.keys(next).forEach((field, i) => {
    names[`#f${i}`] = field;
    values[`:v${i}`] = next[field];
    sets.push(`#f${i} = :v${i}`);
  });
  const previous = { ...before, ...layout.indexAttributes(before), ...layout.storedAttributes?.(before) };
  Object.keys(previous)
    .filter((field) => !(field in next) && field !== 'id')
    .forEach((field, i) => {
      names[`#r${i}`] = field;
      removes.push(`#r${i}`);
    });
  const plan = new TransactionPlan();
  plan.add({ reason: 'record' }, {
    Update: {
      TableName: tableName,
      Key: recordKey(layout.entity, before.id),
      UpdateExpression: `SET ${sets.join(', ')}${removes.length ? ` REMOVE ${removes.join(', ')}` : ''}`,
      ...versionCondition(before.version, options, names, values),
    },
  });
  plan.putCompanions(layout, before, after);
  plan.claimUniques(layout, before, after);
  plan.countReferences(layout, before, after);
  plan.add(undefined, auditItem(layout.entity, options.actor, 'update', before.id, before, after, after.updatedAt));
  return plan.run();
}

export function deleteRecord<R extends StoredRecord>(layout: RecordLayout<R>, before: R, at: string, options: WriteOptions): Promise<WriteOutcome> {
  const { tableName } = table();
  const plan = new TransactionPlan();
  plan.add({ reason: 'record' }, {
    Delete: {
      TableName: tableName,
      Key: recordKey(layout.entity, before.id),
      ...versionCondition(before.version, options, { '#version': 'version' }, { ':expected': before.version }),
    },
  });
  plan.putCompanions(layout, before, null);
  plan.claimUniques(layout, before, null);
  plan.countReferences(layout, before, null);
  if (options.storedAnswer) plan.add(undefined, { Delete: { TableName: tableName, Key: storedAnswerKey(options.storedAnswer) } });
  plan.add(undefined, auditItem(layout.entity, options.actor, 'delete', before.id, before, null, at));
  return plan.run();
}

function versionCondition(version: number, options: WriteOptions, names: Record<string, string>, values: Record<string, unknown>) {
  let condition = '#version = :expected';
  if (options.requireUnreferenced) {
    names['#references'] = REFERENCE_COUNT;
    values[':none'] = 0;
    condition += ' AND (attribute_not_exists(#references) OR #references = :none)';
  }
  return { ConditionExpression: condition, ExpressionAttributeNames: names, ExpressionAttributeValues: values };
}

function auditItem(
  entity: EntityName,
  actor: Actor,
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
      Item: {
        ...auditKey(entity, id, after ? after.version : before!.version + 1),
        entity,
        entityId: id,
        action,
        actor: actor.subject,
        at,
        before,
        after,
      },
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
        ...idempotencyKey(write.scope, write.caller, write.key),
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

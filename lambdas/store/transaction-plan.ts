/**
 * One write transaction being put together: each item with the name of the condition it carries,
 * so that a cancelled transaction says which condition stopped it.
 */
import { randomUUID } from 'node:crypto';
import { TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { table } from './client';
import { StaleVersionError } from '../domain/errors';
import { cancellationReasons, isConditionFailed, storeCall } from './errors';
import { REFERENCE_COUNT, type Key, type RecordLayout, type Reference } from './keys';

/** One item of a TransactWriteItems call, with plain JavaScript values (the document client marshals them). */
export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];
/** Any API record: the store reads only its server-set fields. */
export type StoredRecord = { id: string; version: number; updatedAt: string };

/**
 * Why a write did not happen: `record`, its own condition (exists, version moved, still referenced);
 * `reference`, a record it names is missing or lacks the required value; `unique`, a value that
 * another record already holds; `idempotency`, the key was taken; `conflict`, a concurrent
 * transaction on the same items.
 */
export type FailedCondition =
  | { readonly reason: 'record' }
  | { readonly reason: 'idempotency' }
  | { readonly reason: 'reference'; readonly field: string; readonly target: string }
  | { readonly reason: 'unique'; readonly field: string; readonly message: string };
export type WriteOutcome = { ok: true } | ({ ok: false } & (FailedCondition | { readonly reason: 'conflict' }));

/** The items (claims, references) a change adds and removes, compared by their key; kept ones are in neither. */
function keyedChanges<R, T extends { readonly key: Key }>(of: (record: R) => T[], before: R | null, after: R | null): { added: T[]; removed: T[] } {
  const id = (item: T) => JSON.stringify(item.key);
  const previous = new Map((before ? of(before) : []).map((item) => [id(item), item]));
  const next = new Map((after ? of(after) : []).map((item) => [id(item), item]));
  return {
    added: [...next].filter(([key]) => !previous.has(key)).map(([, item]) => item),
    removed: [...previous].filter(([key]) => !next.has(key)).map(([, item]) => item),
  };
}

/** The items of one transaction, each with the name of the condition it carries. */
export class TransactionPlan {
  private readonly items: TransactItem[] = [];
  private readonly labels: (FailedCondition | undefined)[] = [];

  add(label: FailedCondition | undefined, item: TransactItem): void {
    this.items.push(item);
    this.labels.push(label);
  }

  /** Companion items follow their record: new ones put, vanished ones deleted, kept ones rewritten. */
  putCompanions<R extends StoredRecord>(layout: RecordLayout<R>, before: R | null, after: R | null): void {
    if (!layout.companions) return;
    const { tableName } = table();
    const kept = new Set<string>();
    for (const companion of after ? layout.companions(after) : []) {
      kept.add(JSON.stringify(companion.key));
      this.add(undefined, { Put: { TableName: tableName, Item: { ...companion.key, ...companion.indexAttributes, ...after } } });
    }
    for (const companion of before ? layout.companions(before) : []) {
      if (!kept.has(JSON.stringify(companion.key))) this.add(undefined, { Delete: { TableName: tableName, Key: companion.key } });
    }
  }

  /** Values newly held are claimed (only if no one holds them), values given up are released. */
  claimUniques<R extends StoredRecord>(layout: RecordLayout<R>, before: R | null, after: R | null): void {
    if (!layout.uniques) return;
    const { tableName } = table();
    const { added, removed } = keyedChanges(layout.uniques, before, after);
    for (const unique of added) {
      this.add(
        { reason: 'unique', field: unique.field, message: unique.message },
        { Put: { TableName: tableName, Item: { ...unique.key, holder: after!.id }, ConditionExpression: 'attribute_not_exists(PK)' } },
      );
    }
    for (const unique of removed) this.add(undefined, { Delete: { TableName: tableName, Key: unique.key } });
  }

  /** +1 on each record newly named (which must exist and hold the required value), −1 on each no longer named. */
  countReferences<R extends StoredRecord>(layout: RecordLayout<R>, before: R | null, after: R | null): void {
    if (!layout.references) return;
    const { tableName } = table();
    const { added, removed } = keyedChanges(layout.references, before, after);
    const change = (reference: Reference, delta: 1 | -1): TransactItem => {
      const required = delta > 0 ? reference.mustHave : undefined;
      return {
        Update: {
          TableName: tableName,
          Key: reference.key,
          UpdateExpression: 'SET #references = if_not_exists(#references, :none) + :delta',
          ConditionExpression: required ? 'attribute_exists(PK) AND #required = :value' : 'attribute_exists(PK)',
          ExpressionAttributeNames: { '#references': REFERENCE_COUNT, ...(required ? { '#required': required.attribute } : {}) },
          ExpressionAttributeValues: { ':none': 0, ':delta': delta, ...(required ? { ':value': required.value } : {}) },
        },
      };
    };
    for (const reference of added) this.add({ reason: 'reference', field: reference.field, target: reference.target }, change(reference, 1));
    for (const reference of removed) this.add(undefined, change(reference, -1));
  }

  run(): Promise<WriteOutcome> {
    return transact(this.items, this.labels);
  }
}

/**
 * Runs a transaction and names which condition stopped it; `labels[i]` names item i's condition.
 * A condition without a name means the records moved under the write: the caller's version is stale.
 */
async function transact(items: TransactItem[], labels: readonly (FailedCondition | undefined)[]): Promise<WriteOutcome> {
  const { client } = table();
  try {
    // The token makes the SDK's own retry of this call (after a timeout, say) a no-op if the first
    // attempt went through: DynamoDB remembers it for ten minutes.
    await storeCall(client.send(new TransactWriteCommand({ TransactItems: items, ClientRequestToken: randomUUID() })));
    return { ok: true };
  } catch (error) {
    if (isConditionFailed(error)) throw new StaleVersionError();
    const reasons = cancellationReasons(error);
    if (!reasons) throw error;
    const failed = reasons.findIndex((reason) => reason.Code === 'ConditionalCheckFailed');
    if (failed >= 0) {
      if (labels[failed]) return { ok: false, ...labels[failed]! };
      throw new StaleVersionError();
    }
    if (reasons.some((reason) => reason.Code === 'TransactionConflict')) return { ok: false, reason: 'conflict' };
    throw error;
  }
}

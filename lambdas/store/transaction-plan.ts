/**
 * One write transaction being put together: each item with the name of the condition it carries,
 * so that a cancelled transaction says which condition stopped it.
 */
import { randomUUID } from 'node:crypto';
import { TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { table } from './client';
import { StaleVersionError } from '../domain/errors';
import { cancellationReasons, isConditionFailed, storeCall } from './errors';
import { REFERENCE_COUNT, type RecordLayout, type Reference, type Unique } from './keys';

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
    const id = (unique: Unique) => JSON.stringify(unique.key);
    const previous = new Map((before ? layout.uniques(before) : []).map((u) => [id(u), u]));
    const next = new Map((after ? layout.uniques(after) : []).map((u) => [id(u), u]));
    for (const [key, unique] of next) {
      if (previous.has(key)) continue;
      this.add(
        { reason: 'unique', field: unique.field, message: unique.message },
        { Put: { TableName: tableName, Item: { ...unique.key, holder: after!.id }, ConditionExpression: 'attribute_not_exists(PK)' } },
      );
    }
    for (const [key, unique] of previous) {
      if (next.has(key)) continue;
      this.add(undefined, { Delete: { TableName: tableName, Key: unique.key } });
    }
  }

  /** +1 on each record newly named (which must exist and hold the required value), −1 on each no longer named. */
  countReferences<R extends StoredRecord>(layout: RecordLayout<R>, before: R | null, after: R | null): void {
    if (!layout.references) return;
    const { tableName } = table();
    const id = (reference: Reference) => JSON.stringify(reference.key);
    const previous = new Map((before ? layout.references(before) : []).map((r) => [id(r), r]));
    const next = new Map((after ? layout.references(after) : []).map((r) => [id(r), r]));
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
    for (const [key, reference] of next) {
      if (!previous.has(key)) this.add({ reason: 'reference', field: reference.field, target: reference.target }, change(reference, 1));
    }
    for (const [key, reference] of previous) if (!next.has(key)) this.add(undefined, change(reference, -1));
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

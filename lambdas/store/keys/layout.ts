/** How a record kind is stored: the item around a record, its companions and the records it names. */
import { globalIndexes, PARTITION_KEY, SORT_KEY, TTL_ATTRIBUTE } from '../table-definition';
import type { EntityName, Key } from './query';

const storageOnly = new Set([PARTITION_KEY, SORT_KEY, TTL_ATTRIBUTE, ...globalIndexes.flatMap((i) => [i.partitionKey, i.sortKey])]);

/** Strips keys and bookkeeping (attributes starting with `_`) from an item, leaving the API record. */
export function itemToRecord<T>(item: Record<string, unknown>): T {
  const record: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(item)) {
    if (!storageOnly.has(name) && !name.startsWith('_')) record[name] = value;
  }
  return record as T;
}

export function keyOf(item: Record<string, unknown>, attributes: readonly string[]): Key {
  return Object.fromEntries(attributes.map((name) => [name, String(item[name])]));
}

/** Bookkeeping on a round: how many persons name it, so deleting or un-completing it can be refused atomically. */
export const REFERENCE_COUNT = '_references';

/**
 * Bookkeeping on a record created with an Idempotency-Key: the partition key of the stored answer,
 * which holds the record as it was created, so that deleting the record deletes that copy too.
 */
export const STORED_ANSWER = '_storedAnswer';

/** An item that carries a copy of its record under other keys (one per category of a person). */
export interface Companion {
  readonly key: Key;
  readonly indexAttributes: Key;
}

/** Another record that this one names, and the value it must have while it is named. */
export interface Reference {
  readonly key: Key;
  readonly mustHave: { readonly attribute: string; readonly value: string };
}

/** The fields every layout reads from a record. */
export type LaidOutRecord = { id: string; createdAt: string };

/** How a kind of record is laid out: its index attributes, companion items and references. */
export interface RecordLayout<R> {
  readonly entity: EntityName;
  readonly indexAttributes: (record: R) => Key;
  readonly companions?: (record: R) => Companion[];
  readonly references?: (record: R) => Reference[];
}


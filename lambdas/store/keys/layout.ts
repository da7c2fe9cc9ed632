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

/**
 * Bookkeeping on a record that others name (a round named by persons, an agreement named by rounds,
 * repatriations and negotiation events): how many name it, so deleting it (or un-completing a
 * round) can be refused atomically.
 */
export const REFERENCE_COUNT = '_references';

/**
 * Bookkeeping on a record created with an Idempotency-Key: the partition key of the stored answer,
 * which holds the record as it was created, so that deleting the record deletes that copy too.
 */
export const STORED_ANSWER = '_storedAnswer';

/**
 * Bookkeeping on a round or repatriation whose sources state figures: those figures alone (one map
 * per such source), which the stats index projects, so a refresh can tell disputes and ranges
 * without reading the sources' URLs and claims.
 */
export const STATED_FIGURES = '_statedFigures';

/** The `_statedFigures` of a record: only what a refresh needs, absent when no source states a figure. */
export function statedFiguresAttribute(record: { sources?: readonly { figures?: Readonly<Record<string, number | undefined>> }[] }): Record<string, unknown> {
  const stated = (record.sources ?? []).map((source) => source.figures).filter((figures) => figures && Object.keys(figures).length > 0);
  return stated.length ? { [STATED_FIGURES]: stated } : {};
}

/** An item that carries a copy of its record under other keys (one per category of a person). */
export interface Companion {
  readonly key: Key;
  readonly indexAttributes: Key;
}

/** Another record that this one names, and the value it must have (if any) while it is named. */
export interface Reference {
  readonly key: Key;
  /** The field of this record that names the other: what a refusal names. */
  readonly field: string;
  /** What the field must name, for the refusal: "completed round", "agreement". */
  readonly target: string;
  readonly mustHave?: { readonly attribute: string; readonly value: string };
}

/**
 * A value that only one record may hold (a stage of an agreement): an item of its own, claimed
 * with a condition in the record's transaction, so two writers can never both hold it.
 */
export interface Unique {
  readonly key: Key;
  /** The field that holds the value, and why a second holder is refused. */
  readonly field: string;
  readonly message: string;
}

/** The fields every layout reads from a record. */
export type LaidOutRecord = { id: string; createdAt: string };

/** How a kind of record is laid out: its index attributes, companion items and references. */
export interface RecordLayout<R> {
  readonly entity: EntityName;
  readonly indexAttributes: (record: R) => Key;
  readonly companions?: (record: R) => Companion[];
  readonly references?: (record: R) => Reference[];
  readonly uniques?: (record: R) => Unique[];
  /**
   * Bookkeeping stored on the record's item beside its fields (names start with `_`, so they never
   * leave the store), for an index to project: e.g. the figures a round's sources state.
   */
  readonly storedAttributes?: (record: R) => Record<string, unknown>;
}


/**
 * Every key, index and access pattern of the single table, in one place (docs/access-patterns.md
 * lists them for readers). Sort keys that order lists by date keep the date first, so a year or a
 * from/to range is a key condition and never a filter.
 */
import { globalIndexes, PARTITION_KEY, SORT_KEY, TTL_ATTRIBUTE } from './table-definition';

export type EntityName = 'rounds';
export type Key = Record<string, string>;

export interface RangeCondition {
  readonly name: string;
  readonly from: string;
  readonly to: string;
}

/** One Query: a partition of the table or an index, optionally a sort-key range, newest first. */
export interface ListQuery {
  readonly indexName?: string;
  readonly partition: { readonly name: string; readonly value: string };
  readonly range?: RangeCondition;
  /** Attributes of LastEvaluatedKey for this query: what a cursor may carry. */
  readonly keyAttributes: readonly string[];
}

const entityPrefix: Record<EntityName, string> = { rounds: 'ROUND' };
/** Sorts after every id character, so `<date>#~` closes a range that includes the whole day. */
const HIGHEST = '~';

export function recordKey(entity: EntityName, id: string): Key {
  const prefix = entityPrefix[entity];
  return { [PARTITION_KEY]: `${prefix}#${id}`, [SORT_KEY]: prefix };
}

function indexKeyNames(indexName: string): [string, string] {
  const index = globalIndexes.find((candidate) => candidate.name === indexName);
  if (!index) throw new Error(`Unknown index ${indexName}`);
  return [index.partitionKey, index.sortKey];
}

function indexQuery(indexName: string, partitionValue: string, range?: { from: string; to: string }): ListQuery {
  const [pk, sk] = indexKeyNames(indexName);
  return {
    indexName,
    partition: { name: pk, value: partitionValue },
    range: range && { name: sk, ...range },
    keyAttributes: [PARTITION_KEY, SORT_KEY, pk, sk],
  };
}

/** Inclusive date bounds as a sort-key range over `<date>#<id>`. */
const dateRange = (from: string, to: string) => ({ from: `${from}#`, to: `${to}#${HIGHEST}` });

export interface DatedFilter {
  readonly from?: string;
  readonly to?: string;
}

// Rounds: GSI1 holds every round by date; GSI2 holds them per status by date.
export function roundIndexAttributes(round: { id: string; date: string; status: string }): Key {
  const dated = `${round.date}#${round.id}`;
  return { GSI1PK: 'ROUNDS', GSI1SK: dated, GSI2PK: `ROUNDS#STATUS#${round.status}`, GSI2SK: dated };
}

export function roundsQuery(filter: DatedFilter & { status?: string }): ListQuery {
  const range = filter.from || filter.to ? dateRange(filter.from ?? '0000-01-01', filter.to ?? '9999-12-31') : undefined;
  return filter.status
    ? indexQuery('GSI2', `ROUNDS#STATUS#${filter.status}`, range)
    : indexQuery('GSI1', 'ROUNDS', range);
}

// Idempotency records: one item per (route, key), removed by TTL after 24 h.
export function idempotencyKey(scope: string, key: string): Key {
  return { [PARTITION_KEY]: `IDEMPOTENCY#${scope}#${key}`, [SORT_KEY]: 'IDEMPOTENCY' };
}

// Audit records: one partition per audited record, sorted by time, read newest first.
export function auditKey(entity: EntityName, id: string, at: string, eventId: string): Key {
  return { [PARTITION_KEY]: `AUDIT#${entity}#${id}`, [SORT_KEY]: `${at}#${eventId}` };
}

export function auditQuery(entity: EntityName, id: string): ListQuery {
  return { partition: { name: PARTITION_KEY, value: `AUDIT#${entity}#${id}` }, keyAttributes: [PARTITION_KEY, SORT_KEY] };
}

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

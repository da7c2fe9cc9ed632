/**
 * The shape of a list's Query, and the key helpers every record kind uses. Sort keys that order
 * lists by date keep the date first, so a year or a from/to range is a key condition and never a
 * filter (docs/access-patterns.md lists every key and index).
 */
import { globalIndexes, PARTITION_KEY, SORT_KEY } from '../table-definition';

export type EntityName = 'rounds' | 'repatriations' | 'persons';
export type Key = Record<string, string>;

export interface RangeCondition {
  readonly name: string;
  readonly from: string;
  readonly to: string;
}

/** A condition on a non-key attribute: narrows a partition that a key condition already chose. */
export interface AttributeFilter {
  readonly name: string;
  readonly op: 'equals' | 'contains';
  readonly value: string;
}

/** One Query: a partition of the table or an index, optionally a sort-key range, newest first. */
export interface ListQuery {
  readonly indexName?: string;
  readonly partition: { readonly name: string; readonly value: string };
  readonly range?: RangeCondition;
  readonly filters?: readonly AttributeFilter[];
  /** Attributes of LastEvaluatedKey for this query: what a cursor may carry. */
  readonly keyAttributes: readonly string[];
}

const entityPrefix: Record<EntityName, string> = { rounds: 'ROUND', repatriations: 'REPATRIATION', persons: 'PERSON' };
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

export function indexQuery(
  indexName: string,
  partitionValue: string,
  range?: { from: string; to: string },
  filters?: readonly AttributeFilter[],
): ListQuery {
  const [pk, sk] = indexKeyNames(indexName);
  return {
    indexName,
    partition: { name: pk, value: partitionValue },
    range: range && { name: sk, ...range },
    filters: filters?.length ? filters : undefined,
    keyAttributes: [PARTITION_KEY, SORT_KEY, pk, sk],
  };
}

/** Inclusive date bounds as a sort-key range over `<date>#<id>`. */
const dateRange = (from: string, to: string) => ({ from: `${from}#`, to: `${to}#${HIGHEST}` });

/** The sort-key range of a from/to filter; none when neither bound is given. */
export function dateRangeOf(filter: DatedFilter): { from: string; to: string } | undefined {
  return filter.from || filter.to ? dateRange(filter.from ?? '0000-01-01', filter.to ?? '9999-12-31') : undefined;
}

export interface DatedFilter {
  readonly from?: string;
  readonly to?: string;
}


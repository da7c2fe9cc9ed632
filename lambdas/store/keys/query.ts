/**
 * The shape of a list's Query, and the key helpers every record kind uses. Sort keys that order
 * lists by date keep the date first, so a year or a from/to range is a key condition and never a
 * filter (docs/access-patterns.md lists every key and index).
 */
import { globalIndexes, PARTITION_KEY, SORT_KEY } from '../table-definition';

export type EntityName = 'rounds' | 'repatriations' | 'persons' | 'agreements' | 'negotiations' | 'reconciliations';
export const entityNames: readonly EntityName[] = ['rounds', 'repatriations', 'persons', 'agreements', 'negotiations', 'reconciliations'];
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
  /** Oldest first (ascending sort key) instead of the lists' usual newest first. */
  readonly ascending?: boolean;
  /** Attributes of LastEvaluatedKey for this query: what a cursor may carry. */
  readonly keyAttributes: readonly string[];
  /**
   * What each key attribute but the partition's looks like in an item of this list (anchored): a
   * cursor's key must match, so a hand-made one never reaches DynamoDB with an empty, oversized
   * or foreign key (http/cursor.ts).
   */
  readonly keyShape: Readonly<Record<string, RegExp>>;
}

/** Pieces of key patterns (regular-expression sources): ids are ULIDs, dates ISO days, instants ISO with milliseconds. */
export const keyPattern = {
  id: '[0-9A-HJKMNP-TV-Z]{26}',
  date: '\\d{4}-\\d{2}-\\d{2}',
  instant: '\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z',
  /** A fixed part of a key, matched as written. */
  literal: (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'),
} as const;

// A list's Query is built anew for each request; its patterns are made once per source.
const patterns = new Map<string, RegExp>();
function anchored(source: string): RegExp {
  let pattern = patterns.get(source);
  if (!pattern) patterns.set(source, (pattern = new RegExp(`^${source}$`)));
  return pattern;
}

/** The table key of an item: its partition and sort key, as pattern sources. */
export interface ItemKeyShape {
  readonly partition: string;
  readonly sort: string;
}

const entityPrefix: Record<EntityName, string> = {
  rounds: 'ROUND',
  repatriations: 'REPATRIATION',
  persons: 'PERSON',
  agreements: 'AGREEMENT',
  negotiations: 'NEGOTIATION',
  reconciliations: 'RECONCILIATION',
};
/** Sorts after every id character, so `<date>#~` closes a range that includes the whole day. */
const HIGHEST = '~';

export function recordKey(entity: EntityName, id: string): Key {
  const prefix = entityPrefix[entity];
  return { [PARTITION_KEY]: `${prefix}#${id}`, [SORT_KEY]: prefix };
}

/** The shape of recordKey(entity, <any id>). */
export function recordKeyShape(entity: EntityName): ItemKeyShape {
  const prefix = entityPrefix[entity];
  return { partition: `${prefix}#${keyPattern.id}`, sort: prefix };
}

function indexKeyNames(indexName: string): [string, string] {
  const index = globalIndexes.find((candidate) => candidate.name === indexName);
  if (!index) throw new Error(`Unknown index ${indexName}`);
  return [index.partitionKey, index.sortKey];
}

/** A Query on one partition of an index whose items have table keys `item` and index sort keys `indexSort`. */
export function indexQuery(
  indexName: string,
  partitionValue: string,
  shape: { readonly item: ItemKeyShape; readonly indexSort: string },
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
    keyShape: { [PARTITION_KEY]: anchored(shape.item.partition), [SORT_KEY]: anchored(shape.item.sort), [sk]: anchored(shape.indexSort) },
  };
}

/** A Query on one partition of the table itself (read consistently), whose sort keys look like `sort`. */
export function tableQuery(
  partitionValue: string,
  sort: string,
  options: { range?: { from: string; to: string }; filters?: readonly AttributeFilter[]; ascending?: boolean } = {},
): ListQuery {
  return {
    partition: { name: PARTITION_KEY, value: partitionValue },
    range: options.range && { name: SORT_KEY, ...options.range },
    filters: options.filters?.length ? options.filters : undefined,
    ...(options.ascending ? { ascending: true } : {}),
    keyAttributes: [PARTITION_KEY, SORT_KEY],
    keyShape: { [SORT_KEY]: anchored(sort) },
  };
}

/** Inclusive date bounds as a sort-key range over `<prefix><date>#<id>`. */
const dateRange = (from: string, to: string, prefix = '') => ({ from: `${prefix}${from}#`, to: `${prefix}${to}#${HIGHEST}` });

/** The sort-key range of a from/to filter; none when neither bound is given. */
export function dateRangeOf(filter: DatedFilter): { from: string; to: string } | undefined {
  return filter.from || filter.to ? dateRange(filter.from ?? '0000-01-01', filter.to ?? '9999-12-31') : undefined;
}

/** The same over sort keys `<prefix><date>#<id>`, always bounded: the prefix alone is a range of the partition. */
export function prefixedDateRange(prefix: string, filter: DatedFilter): { from: string; to: string } {
  return dateRange(filter.from ?? '0000-01-01', filter.to ?? '9999-12-31', prefix);
}

export interface DatedFilter {
  readonly from?: string;
  readonly to?: string;
}


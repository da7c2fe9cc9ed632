/**
 * Every key, index and access pattern of the single table, in one place (docs/access-patterns.md
 * lists them for readers). Sort keys that order lists by date keep the date first, so a year or a
 * from/to range is a key condition and never a filter.
 */
import { globalIndexes, PARTITION_KEY, SORT_KEY, STATS_INDEX, TTL_ATTRIBUTE } from './table-definition';

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

function indexQuery(
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

// Statistics: GSI6 is sparse, projecting only counted fields. Rounds and repatriations (hundreds)
// each have one partition. Persons (up to hundreds of thousands) are spread over segments by a hash
// of the id: a refresh reads the segments in parallel, no single index partition takes every person
// write, and no Query has to page through all persons (DynamoDB Local's time per page grows with
// what is left of the partition, which made one partition of 100,000 persons quadratic; see
// docs/benchmarks.md). Segment 0 keeps the name of the one partition that came before
// segmentation (`STATS#PERSONS`), so persons stored before it are still counted, in segment 0.
export type CountedKind = 'rounds' | 'repatriations' | 'persons';

export const STATS_SEGMENTS: Readonly<Record<CountedKind, number>> = { rounds: 1, repatriations: 1, persons: 32 };

/** FNV-1a (32 bits) of the id: stable across processes and versions, spread evenly by ULIDs' random tail. */
export function statsSegmentOf(id: string, segments: number): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) {
    hash ^= id.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % segments;
}

const statsPartition = (kind: CountedKind, segment: number) =>
  segment === 0 ? `STATS#${kind.toUpperCase()}` : `STATS#${kind.toUpperCase()}#${String(segment).padStart(2, '0')}`;

function statsIndexAttributes(kind: CountedKind, id: string): Key {
  return { GSI6PK: statsPartition(kind, statsSegmentOf(id, STATS_SEGMENTS[kind])), GSI6SK: id };
}

/** One Query per segment of a kind; together they read every record of the kind exactly once. */
export function statsSourceQueries(kind: CountedKind): ListQuery[] {
  return Array.from({ length: STATS_SEGMENTS[kind] }, (_, segment) => indexQuery(STATS_INDEX, statsPartition(kind, segment)));
}

/** The stored statistics: one item, replaced whole by each refresh. */
export const statsKey: Key = { [PARTITION_KEY]: 'STATS', [SORT_KEY]: 'SUMMARY' };

/** The sort-key range of a from/to filter; none when neither bound is given. */
function dateRangeOf(filter: DatedFilter): { from: string; to: string } | undefined {
  return filter.from || filter.to ? dateRange(filter.from ?? '0000-01-01', filter.to ?? '9999-12-31') : undefined;
}

export interface DatedFilter {
  readonly from?: string;
  readonly to?: string;
}

// Rounds: GSI1 holds every round by date; GSI2 holds them per status by date.
export function roundIndexAttributes(round: { id: string; date: string; status: string }): Key {
  const dated = `${round.date}#${round.id}`;
  return {
    GSI1PK: 'ROUNDS',
    GSI1SK: dated,
    GSI2PK: `ROUNDS#STATUS#${round.status}`,
    GSI2SK: dated,
    // Only completed rounds count in the statistics: the others stay out of the stats index.
    ...(round.status === 'completed' ? statsIndexAttributes('rounds', round.id) : {}),
  };
}

export function roundsQuery(filter: DatedFilter & { status?: string }): ListQuery {
  const range = dateRangeOf(filter);
  return filter.status
    ? indexQuery('GSI2', `ROUNDS#STATUS#${filter.status}`, range)
    : indexQuery('GSI1', 'ROUNDS', range);
}

// Idempotency records: one item per (route, key), removed by TTL after 24 h.
export function idempotencyKey(scope: string, key: string): Key {
  return { [PARTITION_KEY]: `IDEMPOTENCY#${scope}#${key}`, [SORT_KEY]: 'IDEMPOTENCY' };
}

// Audit records: one partition per audited record, read newest first. The sort key is the
// record's version after the change (a delete counts as one more): writes to a record are
// serialised by their version condition, so this orders them even within one millisecond or
// across Lambda instances whose clocks differ.
export function auditKey(entity: EntityName, id: string, sequence: number): Key {
  return { [PARTITION_KEY]: `AUDIT#${entity}#${id}`, [SORT_KEY]: `V#${String(sequence).padStart(10, '0')}` };
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

/** Bookkeeping on a round: how many persons name it, so deleting or un-completing it can be refused atomically. */
export const REFERENCE_COUNT = '_references';

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

/** How a kind of record is laid out: its index attributes, companion items and references. */
export interface RecordLayout<R> {
  readonly entity: EntityName;
  readonly indexAttributes: (record: R) => Key;
  readonly companions?: (record: R) => Companion[];
  readonly references?: (record: R) => Reference[];
}

type Rec = { id: string; createdAt: string };

export const roundLayout: RecordLayout<Rec & { date: string; status: string }> = {
  entity: 'rounds',
  indexAttributes: roundIndexAttributes,
};

// Repatriations: GSI1 holds them all by date.
export const repatriationLayout: RecordLayout<Rec & { date: string }> = {
  entity: 'repatriations',
  indexAttributes: (r) => ({ GSI1PK: 'REPATRIATIONS', GSI1SK: `${r.date}#${r.id}`, ...statsIndexAttributes('repatriations', r.id) }),
};

export function repatriationsQuery(filter: DatedFilter): ListQuery {
  const range = dateRangeOf(filter);
  return indexQuery('GSI1', 'REPATRIATIONS', range);
}

// Persons, newest created first: GSI1 all, GSI2 per status, GSI3 per side, GSI4 per kind, GSI5 per
// round (sparse: only exchanged persons). A person has several categories, so each category is a
// companion item (PK=PERSON#id, SK=CATEGORY#c) with a copy of the person, listed in GSI1.
type PersonShape = Rec & { status: string; side: string; kind: string; roundId?: string; categories?: readonly string[] };

const personsOfRound = (roundId: string) => `ROUND#${roundId}#PERSONS`;

export const personLayout: RecordLayout<PersonShape> = {
  entity: 'persons',
  indexAttributes: (p) => {
    const created = `${p.createdAt}#${p.id}`;
    return {
      GSI1PK: 'PERSONS',
      GSI1SK: created,
      GSI2PK: `PERSONS#STATUS#${p.status}`,
      GSI2SK: created,
      GSI3PK: `PERSONS#SIDE#${p.side}`,
      GSI3SK: created,
      GSI4PK: `PERSONS#KIND#${p.kind}`,
      GSI4SK: created,
      ...(p.roundId ? { GSI5PK: personsOfRound(p.roundId), GSI5SK: created } : {}),
      ...statsIndexAttributes('persons', p.id),
    };
  },
  companions: (p) =>
    (p.categories ?? []).map((category) => ({
      key: { [PARTITION_KEY]: `PERSON#${p.id}`, [SORT_KEY]: `CATEGORY#${category}` },
      indexAttributes: { GSI1PK: `PERSONS#CATEGORY#${category}`, GSI1SK: `${p.createdAt}#${p.id}` },
    })),
  references: (p) => (p.roundId ? [{ key: recordKey('rounds', p.roundId), mustHave: { attribute: 'status', value: 'completed' } }] : []),
};

export interface PersonFilter {
  readonly status?: string;
  readonly side?: string;
  readonly kind?: string;
  readonly category?: string;
  readonly roundId?: string;
}

/**
 * The most selective filter chooses the index (a round's persons, then a category, status, kind,
 * side); the others narrow that index's partition, never the whole collection.
 */
export function personsQuery(filter: PersonFilter): ListQuery {
  const equals = (name: string, value?: string): AttributeFilter[] => (value ? [{ name, op: 'equals', value }] : []);
  const inCategory: AttributeFilter[] = filter.category ? [{ name: 'categories', op: 'contains', value: filter.category }] : [];
  if (filter.roundId) {
    return indexQuery('GSI5', personsOfRound(filter.roundId), undefined, [
      ...equals('status', filter.status), ...equals('side', filter.side), ...equals('kind', filter.kind), ...inCategory,
    ]);
  }
  if (filter.category) {
    return indexQuery('GSI1', `PERSONS#CATEGORY#${filter.category}`, undefined, [
      ...equals('status', filter.status), ...equals('side', filter.side), ...equals('kind', filter.kind),
    ]);
  }
  if (filter.status) {
    return indexQuery('GSI2', `PERSONS#STATUS#${filter.status}`, undefined, [...equals('side', filter.side), ...equals('kind', filter.kind)]);
  }
  if (filter.kind) return indexQuery('GSI4', `PERSONS#KIND#${filter.kind}`, undefined, equals('side', filter.side));
  if (filter.side) return indexQuery('GSI3', `PERSONS#SIDE#${filter.side}`);
  return indexQuery('GSI1', 'PERSONS');
}

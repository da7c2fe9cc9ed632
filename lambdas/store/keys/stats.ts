/** Keys of the statistics: the sparse stats index's segments, and the one item that holds the result. */
import { NAMES_INDEX, PARTITION_KEY, SORT_KEY, STATS_INDEX } from '../table-definition';
import { indexQuery, keyPattern, recordKeyShape, type Key, type ListQuery } from './query';

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

export function statsIndexAttributes(kind: CountedKind, id: string): Key {
  return { GSI6PK: statsPartition(kind, statsSegmentOf(id, STATS_SEGMENTS[kind])), GSI6SK: id };
}

/** One Query per segment of a kind; together they read every record of the kind exactly once. */
export function statsSourceQueries(kind: CountedKind): ListQuery[] {
  const shape = { item: recordKeyShape(kind), indexSort: keyPattern.id };
  return Array.from({ length: STATS_SEGMENTS[kind] }, (_, segment) => indexQuery(STATS_INDEX, statsPartition(kind, segment), shape));
}

/** The stored statistics: one item, replaced whole by each refresh. */
export const statsKey: Key = { [PARTITION_KEY]: 'STATS', [SORT_KEY]: 'SUMMARY' };


/** The persons' segments again, on the names index (same keys, other projection): what a reconciliation reads. */
export function nameSourceQueries(): ListQuery[] {
  const shape = { item: recordKeyShape('persons'), indexSort: keyPattern.id };
  return Array.from({ length: STATS_SEGMENTS.persons }, (_, segment) => indexQuery(NAMES_INDEX, statsPartition('persons', segment), shape));
}

/**
 * Reconciliations: the report item (`RECONCILIATION#<id>` / `RECONCILIATION`, listed in GSI1
 * `RECONCILIATIONS` newest first) and, beside it, two partitions of its own: the entries in list
 * order (`…#ENTRIES`, SK `ENTRY#<index, 5 digits>`, each also in GSI1 under its outcome) and the held
 * persons the list leaves out (`…#OMITTED`, SK `CHUNK#<5 digits>`, OMITTED_PER_CHUNK persons each in
 * person id order: a list of 2,000 against a side with 60,000 held persons omits nearly all of them,
 * and one item per person would be 2,400 batch writes). A list of 2,000 entries does not fit one
 * item (400 KB), nor one transaction (100 items): all of these are written in batches before the
 * report item, which is what makes them visible, and removed after it.
 */
import { PARTITION_KEY, SORT_KEY } from '../table-definition';
import { indexQuery, keyPattern, recordKey, recordKeyShape, tableQuery, type Key, type ListQuery } from './query';
import type { LaidOutRecord, RecordLayout } from './layout';

const reportPartition = (id: string) => recordKey('reconciliations', id)[PARTITION_KEY]!;
export const entriesPartition = (id: string) => `${reportPartition(id)}#ENTRIES`;
export const omittedPartition = (id: string) => `${reportPartition(id)}#OMITTED`;
const outcomePartition = (id: string, outcome: string) => `${reportPartition(id)}#${outcome.toUpperCase()}`;

const ENTRY_DIGITS = 5;
const entrySort = (index: number) => `ENTRY#${String(index).padStart(ENTRY_DIGITS, '0')}`;

export const reconciliationLayout: RecordLayout<LaidOutRecord> = {
  entity: 'reconciliations',
  indexAttributes: (r) => ({ GSI1PK: 'RECONCILIATIONS', GSI1SK: `${r.createdAt}#${r.id}` }),
};

export function reconciliationsQuery(): ListQuery {
  return indexQuery('GSI1', 'RECONCILIATIONS', { item: recordKeyShape('reconciliations'), indexSort: `${keyPattern.instant}#${keyPattern.id}` });
}

/** An entry's item: its keys, and its outcome's index keys (so `?outcome=` is a key condition, in list order). */
export function entryItemKeys(id: string, index: number, outcome: string): Key {
  return { [PARTITION_KEY]: entriesPartition(id), [SORT_KEY]: entrySort(index), GSI1PK: outcomePartition(id, outcome), GSI1SK: entrySort(index) };
}

/** Omitted persons per chunk item: about 100 bytes each, so a chunk stays near 50 KB, far from the 400 KB item limit. */
export const OMITTED_PER_CHUNK = 500;
const CHUNK_DIGITS = 5;
const chunkSort = (chunk: number) => `CHUNK#${String(chunk).padStart(CHUNK_DIGITS, '0')}`;

export function omittedChunkKey(id: string, chunk: number): Key {
  return { [PARTITION_KEY]: omittedPartition(id), [SORT_KEY]: chunkSort(chunk) };
}

/** The chunks from `chunk` on, in order: a page of at most 100 persons spans at most two. */
export function omittedChunksQuery(id: string, chunk: number): ListQuery {
  return { ...tableQuery(omittedPartition(id), `CHUNK#\\d{${CHUNK_DIGITS}}`, { range: { from: chunkSort(chunk), to: chunkSort(10 ** CHUNK_DIGITS - 1) } }), ascending: true };
}

const entryShape = `ENTRY#\\d{${ENTRY_DIGITS}}`;

/** The entries in list order, all or of one outcome. */
export function entriesQuery(id: string, outcome?: string): ListQuery {
  const query = outcome
    ? indexQuery('GSI1', outcomePartition(id, outcome), { item: { partition: keyPattern.literal(entriesPartition(id)), sort: entryShape }, indexSort: entryShape })
    : tableQuery(entriesPartition(id), entryShape);
  return { ...query, ascending: true };
}

/**
 * Agreements: GSI1 holds them all by `reachedOn`, GSI2 per status. Beside each agreement's item
 * (`AGREEMENT#<id>` / `AGREEMENT`, with the count of what names it), a partition of its own,
 * `AGREEMENT#<id>#LINKS`, holds what names it, so that its progress and its linked lists are one
 * consistent Query of the table, never a GSI that may lag a write:
 *
 * | SK | item |
 * |---|---|
 * | `NEGOTIATION#<date>#<id>` | a copy of each negotiation event that names it |
 * | `REPATRIATION#<date>#<id>` | a copy of each repatriation that names it |
 * | `ROUND#<date>#<id>` | a copy of each round that names it |
 * | `STAGE#<nnnn>` | the claim of one stage number by one round (uniqueness) |
 *
 * The sort order puts repatriations and rounds side by side: progress reads that one range. The
 * links are a partition apart from the agreement so that the functions writing rounds,
 * repatriations and events may put and delete items there (IAM restricts the partition key) and
 * never the agreement itself, whose counter is all they may update.
 */
import { PARTITION_KEY, SORT_KEY } from '../table-definition';
import { dateRangeOf, indexQuery, keyPattern, prefixedDateRange, recordKey, recordKeyShape, tableQuery, type AttributeFilter, type DatedFilter, type Key, type ListQuery } from './query';
import type { Companion, LaidOutRecord, RecordLayout, Reference, Unique } from './layout';

export type LinkedKind = 'ROUND' | 'REPATRIATION' | 'NEGOTIATION';

const linksPartition = (agreementId: string) => `${recordKey('agreements', agreementId)[PARTITION_KEY]!}#LINKS`;

/** The copy of a record that names an agreement, kept in the agreement's partition. */
export function linkedCopy(kind: LinkedKind, record: { id: string; date: string; agreementId?: string }): Companion[] {
  if (!record.agreementId) return [];
  return [{ key: { [PARTITION_KEY]: linksPartition(record.agreementId), [SORT_KEY]: `${kind}#${record.date}#${record.id}` }, indexAttributes: {} }];
}

/** The agreement a record names must exist while it names it. */
export function agreementReference(record: { agreementId?: string }): Reference[] {
  return record.agreementId ? [{ key: recordKey('agreements', record.agreementId), field: 'agreementId', target: 'agreement' }] : [];
}

/** Stage numbers are at most 4 digits in practice; padding keeps the claims in order for a reader. */
const stageKey = (agreementId: string, stage: number): Key => ({
  [PARTITION_KEY]: linksPartition(agreementId),
  [SORT_KEY]: `STAGE#${String(stage).padStart(4, '0')}`,
});

/** Among the rounds of one agreement, each stage number is one round's. */
export function stageClaim(round: { agreementId?: string; stage?: number }): Unique[] {
  if (!round.agreementId || round.stage === undefined) return [];
  return [{ key: stageKey(round.agreementId, round.stage), field: 'stage', message: `Another round of this agreement is already stage ${round.stage}` }];
}

type AgreementShape = LaidOutRecord & { reachedOn: string; status: string };

export const agreementLayout: RecordLayout<AgreementShape> = {
  entity: 'agreements',
  indexAttributes: (a) => {
    const reached = `${a.reachedOn}#${a.id}`;
    return { GSI1PK: 'AGREEMENTS', GSI1SK: reached, GSI2PK: `AGREEMENTS#STATUS#${a.status}`, GSI2SK: reached };
  },
};

const listed = { item: recordKeyShape('agreements'), indexSort: `${keyPattern.date}#${keyPattern.id}` };

export function agreementsQuery(filter: DatedFilter & { status?: string }): ListQuery {
  const range = dateRangeOf(filter);
  return filter.status
    ? indexQuery('GSI2', `AGREEMENTS#STATUS#${filter.status}`, listed, range)
    : indexQuery('GSI1', 'AGREEMENTS', listed, range);
}

/** The copies of one kind that name an agreement, by date (newest first unless `ascending`). */
export function linkedQuery(
  kind: LinkedKind,
  agreementId: string,
  filter: DatedFilter,
  options: { filters?: readonly AttributeFilter[]; ascending?: boolean } = {},
): ListQuery {
  return tableQuery(linksPartition(agreementId), `${kind}#${keyPattern.date}#${keyPattern.id}`, {
    range: prefixedDateRange(`${kind}#`, filter),
    ...options,
  });
}

/** What progress reads: every repatriation and round that names the agreement (one sort-key range), figures only. */
export function progressSourceQuery(agreementId: string): ListQuery {
  return tableQuery(linksPartition(agreementId), `(REPATRIATION|ROUND)#${keyPattern.date}#${keyPattern.id}`, {
    range: { from: 'REPATRIATION#', to: 'ROUND#~' },
  });
}

/** Repatriations: GSI1 holds them all by date; those that name an agreement also have a copy in its partition. */
import { dateRangeOf, indexQuery, keyPattern, recordKeyShape, type DatedFilter, type ListQuery } from './query';
import { statedFiguresAttribute, type LaidOutRecord, type RecordLayout } from './layout';
import { statsIndexAttributes } from './stats';
import { agreementReference, linkedCopy, linkedQuery } from './agreements';

type RepatriationShape = LaidOutRecord & { date: string; agreementId?: string; sources?: readonly { figures?: Record<string, number | undefined> }[] };

export const repatriationLayout: RecordLayout<RepatriationShape> = {
  entity: 'repatriations',
  indexAttributes: (r) => ({ GSI1PK: 'REPATRIATIONS', GSI1SK: `${r.date}#${r.id}`, ...statsIndexAttributes('repatriations', r.id) }),
  companions: (r) => linkedCopy('REPATRIATION', r),
  references: agreementReference,
  storedAttributes: statedFiguresAttribute,
};

export function repatriationsQuery(filter: DatedFilter & { agreementId?: string }): ListQuery {
  if (filter.agreementId) return linkedQuery('REPATRIATION', filter.agreementId, filter);
  const range = dateRangeOf(filter);
  return indexQuery('GSI1', 'REPATRIATIONS', { item: recordKeyShape('repatriations'), indexSort: `${keyPattern.date}#${keyPattern.id}` }, range);
}

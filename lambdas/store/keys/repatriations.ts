/** Repatriations: GSI1 holds them all by date. */
import { dateRangeOf, indexQuery, keyPattern, recordKeyShape, type DatedFilter, type ListQuery } from './query';
import type { LaidOutRecord, RecordLayout } from './layout';
import { statsIndexAttributes } from './stats';

export const repatriationLayout: RecordLayout<LaidOutRecord & { date: string }> = {
  entity: 'repatriations',
  indexAttributes: (r) => ({ GSI1PK: 'REPATRIATIONS', GSI1SK: `${r.date}#${r.id}`, ...statsIndexAttributes('repatriations', r.id) }),
};

export function repatriationsQuery(filter: DatedFilter): ListQuery {
  const range = dateRangeOf(filter);
  return indexQuery('GSI1', 'REPATRIATIONS', { item: recordKeyShape('repatriations'), indexSort: `${keyPattern.date}#${keyPattern.id}` }, range);
}


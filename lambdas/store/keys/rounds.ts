/**
 * Rounds: GSI1 holds every round by date; GSI2 holds them per status by date. A round that names
 * an agreement has a copy in the agreement's partition (keys/agreements.ts), where its list by
 * agreement is read oldest first, and claims its stage there.
 */
import { dateRangeOf, indexQuery, keyPattern, recordKeyShape, type AttributeFilter, type DatedFilter, type Key, type ListQuery } from './query';
import { statedFiguresAttribute, type LaidOutRecord, type RecordLayout } from './layout';
import { statsIndexAttributes } from './stats';
import { agreementReference, linkedCopy, linkedQuery, stageClaim } from './agreements';

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

const listed = { item: recordKeyShape('rounds'), indexSort: `${keyPattern.date}#${keyPattern.id}` };

export function roundsQuery(filter: DatedFilter & { status?: string; agreementId?: string }): ListQuery {
  if (filter.agreementId) {
    // The order a deal was carried out in.
    const filters: AttributeFilter[] = filter.status ? [{ name: 'status', op: 'equals', value: filter.status }] : [];
    return linkedQuery('ROUND', filter.agreementId, filter, { filters, ascending: true });
  }
  const range = dateRangeOf(filter);
  return filter.status
    ? indexQuery('GSI2', `ROUNDS#STATUS#${filter.status}`, listed, range)
    : indexQuery('GSI1', 'ROUNDS', listed, range);
}

type RoundShape = LaidOutRecord & { date: string; status: string; agreementId?: string; stage?: number; sources?: readonly { figures?: Record<string, number | undefined> }[] };

export const roundLayout: RecordLayout<RoundShape> = {
  entity: 'rounds',
  indexAttributes: roundIndexAttributes,
  companions: (r) => linkedCopy('ROUND', r),
  references: agreementReference,
  storedAttributes: statedFiguresAttribute,
  uniques: stageClaim,
};

/** Rounds: GSI1 holds every round by date; GSI2 holds them per status by date. */
import { dateRangeOf, indexQuery, keyPattern, recordKeyShape, type DatedFilter, type Key, type ListQuery } from './query';
import type { LaidOutRecord, RecordLayout } from './layout';
import { statsIndexAttributes } from './stats';

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

export function roundsQuery(filter: DatedFilter & { status?: string }): ListQuery {
  const range = dateRangeOf(filter);
  return filter.status
    ? indexQuery('GSI2', `ROUNDS#STATUS#${filter.status}`, listed, range)
    : indexQuery('GSI1', 'ROUNDS', listed, range);
}

export const roundLayout: RecordLayout<LaidOutRecord & { date: string; status: string }> = {
  entity: 'rounds',
  indexAttributes: roundIndexAttributes,
};


/** Negotiation events: GSI1 holds them all by date, GSI2 per kind; those that name an agreement also have a copy in its partition. */
import { dateRangeOf, indexQuery, keyPattern, recordKeyShape, type AttributeFilter, type DatedFilter, type ListQuery } from './query';
import type { LaidOutRecord, RecordLayout } from './layout';
import { agreementReference, linkedCopy, linkedQuery } from './agreements';

type NegotiationShape = LaidOutRecord & { date: string; kind: string; agreementId?: string };

export const negotiationLayout: RecordLayout<NegotiationShape> = {
  entity: 'negotiations',
  indexAttributes: (n) => {
    const dated = `${n.date}#${n.id}`;
    return { GSI1PK: 'NEGOTIATIONS', GSI1SK: dated, GSI2PK: `NEGOTIATIONS#KIND#${n.kind}`, GSI2SK: dated };
  },
  companions: (n) => linkedCopy('NEGOTIATION', n),
  references: agreementReference,
};

const listed = { item: recordKeyShape('negotiations'), indexSort: `${keyPattern.date}#${keyPattern.id}` };

/** An agreement's events are read from its partition (the kind a filter there); otherwise a kind has its own index partition. */
export function negotiationsQuery(filter: DatedFilter & { kind?: string; agreementId?: string }): ListQuery {
  if (filter.agreementId) {
    const filters: AttributeFilter[] = filter.kind ? [{ name: 'kind', op: 'equals', value: filter.kind }] : [];
    return linkedQuery('NEGOTIATION', filter.agreementId, filter, { filters });
  }
  const range = dateRangeOf(filter);
  return filter.kind
    ? indexQuery('GSI2', `NEGOTIATIONS#KIND#${filter.kind}`, listed, range)
    : indexQuery('GSI1', 'NEGOTIATIONS', listed, range);
}

/** The newest event: `latest.negotiationOn` in the statistics. */
export const latestNegotiationQuery = (): ListQuery => negotiationsQuery({});

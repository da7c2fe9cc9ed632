/**
 * Persons, newest created first: GSI1 all, GSI2 per status, GSI3 per side, GSI4 per kind, GSI5 per
 * round (sparse: only exchanged persons). A person has several categories, so each category is a
 * companion item (PK=PERSON#id, SK=CATEGORY#c) with a copy of the person, listed in GSI1.
 */
import { PARTITION_KEY, SORT_KEY } from '../table-definition';
import { indexQuery, keyPattern, recordKey, recordKeyShape, type AttributeFilter, type ListQuery } from './query';
import type { LaidOutRecord, RecordLayout } from './layout';
import { statsIndexAttributes } from './stats';

type PersonShape = LaidOutRecord & { status: string; side: string; kind: string; roundId?: string; categories?: readonly string[] };

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
  references: (p) =>
    p.roundId
      ? [{ key: recordKey('rounds', p.roundId), field: 'roundId', target: 'completed round', mustHave: { attribute: 'status', value: 'completed' } }]
      : [],
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
const byCreation = `${keyPattern.instant}#${keyPattern.id}`;
const listed = { item: recordKeyShape('persons'), indexSort: byCreation };
const companionOf = (category: string) => ({
  item: { partition: `PERSON#${keyPattern.id}`, sort: `CATEGORY#${keyPattern.literal(category)}` },
  indexSort: byCreation,
});

export function personsQuery(filter: PersonFilter): ListQuery {
  const equals = (name: string, value?: string): AttributeFilter[] => (value ? [{ name, op: 'equals', value }] : []);
  const inCategory: AttributeFilter[] = filter.category ? [{ name: 'categories', op: 'contains', value: filter.category }] : [];
  if (filter.roundId) {
    return indexQuery('GSI5', personsOfRound(filter.roundId), listed, undefined, [
      ...equals('status', filter.status), ...equals('side', filter.side), ...equals('kind', filter.kind), ...inCategory,
    ]);
  }
  if (filter.category) {
    return indexQuery('GSI1', `PERSONS#CATEGORY#${filter.category}`, companionOf(filter.category), undefined, [
      ...equals('status', filter.status), ...equals('side', filter.side), ...equals('kind', filter.kind),
    ]);
  }
  if (filter.status) {
    return indexQuery('GSI2', `PERSONS#STATUS#${filter.status}`, listed, undefined, [...equals('side', filter.side), ...equals('kind', filter.kind)]);
  }
  if (filter.kind) return indexQuery('GSI4', `PERSONS#KIND#${filter.kind}`, listed, undefined, equals('side', filter.side));
  if (filter.side) return indexQuery('GSI3', `PERSONS#SIDE#${filter.side}`, listed);
  return indexQuery('GSI1', 'PERSONS', listed);
}

/**
 * Which partitions each function may reach, for its IAM grant: per DynamoDB action the partition
 * key values it may name on the table, and per index the partition values it may query. The CDK
 * grant (lib/function/table-actions.ts) turns this into statements conditioned on
 * `dynamodb:LeadingKeys`; docs/access-patterns.md lists the result.
 *
 * Values are IAM `StringLike` patterns. They are made by calling the key builders with `*` for the
 * part a request fills in (an id, a key, a filter value), so a renamed prefix renames its grant;
 * the grants tests run the handlers and check every key they send against the synthesized policy.
 * It imports the key builders only (no SDK, no handler code), so the stack can read it at synthesis.
 */
import type { FunctionName } from '../routes';
import { PARTITION_KEY } from './table-definition';
import {
  agreementLayout,
  agreementsQuery,
  auditKey,
  entityNames,
  auditQuery,
  idempotencyKey,
  latestNegotiationQuery,
  linkedQuery,
  negotiationLayout,
  negotiationsQuery,
  personLayout,
  personsQuery,
  recordKey,
  repatriationLayout,
  repatriationsQuery,
  roundLayout,
  roundsQuery,
  statsKey,
  statsSourceQueries,
  progressSourceQuery,
  entriesPartition,
  entriesQuery,
  nameSourceQueries,
  omittedPartition,
  reconciliationLayout,
  reconciliationsQuery,
  type CountedKind,
  type Key,
  type ListQuery,
  type RecordLayout,
} from './keys';

/**
 * What the store sends. A transaction's Put, Update and Delete are authorized as PutItem, UpdateItem,
 * DeleteItem; a BatchWriteItem (a reconciliation's entries) is bounded by LeadingKeys item by item.
 */
export type TableAction = 'GetItem' | 'Query' | 'PutItem' | 'UpdateItem' | 'DeleteItem' | 'BatchWriteItem';
export const WRITE_ACTIONS: readonly TableAction[] = ['PutItem', 'UpdateItem', 'DeleteItem', 'BatchWriteItem'];

export interface KeyPrefixes {
  /** On the table itself: the `PK` patterns each action may name. */
  readonly table: Readonly<Partial<Record<TableAction, readonly string[]>>>;
  /** Query only, per index: patterns of the index's partition key value. An index left out is not granted. */
  readonly indexes: Readonly<Record<string, readonly string[]>>;
}

/** Stands for the part of a key that a request fills in. */
const ANY = '*';

const pk = (key: Key): string => key[PARTITION_KEY]!;
const unique = (values: readonly string[]): string[] => [...new Set(values)];

function indexPartitions(...queries: ListQuery[]): Record<string, string[]> {
  const byIndex: Record<string, string[]> = {};
  for (const query of queries) {
    if (!query.indexName) throw new Error(`${query.partition.value} is a table query, not an index query`);
    byIndex[query.indexName] = unique([...(byIndex[query.indexName] ?? []), query.partition.value]);
  }
  return byIndex;
}

/** Every field a layout reads, each a wildcard: its companions and references then come out as patterns. */
const anyRecord = { id: ANY, createdAt: ANY, date: ANY, reachedOn: ANY, status: ANY, side: ANY, kind: ANY, roundId: ANY, agreementId: ANY, stage: 1, categories: [ANY] };

/**
 * A write function of one kind: it reads the record (and the idempotency record of its POST), and
 * writes the record, its companions, its audit trail, the idempotency record and the reference
 * counters on the records it names (a person's round).
 */
function recordWriter<R>(layout: RecordLayout<R>, collectionPath: string): KeyPrefixes {
  const sample = anyRecord as unknown as R;
  const own = pk(recordKey(layout.entity, ANY));
  const companions = (layout.companions?.(sample) ?? []).map((companion) => pk(companion.key));
  const named = (layout.references?.(sample) ?? []).map((reference) => pk(reference.key));
  const claims = (layout.uniques?.(sample) ?? []).map((claim) => pk(claim.key));
  // Scoped to the route and the caller, as record-routes.ts scopes the keys; deleted with the
  // record it created (records.ts deleteRecord).
  const replay = pk(idempotencyKey(`POST ${collectionPath}`, ANY, ANY));
  return {
    table: {
      GetItem: [own, replay],
      PutItem: unique([own, ...companions, ...claims, pk(auditKey(layout.entity, ANY, 0)), replay]),
      UpdateItem: unique([own, ...named]),
      DeleteItem: unique([own, ...companions, ...claims, replay]),
    },
    indexes: {},
  };
}

/** The partition of what names an agreement, where its progress and the lists by agreement are read. */
const agreementLinks = progressSourceQuery(ANY).partition.value;

/** A writer that also reads a partition: the answer to an agreement's PATCH carries its progress. */
const withQuery = (prefixes: KeyPrefixes, partitions: readonly string[]): KeyPrefixes => ({
  ...prefixes,
  table: { ...prefixes.table, Query: partitions },
});
const byAgreement = (kind: 'ROUND' | 'REPATRIATION' | 'NEGOTIATION') => linkedQuery(kind, ANY, {}).partition.value;
const countedKinds: readonly CountedKind[] = ['rounds', 'repatriations', 'persons'];

export const keyPrefixes: Readonly<Record<FunctionName, KeyPrefixes>> = {
  'rounds-read': {
    table: { GetItem: [pk(recordKey('rounds', ANY))], Query: [byAgreement('ROUND')] },
    indexes: indexPartitions(roundsQuery({}), roundsQuery({ status: ANY })),
  },
  'rounds-write': recordWriter(roundLayout, '/rounds'),
  'repatriations-read': {
    table: { GetItem: [pk(recordKey('repatriations', ANY))], Query: [byAgreement('REPATRIATION')] },
    indexes: indexPartitions(repatriationsQuery({})),
  },
  'repatriations-write': recordWriter(repatriationLayout, '/repatriations'),
  'persons-read': {
    // `GET /rounds/{id}/persons` reads the round first: 404 for an unknown one.
    table: { GetItem: [pk(recordKey('persons', ANY)), pk(recordKey('rounds', ANY))] },
    indexes: indexPartitions(
      personsQuery({}),
      personsQuery({ category: ANY }),
      personsQuery({ status: ANY }),
      personsQuery({ side: ANY }),
      personsQuery({ kind: ANY }),
      personsQuery({ roundId: ANY }),
    ),
  },
  'persons-write': recordWriter(personLayout, '/persons'),
  'agreements-read': {
    table: { GetItem: [pk(recordKey('agreements', ANY))], Query: [agreementLinks] },
    indexes: indexPartitions(agreementsQuery({}), agreementsQuery({ status: ANY })),
  },
  'agreements-write': withQuery(recordWriter(agreementLayout, '/agreements'), [agreementLinks]),
  'negotiations-read': {
    table: { GetItem: [pk(recordKey('negotiations', ANY))], Query: [byAgreement('NEGOTIATION')] },
    indexes: indexPartitions(negotiationsQuery({}), negotiationsQuery({ kind: ANY })),
  },
  'negotiations-write': recordWriter(negotiationLayout, '/negotiations'),
  'reconciliations-read': {
    // The report first (404 for an unknown one), then its entries and omitted persons.
    table: { GetItem: [pk(recordKey('reconciliations', ANY))], Query: [entriesPartition(ANY), omittedPartition(ANY)] },
    indexes: indexPartitions(reconciliationsQuery(), entriesQuery(ANY, ANY)),
  },
  'reconciliations-write': (() => {
    const writer = recordWriter(reconciliationLayout, '/reconciliations');
    const report = [entriesPartition(ANY), omittedPartition(ANY)];
    // A report is never changed, only created and deleted.
    const { UpdateItem: _never, ...table } = writer.table;
    return {
      table: {
        ...table,
        // The entries and omitted persons: written in batches before the report, removed after it (their keys read first).
        BatchWriteItem: report,
        Query: report,
      },
      // The persons of a side with their names: the names index's person segments only.
      indexes: indexPartitions(...nameSourceQueries()),
    };
  })(),
  'stats-read': {
    table: { GetItem: [pk(statsKey)] },
    indexes: {},
  },
  'stats-refresh': {
    // GetItem: a refresh that lost the race to a later one answers the stored result.
    table: { GetItem: [pk(statsKey)], PutItem: [pk(statsKey)] },
    indexes: indexPartitions(...countedKinds.flatMap((kind) => statsSourceQueries(kind)), agreementsQuery({}), latestNegotiationQuery()),
  },
  'exports-read': {
    // The whole lists of the public collections (the list routes' Queries without a filter), each
    // agreement's progress (the partition of its links), and the stored statistics.
    table: { GetItem: [pk(statsKey)], Query: [agreementLinks] },
    indexes: indexPartitions(roundsQuery({}), repatriationsQuery({}), agreementsQuery({}), negotiationsQuery({})),
  },
  'audit-read': {
    table: { Query: entityNames.map((entity) => auditQuery(entity, ANY).partition.value) },
    indexes: {},
  },
  'openapi-read': { table: {}, indexes: {} },
};

/** Every action the function may call, on the table or an index. */
export function actionsOf(prefixes: KeyPrefixes): TableAction[] {
  const table = Object.keys(prefixes.table) as TableAction[];
  return Object.keys(prefixes.indexes).length > 0 && !table.includes('Query') ? [...table, 'Query'] : table;
}

/**
 * The physical shape of the single table: key attributes and global secondary indexes.
 * The CDK data construct and the local table bootstrap both build the table from this,
 * so the table on AWS and on DynamoDB Local are the same.
 */
export const PARTITION_KEY = 'PK';
export const SORT_KEY = 'SK';
/** Epoch seconds; DynamoDB's TTL removes expired idempotency records. */
export const TTL_ATTRIBUTE = 'expiresAt';

export interface IndexDefinition {
  readonly name: string;
  readonly partitionKey: string;
  readonly sortKey: string;
  /** Non-key attributes the index carries; absent means ALL (lists answer full records from the index). */
  readonly include?: readonly string[];
}

export const STATS_INDEX = 'GSI6';
/** The persons' names, for reconciliations: the stats index's own keys (its segments), other attributes. */
export const NAMES_INDEX = 'GSI7';

export const globalIndexes: readonly IndexDefinition[] = [
  { name: 'GSI1', partitionKey: 'GSI1PK', sortKey: 'GSI1SK' },
  { name: 'GSI2', partitionKey: 'GSI2PK', sortKey: 'GSI2SK' },
  { name: 'GSI3', partitionKey: 'GSI3PK', sortKey: 'GSI3SK' },
  { name: 'GSI4', partitionKey: 'GSI4PK', sortKey: 'GSI4SK' },
  { name: 'GSI5', partitionKey: 'GSI5PK', sortKey: 'GSI5SK' },
  // Sparse: only what the statistics count, projecting only the counted fields, so a refresh
  // reads a few dozen bytes per record instead of whole records.
  {
    name: STATS_INDEX,
    partitionKey: 'GSI6PK',
    sortKey: 'GSI6SK',
    // `_statedFigures`: store/keys/layout.ts STATED_FIGURES.
    include: ['date', 'returnedToUkraine', 'returnedToRussia', 'bodiesToUkraine', 'bodiesToRussia', 'status', 'side', 'categories', 'agreementId', 'stage', '_statedFigures'],
  },
  // Keyed like the stats index (every person is in one of its 32 segments already, so nothing needs
  // writing for a person to be found here), projecting what a reconciliation compares a list with.
  // Its own index, so that the statistics never read a name, and only the reconciliation function
  // is granted it.
  {
    name: NAMES_INDEX,
    partitionKey: 'GSI6PK',
    sortKey: 'GSI6SK',
    include: ['fullName', 'dateOfBirth', 'serviceNumber', 'status', 'side', 'kind'],
  },
];

/**
 * Key schema and index definitions as DynamoDB's CreateTable (and CloudFormation's table resource)
 * spell them: the local bootstrap creates the table from this, and the CDK tests hold the
 * synthesized table against it. Plain data: no SDK or CDK import.
 */
export function tableSchema() {
  const keyNames = [...new Set([PARTITION_KEY, SORT_KEY, ...globalIndexes.flatMap((index) => [index.partitionKey, index.sortKey])])];
  return {
    AttributeDefinitions: keyNames.map((name) => ({ AttributeName: name, AttributeType: 'S' as const })),
    KeySchema: [
      { AttributeName: PARTITION_KEY, KeyType: 'HASH' as const },
      { AttributeName: SORT_KEY, KeyType: 'RANGE' as const },
    ],
    GlobalSecondaryIndexes: globalIndexes.map((index) => ({
      IndexName: index.name,
      KeySchema: [
        { AttributeName: index.partitionKey, KeyType: 'HASH' as const },
        { AttributeName: index.sortKey, KeyType: 'RANGE' as const },
      ],
      Projection: index.include
        ? { ProjectionType: 'INCLUDE' as const, NonKeyAttributes: [...index.include] }
        : { ProjectionType: 'ALL' as const },
    })),
  };
}

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
    include: ['date', 'returnedToUkraine', 'returnedToRussia', 'bodiesToUkraine', 'bodiesToRussia', 'status', 'side', 'categories'],
  },
];

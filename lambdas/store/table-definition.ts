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
}

/** All indexes project ALL attributes: every list answers full records from the index alone. */
export const globalIndexes: readonly IndexDefinition[] = [
  { name: 'GSI1', partitionKey: 'GSI1PK', sortKey: 'GSI1SK' },
  { name: 'GSI2', partitionKey: 'GSI2PK', sortKey: 'GSI2SK' },
  { name: 'GSI3', partitionKey: 'GSI3PK', sortKey: 'GSI3SK' },
  { name: 'GSI4', partitionKey: 'GSI4PK', sortKey: 'GSI4SK' },
  { name: 'GSI5', partitionKey: 'GSI5PK', sortKey: 'GSI5SK' },
];

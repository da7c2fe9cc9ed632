import { RemovalPolicy } from 'aws-cdk-lib';
import {
  AttributeType,
  Billing,
  ProjectionType,
  TableEncryptionV2,
  TableV2,
  type GlobalSecondaryIndexPropsV2,
} from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import {
  PARTITION_KEY,
  SORT_KEY,
  TTL_ATTRIBUTE,
  globalIndexes,
} from '../../lambdas/store/table-definition';

/**
 * The single registry table, built from the same definition as the local DynamoDB table so that
 * keys and indexes cannot differ between AWS and DynamoDB Local.
 */
export class RegistryTable extends Construct {
  readonly table: TableV2;

  constructor(scope: Construct, id: string) {
    super(scope, id);

    this.table = new TableV2(this, 'Table', {
      partitionKey: { name: PARTITION_KEY, type: AttributeType.STRING },
      sortKey: { name: SORT_KEY, type: AttributeType.STRING },
      globalSecondaryIndexes: globalIndexes.map(
        (index): GlobalSecondaryIndexPropsV2 => ({
          indexName: index.name,
          partitionKey: { name: index.partitionKey, type: AttributeType.STRING },
          sortKey: { name: index.sortKey, type: AttributeType.STRING },
          ...(index.include
            ? { projectionType: ProjectionType.INCLUDE, nonKeyAttributes: [...index.include] }
            : { projectionType: ProjectionType.ALL }),
        }),
      ),
      timeToLiveAttribute: TTL_ATTRIBUTE,
      // Traffic is small and bursty (edits after each exchange): nothing to provision for.
      billing: Billing.onDemand(),
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      // The registry is the record itself: deleting the stack must never delete it.
      removalPolicy: RemovalPolicy.RETAIN,
      // AWS-managed key (aws/dynamodb) rather than the default AWS-owned key: every use of the key
      // shows in the account's CloudTrail, which matters for a table holding personal data, at no
      // monthly key cost and with no key policy or per-function kms grants to maintain. A
      // customer-managed key would add revocation and cross-account control that nobody needs yet.
      encryption: TableEncryptionV2.awsManagedKey(),
    });
  }
}

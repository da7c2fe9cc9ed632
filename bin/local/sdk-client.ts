/**
 * The AWS SDK's clients for DynamoDB Local, for the tools around the API (starting and bootstrapping
 * DynamoDB Local, bulk loading in the benchmark, table dumps in tests) and nothing the functions
 * run: they use lambdas/store/dynamodb/. DynamoDB Local runs with -sharedDb, so region and (fixed)
 * credentials do not matter; fixed ones keep a developer's real keys out of it.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { marshallOptions } from '../../lambdas/store/dynamodb/operations';

export function localSdkClient(endpoint: string, options: { maxAttempts?: number } = {}): DynamoDBClient {
  return new DynamoDBClient({ endpoint, region: 'local', credentials: { accessKeyId: 'local', secretAccessKey: 'local' }, ...options });
}

export function sdkDocumentClient(endpoint: string): DynamoDBDocumentClient {
  // Marshalled as the API's own client marshals, so bulk-loaded items equal the ones it writes.
  return DynamoDBDocumentClient.from(localSdkClient(endpoint), { marshallOptions: { ...marshallOptions } });
}

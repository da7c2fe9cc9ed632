/**
 * What a failed DynamoDB call means, told by the AWS SDK's own exception classes and its own error
 * classification (the one its retry strategy uses), so no list of error names is kept here.
 */
import { ConditionalCheckFailedException, TransactionCanceledException, type CancellationReason } from '@aws-sdk/client-dynamodb';
import { isServerError, isThrottlingError, isTransientError } from '@smithy/core/retry';

/**
 * Codes of a cancelled transaction's items that mean "try again later", not "refused": DynamoDB
 * names them per item, and the SDK does not retry a cancelled transaction.
 */
const busyReasons = new Set(['ThrottlingError', 'ProvisionedThroughputExceeded', 'TransactionConflict']);

export function isConditionFailed(error: unknown): error is ConditionalCheckFailedException {
  return error instanceof ConditionalCheckFailedException;
}

/** The per-item reasons of a cancelled transaction, in the order of its items; undefined for other errors. */
export function cancellationReasons(error: unknown): readonly CancellationReason[] | undefined {
  return error instanceof TransactionCanceledException ? (error.CancellationReasons ?? []) : undefined;
}

/**
 * DynamoDB was busy or out of reach, after the SDK's own attempts: throttling, a timeout, a broken
 * or refused connection, a 5xx, or a transaction cancelled for one of those reasons. The caller
 * should come back later (503 with Retry-After), and nothing was written.
 */
export function isStoreUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const classified = error as Parameters<typeof isTransientError>[0];
  if (isThrottlingError(classified) || isTransientError(classified) || isServerError(classified)) return true;
  if ((error as { $fault?: string }).$fault === 'server') return true;
  return (cancellationReasons(error) ?? []).some((reason) => busyReasons.has(reason.Code ?? ''));
}

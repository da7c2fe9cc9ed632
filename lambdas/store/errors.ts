/**
 * What a failed DynamoDB call means, told by the AWS SDK's exception classes and its own error
 * classification (the one its retry strategy uses), so no list of throttling or network error
 * names is kept here. The store turns "try again later" into the domain's UnavailableError; the
 * HTTP layer never sees an SDK error it would have to know.
 */
import {
  ConditionalCheckFailedException,
  TransactionCanceledException,
  TransactionConflictException,
  type CancellationReason,
} from '@aws-sdk/client-dynamodb';
import { isThrottlingError, isTransientError } from '@smithy/core/retry';
import { RETRY_AFTER_SECONDS, UnavailableError } from '../domain/errors';

/**
 * Codes of a cancelled transaction's items that mean "try again later", not "refused": DynamoDB
 * names them per item, and the SDK does not retry a cancelled transaction. (`TransactionConflict`
 * is not one: the service retries a write that met another one, store/transaction-plan.ts.)
 */
const busyReasons = new Set(['ThrottlingError', 'ProvisionedThroughputExceeded']);

export function isConditionFailed(error: unknown): error is ConditionalCheckFailedException {
  return error instanceof ConditionalCheckFailedException;
}

/** The per-item reasons of a cancelled transaction, in the order of its items; undefined for other errors. */
export function cancellationReasons(error: unknown): readonly CancellationReason[] | undefined {
  return error instanceof TransactionCanceledException ? (error.CancellationReasons ?? []) : undefined;
}

/**
 * DynamoDB was busy or out of reach, after the SDK's own attempts: throttling, a timeout, a broken
 * or refused connection, a 5xx, a write that met a transaction, or a transaction cancelled for
 * throttling. The caller should come back later, and nothing was written.
 */
export function isStoreUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const classified = error as Parameters<typeof isTransientError>[0];
  if (isThrottlingError(classified) || isTransientError(classified)) return true;
  // Every 5xx answer: the SDK marks an error `server` by its HTTP status, modelled or not.
  if ((error as { $fault?: string }).$fault === 'server') return true;
  // A single-item write that met a transaction on the same item: DynamoDB answers 400, yet it is a race.
  if (error instanceof TransactionConflictException) return true;
  return (cancellationReasons(error) ?? []).some((reason) => busyReasons.has(reason.Code ?? ''));
}

/** Every DynamoDB call of the store goes through here: a busy or unreachable store becomes UnavailableError. */
export async function storeCall<T>(request: Promise<T>): Promise<T> {
  try {
    return await request;
  } catch (error) {
    throw isStoreUnavailable(error) ? new UnavailableError(RETRY_AFTER_SECONDS, undefined, { cause: error }) : error;
  }
}

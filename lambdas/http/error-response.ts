/**
 * Maps every error to the contract's shape. Expected failures carry their own status; DynamoDB
 * throttling and outages become 503 with Retry-After; anything else is a 500 whose answer repeats
 * the request id that the log line carries — never a stack trace.
 */
import { ApiError, preconditionFailed, unavailable } from './api-error';
import { describeError, logger } from '../logger';
import { isNetworkError } from '../store/dynamodb/errors';

const RETRY_AFTER_SECONDS = 1;
const throttled = new Set([
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'RequestLimitExceeded',
  'ThrottlingError',
  'ProvisionedThroughputExceeded',
  'LimitExceededException',
  'TransactionInProgressException',
]);
const unreachable = new Set([
  'TimeoutError',
  'InternalServerError',
  'ServiceUnavailable',
  'ServiceUnavailableException',
  'RequestTimeout',
  'RequestTimeoutException',
  'TransactionConflict',
  'TransactionConflictException',
]);

interface AwsLikeError {
  name?: string;
  CancellationReasons?: { Code?: string }[];
}

export function toApiError(error: unknown): ApiError | undefined {
  if (error instanceof ApiError) return error;
  const e = (error ?? {}) as AwsLikeError;
  const name = e.name ?? '';
  const reasons = (e.CancellationReasons ?? []).map((reason) => reason.Code ?? '');
  if (throttled.has(name) || reasons.some((code) => throttled.has(code))) return unavailable(RETRY_AFTER_SECONDS);
  if (unreachable.has(name) || reasons.some((code) => unreachable.has(code))) return unavailable(RETRY_AFTER_SECONDS);
  if (isNetworkError(error)) return unavailable(RETRY_AFTER_SECONDS);
  if (name === 'ConditionalCheckFailedException' || reasons.includes('ConditionalCheckFailed')) return preconditionFailed();
  return undefined;
}

export interface ErrorBody {
  error: { code: string; message: string; details?: readonly { path: string; message: string }[] };
}

export function errorReply(error: unknown, requestId: string, route: string): { status: number; body: ErrorBody; headers: Record<string, string> } {
  const known = toApiError(error);
  if (known) {
    if (known.status >= 500) logger.warn('request failed', { requestId, route, status: known.status, code: known.code, ...describeError(error) });
    const body: ErrorBody = { error: { code: known.code, message: known.message } };
    if (known.details?.length) body.error.details = known.details;
    return { status: known.status, body, headers: { ...known.headers } };
  }
  logger.error('unexpected error', { requestId, route, ...describeError(error) });
  return {
    status: 500,
    body: { error: { code: 'internal', message: `Unexpected error; quote request id ${requestId} when reporting it` } },
    headers: {},
  };
}

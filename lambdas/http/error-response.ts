/**
 * Maps every error to the contract's shape: the HTTP layer's own refusals carry their status; the
 * domain's errors (raised by the service and the store) are translated here and nowhere else.
 * Anything unforeseen is a 500 whose answer repeats the request id that the log line carries —
 * never a stack trace.
 */
import {
  ConflictError,
  InvalidInputError,
  InvalidReferenceError,
  NotFoundError,
  StaleVersionError,
  UnavailableError,
} from '../domain/errors';
import { ApiError, conflict, invalidReference, notFound, preconditionFailed, unavailable, validationFailed } from './api-error';
import { describeError, logger } from '../observability/logger';

export function toApiError(error: unknown): ApiError | undefined {
  if (error instanceof ApiError) return error;
  if (error instanceof NotFoundError) return notFound(error.what);
  if (error instanceof StaleVersionError) return preconditionFailed();
  if (error instanceof ConflictError) return conflict(error.message, error.details);
  if (error instanceof InvalidInputError) return validationFailed(error.details, error.message);
  if (error instanceof InvalidReferenceError) return invalidReference(error.details, error.message);
  if (error instanceof UnavailableError) return unavailable(error.retryAfterSeconds);
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

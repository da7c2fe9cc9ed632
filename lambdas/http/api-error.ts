/** Errors that the API answers on purpose, each with the contract's status and code. */
import type { ErrorDetail } from '../domain/errors';

export type { ErrorDetail };

export type ErrorCode =
  | 'validation_failed'
  | 'malformed_json'
  | 'invalid_cursor'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'precondition_failed'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'invalid_reference'
  | 'throttled'
  | 'unavailable'
  | 'internal';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly details?: readonly ErrorDetail[],
    readonly headers?: Readonly<Record<string, string>>,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export const validationFailed = (details: readonly ErrorDetail[], message = 'The request is not valid') =>
  new ApiError(400, 'validation_failed', message, details);
export const malformedJson = () => new ApiError(400, 'malformed_json', 'The request body is not valid JSON');
export const invalidCursor = () =>
  new ApiError(400, 'invalid_cursor', 'The cursor was not issued by this API for this query');
export const unauthorized = () =>
  new ApiError(401, 'unauthorized', 'A valid bearer token is required for this route');
export const forbidden = (role: string) =>
  new ApiError(403, 'forbidden', `This route needs the ${role} role`);
export const notFound = (what = 'The requested resource') => new ApiError(404, 'not_found', `${what} does not exist`);
export const conflict = (message: string, details?: readonly ErrorDetail[]) => new ApiError(409, 'conflict', message, details);
export const preconditionFailed = () =>
  new ApiError(412, 'precondition_failed', 'If-Match does not name the current version; fetch the record again');
export const payloadTooLarge = (limit: number) =>
  new ApiError(413, 'payload_too_large', `The request body is over ${limit} bytes`);
export const unsupportedMediaType = () =>
  new ApiError(415, 'unsupported_media_type', 'The request body must be application/json');
export const invalidReference = (details: readonly ErrorDetail[], message: string) =>
  new ApiError(422, 'invalid_reference', message, details);
export const unavailable = (retryAfterSeconds: number) =>
  new ApiError(503, 'unavailable', 'The data store is busy or unreachable; retry later', undefined, {
    'retry-after': String(retryAfterSeconds),
  });
